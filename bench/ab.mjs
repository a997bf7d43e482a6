#!/usr/bin/env node
// Two or more builds of Taskhex (or the ceiling) measured side by side on GET by id, in interleaved
// slices, to tell a change of a few per cent from the machine's noise. bench/optimisations.md's A/B
// figures come from it.
//
//   node bench/ab.mjs [--rounds=12] [--slice=2] [--connections=16] DIR_A DIR_B [...]
//
// Each DIR is a checkout with `npm run build` done (dist/ and node_modules/ present), or the path of
// bench/baseline/server.mjs for the ceiling. It uses the taskhex_bench database `npm run bench` leaves
// behind (BENCH_DATABASE_URL as for the bench). Prints CPU ms per request (median of the slices) and
// req/s per build, and each build against the first.
import { spawn } from 'node:child_process';
import { createSecretKey, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { BENCH_DB } from './lib/database.mjs';
import { measure } from './lib/load.mjs';
import { startNodeFlags } from './lib/servers.mjs';
import { freePort, sleep } from './lib/util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = flag('rounds', 12);
const slice = flag('slice', 2);
const connections = flag('connections', 16);
const targets = args.filter((a) => !a.startsWith('--'));
if (targets.length < 2) {
  console.error('usage: node bench/ab.mjs [--rounds=12] [--slice=2] DIR_A DIR_B [...]');
  process.exit(2);
}

const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${BENCH_DB}`;
const secret = randomBytes(32).toString('hex');
const client = new pg.Client({ connectionString: url.href });
await client.connect();
const largest = (await client.query('select user_id from tasks group by user_id order by count(*) desc limit 1')).rows[0].user_id;
const ids = (
  await client.query('select id from tasks where user_id = $1 and deleted_at is null order by md5(id::text) limit 1000', [largest])
).rows.map((r) => r.id);
await client.end();
const token = jwt.sign({}, createSecretKey(Buffer.from(secret, 'utf8')), { algorithm: 'HS256', subject: largest, expiresIn: '1h' });

const servers = [];
for (const target of targets) {
  const port = await freePort();
  const script = target.endsWith('.mjs') ? target : join(target, 'dist/src/main.js');
  const child = spawn(process.execPath, [...startNodeFlags(root), script], {
    cwd: target.endsWith('.mjs') ? root : target,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: url.href,
      BETTER_AUTH_SECRET: secret,
      MIGRATE_ON_START: 'false',
      RATE_LIMIT_PER_HOUR: '10000000',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '30',
      POOL_MAX: '30',
    },
  });
  servers.push({ target, child, base: `http://127.0.0.1:${port}`, cpu: [], rps: [] });
}
await sleep(3000);
const load = (s, duration) =>
  measure({ base: s.base, pid: s.child.pid, paths: ids.map((id) => `/api/v1/tasks/${id}`), headers: { authorization: `Bearer ${token}` }, connections, duration });

try {
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
  for (const s of servers) s.child.kill('SIGTERM');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const [first] = servers;
for (const s of servers) {
  const vsFirst =
    s === first
      ? ''
      : `  vs first: CPU ${median(s.cpu.map((c, i) => c / first.cpu[i])).toFixed(3)}x, req/s ${mean(s.rps.map((r, i) => r / first.rps[i])).toFixed(3)}x`;
  console.log(`${s.target}: CPU ${median(s.cpu).toFixed(3)} ms/req, ${mean(s.rps).toFixed(0)} req/s${vsFirst}`);
}
