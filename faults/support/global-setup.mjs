// Builds Taskhex once (the scenarios run `node dist/src/main.js`, as production does) and makes the
// run directory: the verdicts the teardown prints, and the processes and clusters it must not leave
// behind. FAULTS_SKIP_BUILD=1 reuses an existing dist/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  if (process.env.FAULTS_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'taskhex-faults-run-'));
  writeFileSync(join(dir, 'verdicts.txt'), '');
  process.env.FAULTS_RUN_DIR = dir;
  process.env.FAULTS_VERDICTS = join(dir, 'verdicts.txt');
}
