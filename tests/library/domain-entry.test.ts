import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error plain JS helper shared with scripts/run-examples.mjs
import { forbiddenLoads } from '../../scripts/forbidden-in-domain.mjs';

// Compiles the domain entry (and whatever it imports, so a stray import would show) with the build's
// module settings into a scratch folder inside the repository (so packages resolve from its
// node_modules and "type": "module" applies), then imports it in a fresh node that records every module
// it loads. `npm run examples` repeats the check on `taskhex/domain` installed from the packed tarball.
const root = resolve('.');
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(root, '.domain-entry-check-'));
  const flags = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023'];
  execFileSync(
    join(root, 'node_modules/.bin/tsc'),
    [...flags, '--strict', '--verbatimModuleSyntax', '--skipLibCheck', '--types', 'node', '--rootDir', '.', '--outDir', out, 'src/domain/index.ts'],
    { cwd: root },
  );
}, 60_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function loadsOf(entry: string): string[] {
  const log = join(out, `loads-${Date.now()}-${Math.random()}.log`);
  execFileSync(
    process.execPath,
    ['--import', pathToFileURL(join(root, 'scripts/record-module-loads.mjs')).href, '--input-type=module', '-e', 'await import(process.env.ENTRY)'],
    { env: { ...process.env, MODULE_LOAD_LOG: log, ENTRY: pathToFileURL(join(out, entry)).href } },
  );
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

test('the /domain entry loads no database, ORM, HTTP, container or bcrypt module, nor code outside src/domain', () => {
  const loads = loadsOf('src/domain/index.js');
  expect(loads.some((l) => l.endsWith('/src/domain/task/task.js'))).toBe(true);
  expect(forbiddenLoads(loads)).toEqual([]);
  const ours = loads.filter((l) => l.includes('/.domain-entry-check-'));
  expect(ours.filter((l) => !/\/src\/domain\//.test(l))).toEqual([]);
});

test('the recorder does see such modules when they load (ESM and CommonJS)', () => {
  const probe = join(out, 'probe.mjs');
  writeFileSync(probe, "import 'inversify';\nimport 'pg';\nimport 'bcrypt';\n");
  expect(forbiddenLoads(loadsOf('probe.mjs'))).toEqual(expect.arrayContaining(['bcrypt', 'inversify', 'pg']));
});
