// One block with every scenario's verdict, after Jest's own report.
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default async function globalTeardown() {
  const file = process.env.FAULTS_VERDICTS;
  if (!file) return;
  const text = readFileSync(file, 'utf8').trim();
  process.stdout.write(`\n--- fault suite verdicts ---\n${text || '(none)'}\n----------------------------\n`);
  rmSync(dirname(file), { recursive: true, force: true });
}
