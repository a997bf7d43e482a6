import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node flags `npm start` runs the server with (package.json `scripts.start`), so the process tests
 * start the built server exactly as a user does.
 */
export function startNodeFlags(root = process.cwd()): string[] {
  const start: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  const match = /^exec node ((?:--\S+\s+)*)dist\/src\/main\.js$/.exec(start);
  if (!match) throw new Error(`unexpected start script: ${start}`);
  return match[1]!.split(/\s+/).filter(Boolean);
}
