// Builds Taskhex once (the scenarios run `node dist/src/main.js`, as production does) and opens the
// verdict file the teardown prints. FAULTS_SKIP_BUILD=1 reuses an existing dist/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  if (process.env.FAULTS_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const file = join(mkdtempSync(join(tmpdir(), 'taskhex-faults-run-')), 'verdicts.txt');
  writeFileSync(file, '');
  process.env.FAULTS_VERDICTS = file;
}
