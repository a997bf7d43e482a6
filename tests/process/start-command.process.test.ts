import { readFileSync } from 'node:fs';
import { expect, test } from '@jest/globals';
import { startNodeFlags } from '../support/start-command.js';

// The heap limit keeps resident memory under load near 150 MiB instead of 250 (README "Performance");
// an image that started node without it would quietly use the larger figure.
test('the Docker image starts the server with the same node flags as npm start', () => {
  const flags = startNodeFlags();
  expect(flags).toContain('--max-old-space-size=1024');
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'));
  expect(cmd).not.toBeNull();
  expect(JSON.parse(cmd![1]!)).toEqual(['node', ...flags, 'dist/src/main.js']);
});
