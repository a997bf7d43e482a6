// `node --import ./scripts/record-module-loads.mjs …`: appends every module URL the ESM loader
// resolves, and at exit every CommonJS module in require.cache, to the file named by $MODULE_LOAD_LOG.
// Used to prove which packages an entry point loads.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.MODULE_LOAD_LOG;
if (!log) throw new Error('MODULE_LOAD_LOG is not set');
register('./record-module-loads.hooks.mjs', { parentURL: import.meta.url, data: { log } });
process.on('exit', () => {
  const cjs = Object.keys(createRequire(import.meta.url).cache);
  if (cjs.length > 0) appendFileSync(log, `${cjs.join('\n')}\n`);
});
