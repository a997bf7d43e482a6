#!/usr/bin/env node
// Two or more builds of Taskhex (or the ceiling) measured side by side on GET by id, in interleaved
// slices, to tell a change of a few per cent from the machine's noise. bench/optimisations.md's A/B
// figures come from it.
//
//   node bench/ab.mjs [--rounds=12] [--slice=2] [--connections=16] DIR_A DIR_B [...]
//
// Each DIR is a checkout with `npm run build` done (dist/ and node_modules/ present), or `ceiling` for
// bench/baseline/server.mjs. Servers start as the bench starts them (lib/servers.mjs). It uses the
// taskhex_bench database `npm run bench` leaves behind (BENCH_DATABASE_URL as for the bench). Prints
// CPU ms per request (median of the slices) and req/s per build, and each build against the first.
import { createSecretKey, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { BENCH_DB } from './lib/database.mjs';
import { measure } from './lib/load.mjs';
import { startBaseline, startTaskhex } from './lib/servers.mjs';
import { median } from './lib/util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = flag('rounds', 12);
const slice = flag('slice', 2);
const connections = flag('connections', 16);
const pool = 30;
const targets = args.filter((a) => !a.startsWith('--'));
if (targets.length < 2) {
  console.error('usage: node bench/ab.mjs [--rounds=12] [--slice=2] [--connections=16] DIR_A DIR_B [...]');
  process.exit(2);
}

const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${BENCH_DB}`;
const databaseUrl = url.href;
const secret = randomBytes(32).toString('hex');
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const largest = (await client.query('select user_id from tasks group by user_id order by count(*) desc limit 1')).rows[0].user_id;
const ids = (
  await client.query('select id from tasks where user_id = $1 and deleted_at is null order by md5(id::text) limit 1000', [largest])
).rows.map((r) => r.id);
await client.end();
const token = jwt.sign({}, createSecretKey(Buffer.from(secret, 'utf8')), { algorithm: 'HS256', subject: largest, expiresIn: '1h' });

const servers = [];
try {
  for (const target of targets) {
    const server =
      target === 'ceiling'
        ? await startBaseline({ root, databaseUrl, secret, pool })
        : await startTaskhex({ root: resolve(target), databaseUrl, secret, pool });
    servers.push({ target, server, cpu: [], rps: [] });
  }
  const load = ({ server }, duration) =>
    measure({ base: server.base, pid: server.pid, paths: ids.map((id) => `/api/v1/tasks/${id}`), headers: { authorization: `Bearer ${token}` }, connections, duration });

  for (const s of servers) await load(s, 3); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const s of round % 2 ? [...servers].reverse() : servers) {
      const m = await load(s, slice);
      if (m.bad) throw new Error(`${s.target}: ${m.bad} failed requests`);
      s.cpu.push(m.cpuPerRequest);
      s.rps.push(m.rps);
    }
  }
} finally {
  await Promise.all(servers.map((s) => s.server.stop()));
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const [first] = servers;
for (const s of servers) {
  const vsFirst =
    s === first
      ? ''
      : `  vs first: CPU ${median(s.cpu.map((c, i) => c / first.cpu[i])).toFixed(3)}x, req/s ${mean(s.rps.map((r, i) => r / first.rps[i])).toFixed(3)}x`;
  console.log(`${s.target}: CPU ${median(s.cpu).toFixed(3)} ms/req, ${mean(s.rps).toFixed(0)} req/s${vsFirst}`);
}
