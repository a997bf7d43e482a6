#!/usr/bin/env node
// How much of a node-postgres query result V8 promotes to the old generation, with the promise form of
// client.query and with its callback form (why runStatement uses the callback form).
// Usage: node bench/pg-promotion.mjs [postgres url]   (default: BENCH_DATABASE_URL or the local test DB)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const url = process.argv[2] ?? process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// 50 rows shaped like a task page (uuid, text, booleans, timestamps).
const SQL = `select gen_random_uuid() as id, 'Task number ' || g as title, 'Some words about task ' || g as description,
  g % 4 = 0 as is_completed, now() - g * interval '1 second' as created_at, now() as updated_at, null::timestamptz as deleted_at
  from generate_series(1, 50) g`;

if (process.env.PG_PROMOTION_MODE) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const callbackForm = () => new Promise((resolve, reject) => client.query(SQL, (e, r) => (e ? reject(e) : resolve(r))));
  const run = process.env.PG_PROMOTION_MODE === 'promise' ? () => client.query(SQL) : callbackForm;
  let n = 0;
  for (const started = Date.now(); Date.now() - started < 4000; n++) await run();
  console.log(`queries=${n}`);
  await client.end();
} else {
  for (const mode of ['promise', 'callback']) {
    const child = spawnSync(process.execPath, ['--trace-gc-nvp', fileURLToPath(import.meta.url), url], {
      env: { ...process.env, PG_PROMOTION_MODE: mode },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(child.stderr);
    const queries = Number(/queries=(\d+)/.exec(child.stdout)[1]);
    let promoted = 0;
    let allocated = 0;
    for (const line of child.stdout.split('\n').filter((l) => l.includes('gc=s '))) {
      promoted += Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0);
      allocated += Number(/ allocated=(\d+)/.exec(line)?.[1] ?? 0);
    }
    console.log(`${mode.padEnd(8)} ${queries} queries: ${(allocated / queries / 1024).toFixed(1)} KB allocated and ${(promoted / queries / 1024).toFixed(2)} KB promoted per query`);
  }
}
