// Prints every scenario's verdict in one block after Jest's report, then stops anything a scenario
// file left running (only the pids and clusters this run started) and removes the run directory.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const lines = (file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

export default async function globalTeardown() {
  const dir = process.env.FAULTS_RUN_DIR;
  if (!dir) return;
  const verdicts = lines(join(dir, 'verdicts.txt'));
  process.stdout.write(`\n--- fault suite verdicts ---\n${verdicts.join('\n') || '(none)'}\n----------------------------\n`);
  // Each line is "<pid> <text its command line contains>", so a reused pid is never someone else's.
  for (const [pid, marker] of lines(join(dir, 'pids.txt')).map((l) => [Number(l.split(' ')[0]), l.slice(l.indexOf(' ') + 1)])) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!cmdline.includes(marker)) continue;
      process.kill(pid, 'SIGKILL');
      process.stdout.write(`[faults] stopped leftover process ${pid}\n`);
    } catch {
      // already gone
    }
  }
  for (const line of lines(join(dir, 'clusters.txt'))) {
    const { bin, owner, dir: clusterDir } = JSON.parse(line);
    if (!existsSync(clusterDir)) continue;
    if (existsSync(join(clusterDir, 'data', 'postmaster.pid'))) {
      spawnSync(join(bin, 'pg_ctl'), ['-D', join(clusterDir, 'data'), '-m', 'immediate', '-w', 'stop'], { cwd: clusterDir, ...(owner ?? {}) });
      process.stdout.write(`[faults] stopped leftover PostgreSQL in ${clusterDir}\n`);
    }
    rmSync(clusterDir, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}
