#!/usr/bin/env node
// `npm run bench`: Taskhex against a bare node:http + pg ceiling, side by side, in one run.
// Options (env or --flag=value): see bench/README section in RESULTS.md and `node bench/run.mjs --help`.
import { createSecretKey, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { openBenchDatabase, migrate, PASSWORD, seed, userEmail } from './lib/database.mjs';
import { measure } from './lib/load.mjs';
import { writeResults } from './lib/report.mjs';
import { startBaseline, startNodeFlags, startTaskhex } from './lib/servers.mjs';
import { load, log, machineFacts, median, run, sleep } from './lib/util.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `npm run bench [-- --flag=value …]   (every flag also reads BENCH_<FLAG> from the environment)
  --duration=10         seconds per measurement (each system, each scenario)
  --warmup=2            seconds of unmeasured load before each measurement
  --rounds=3            slices per system and scenario, the two systems taking turns (ABBAAB…)
  --sizes=1000,100000,1000000   tasks per seeded user
  --connections=16      concurrent connections per measurement
  --login-connections=4 connections for the login scenarios
  --pool=30             database pool size of both servers (Taskhex's default DB_POOL_MAX)
  --scenarios=a,b       only scenarios whose name contains one of these
  --database-url=…      BENCH_DATABASE_URL: use this PostgreSQL (admin URL); else an embedded one
  --reuse-db=1          keep an already seeded taskhex_bench database (debugging)
  --profile=1           run Taskhex with --cpu-prof (profiles in bench/.work/profiles)
  --label=…             a label for RESULTS.md (e.g. preliminary)
  --out=bench/RESULTS.md   where to write the results ("-" for nowhere)
  --skip-build=1        do not run npm run build first
  --from-json=FILE      only rewrite RESULTS.md from a saved run (bench/.work/last-run.json)`;

function options() {
  const flags = Object.fromEntries(
    process.argv
      .slice(2)
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const [k, ...v] = a.slice(2).split('=');
        return [k, v.length ? v.join('=') : '1'];
      }),
  );
  if (flags.help) {
    console.log(HELP);
    process.exit(0);
  }
  const get = (name, fallback) => flags[name] ?? process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`] ?? fallback;
  const duration = Number(get('duration', 10));
  const rounds = Math.max(1, Number(get('rounds', 3)));
  return {
    duration,
    warmup: Number(get('warmup', 2)),
    rounds,
    /** Seconds per slice when both systems take turns. */
    slice: Math.max(1, Math.round(duration / rounds)),
    sizes: String(get('sizes', '1000,100000,1000000')).split(',').map(Number).filter((n) => n > 0),
    connections: Number(get('connections', 16)),
    loginConnections: Number(get('login-connections', 4)),
    pool: Number(get('pool', 30)),
    scenarios: get('scenarios', '') ? String(get('scenarios', '')).split(',') : null,
    databaseUrl: get('database-url', undefined),
    reuse: get('reuse-db', '0') === '1',
    profile: get('profile', '0') === '1',
    label: get('label', ''),
    out: get('out', join(root, 'bench/RESULTS.md')),
    skipBuild: get('skip-build', '0') === '1',
    fromJson: get('from-json', undefined),
  };
}

const fmt = (n, d = 0) => (n === null || n === undefined ? '–' : n.toFixed(d));

async function main() {
  const opts = options();
  if (opts.fromJson) {
    const saved = JSON.parse(await readFile(opts.fromJson, 'utf8'));
    log(`wrote ${(await writeResults(saved, opts.out === '-' ? join(root, 'bench/RESULTS.md') : opts.out)).join(', ')}`);
    return;
  }
  const args = process.argv.slice(2).map((a) => (/\s/.test(a) ? `'${a}'` : a));
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const facts = { ...machineFacts(), loadAtStart: load(), taskhexNodeFlags: startNodeFlags(root) };
  log(`machine: ${facts.cpu}, ${facts.cores} cores, ${facts.ramGiB} GiB, Node ${facts.node}; load average ${facts.loadAtStart}`);
  log(`options: ${JSON.stringify({ ...opts, databaseUrl: opts.databaseUrl ? '(set)' : '(embedded)' })}`);

  if (!opts.skipBuild) {
    log('npm run build');
    await run('npm', ['run', 'build', '--silent'], { cwd: root });
  }

  const db = await openBenchDatabase({ adminUrl: opts.databaseUrl, root, reuse: opts.reuse });
  facts.postgres = db.version;
  const cleanups = [db.stop];
  try {
    log(`migrate: ${await migrate(root, db.url)}`);
    const users = await seed(db.url, opts.sizes, { fresh: db.fresh });

    const secret = randomBytes(32).toString('base64url');
    const profileDir = opts.profile ? join(root, 'bench/.work/profiles') : undefined;
    if (profileDir) await mkdir(profileDir, { recursive: true });
    const taskhex = await startTaskhex({ root, databaseUrl: db.url, secret, pool: opts.pool, profileDir });
    cleanups.unshift(taskhex.stop);
    const baseline = await startBaseline({ root, databaseUrl: db.url, secret, pool: opts.pool });
    cleanups.unshift(baseline.stop);

    const fixtures = await prepare({ db, users, secret, opts, taskhex });
    const scenarios = buildScenarios(fixtures, opts).filter(
      (s) => !opts.scenarios || opts.scenarios.some((f) => s.name.includes(f)),
    );
    await checkSameAnswers(scenarios, taskhex, baseline);
    await warmUp(scenarios, [taskhex, baseline], opts);

    const rows = [];
    for (const [index, scenario] of scenarios.entries()) {
      log(`[${index + 1}/${scenarios.length}] ${scenario.name}  (load average ${load()})`);
      const row = { name: scenario.name, group: scenario.group, size: scenario.size, taskhex: null, baseline: null };
      if (scenario.baseline) {
        Object.assign(row, await runSideBySide(scenario, { taskhex, baseline }, opts, index));
      } else {
        row.taskhex = await (scenario.run ?? runPlain)(scenario, taskhex, opts);
        logResult('taskhex', row.taskhex);
      }
      rows.push(row);
    }

    const summary = { facts, opts, command, rows, loadAtEnd: load() };
    log(`done; load average ${summary.loadAtEnd}`);
    printTable(rows);
    await mkdir(join(root, 'bench/.work'), { recursive: true });
    await writeFile(join(root, 'bench/.work/last-run.json'), JSON.stringify(summary, null, 2));
    if (opts.out !== '-') {
      const written = await writeResults(summary, opts.out);
      log(`wrote ${written.join(', ')}`);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => log(`cleanup failed: ${e.message}`));
  }
}

/** Tokens, task ids and deep cursors, computed once. */
async function prepare({ db, users, secret, opts }) {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const token = (userId) => jwt.sign({}, key, { algorithm: 'HS256', subject: userId, expiresIn: '6h' });
  const { HmacCursorCodec } = await import(join(root, 'dist/src/infrastructure/security/hmac-cursor-codec.js'));
  const codec = new HmacCursorCodec(secret);
  const fingerprint = JSON.stringify(['active', { field: 'created_at', direction: 'desc' }, [null, null, null, null, null, null, false]]);

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const perSize = [];
    for (const size of opts.sizes) {
      const userId = users[String(size)];
      const depth = Math.floor(size / 2);
      // The live task at `depth` in the default order: the cursor after it opens the page a walk would reach.
      const { rows } = await client.query(
        `select created_at, id from tasks where user_id = $1 and deleted_at is null
         order by created_at desc, id desc offset $2 limit 1`,
        [userId, depth],
      );
      const cursor = codec.encode({ key: rows[0].created_at.toISOString(), id: rows[0].id }, fingerprint);
      perSize.push({ size, depth, userId, token: token(userId), cursor });
    }
    const largest = perSize.at(-1);
    const ids = (
      await client.query(
        `select id from tasks where user_id = $1 and deleted_at is null order by md5(id::text) limit 1000`,
        [largest.userId],
      )
    ).rows.map((r) => r.id);
    const writerTasks = (
      await client.query(`select id from tasks where user_id = $1 and deleted_at is null limit 200`, [users.writer])
    ).rows.map((r) => r.id);
    return { perSize, largest, ids, writer: { token: token(users.writer), tasks: writerTasks } };
  } finally {
    await client.end();
  }
}

function buildScenarios(f, opts) {
  const auth = (t) => ({ authorization: `Bearer ${t}` });
  const list = [];
  for (const s of f.perSize) {
    const n = s.size.toLocaleString('en');
    const h = auth(s.token);
    list.push(
      { group: 'list', name: `list first page · ${n}`, size: s.size, paths: ['/api/v1/tasks'], headers: h, baseline: true },
      { group: 'filter', name: `list completed=false · ${n}`, size: s.size, paths: ['/api/v1/tasks?completed=false'], headers: h, baseline: true },
      { group: 'offset', name: `offset page at ${s.depth.toLocaleString('en')} · ${n}`, size: s.size, paths: [`/api/v1/tasks?offset=${s.depth}`], headers: h, baseline: true },
      { group: 'cursor', name: `cursor page at ${s.depth.toLocaleString('en')} · ${n}`, size: s.size, paths: [`/api/v1/tasks?cursor=${s.cursor}`], headers: h, baseline: true },
    );
  }
  const big = f.largest;
  const writer = auth(f.writer.token);
  const smallest = f.perSize[0];
  list.push(
    { group: 'get', name: 'get by id', paths: f.ids.map((id) => `/api/v1/tasks/${id}`), headers: auth(big.token), baseline: true },
    {
      group: 'create',
      name: 'create',
      method: 'POST',
      paths: ['/api/v1/tasks'],
      headers: writer,
      body: JSON.stringify({ title: 'Benchmark task', description: 'created under load', priority: 'high', due_at: '2026-12-01T09:00:00Z' }),
      baseline: true,
    },
    {
      group: 'patch',
      name: 'patch',
      method: 'PATCH',
      paths: f.writer.tasks.map((id) => `/api/v1/tasks/${id}`),
      headers: writer,
      body: JSON.stringify({ title: 'Patched under load', priority: 'low' }),
      baseline: false,
    },
    {
      group: 'login',
      name: 'login',
      method: 'POST',
      paths: ['/api/v1/auth/login'],
      headers: {},
      body: JSON.stringify({ email: userEmail(smallest.size), password: PASSWORD }),
      connections: opts.loginConnections,
      baseline: false,
    },
    {
      group: 'contention',
      name: `list first page while logins run · ${smallest.size.toLocaleString('en')}`,
      paths: ['/api/v1/tasks'],
      headers: auth(smallest.token),
      baseline: false,
      run: listUnderLogins(smallest),
    },
  );
  return list;
}

function logResult(who, r) {
  log(`    ${who.padEnd(8)} ${fmt(r.rps).padStart(6)} req/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms` +
    `  cpu ${fmt(r.cpuPerRequest, 3)} ms/req${r.bad ? `  (${r.bad} non-2xx/errors!)` : ''}${r.peakRss ? `  rss ${fmt(r.peakRss)} MiB` : ''}`);
}

/**
 * Both systems, each warmed up once, then measured in `rounds` slices taking turns (A B B A A B …), so a
 * burst of load elsewhere on the machine lands on both rather than on whichever ran at that moment.
 * req/s and CPU per request are over all slices; p50 and p99 are the medians of the slices'.
 */
async function runSideBySide(scenario, servers, opts, index) {
  const { slice } = opts;
  const common = (server) => loadOf(scenario, server, opts);
  const slices = { taskhex: [], baseline: [] };
  for (let round = 0; round < opts.rounds; round++) {
    const order = (index + round) % 2 === 0 ? ['taskhex', 'baseline'] : ['baseline', 'taskhex'];
    for (const who of order) {
      if (round === 0 && opts.warmup > 0) await measure({ ...common(servers[who]), duration: opts.warmup });
      slices[who].push(await measure({ ...common(servers[who]), duration: slice }));
    }
  }
  const result = {};
  for (const who of ['taskhex', 'baseline']) {
    result[who] = combine(slices[who], slice);
    logResult(who, result[who]);
  }
  result.sliceRatios = slices.taskhex.map((t, i) => Math.round((100 * t.rps) / slices.baseline[i].rps));
  log(`    ratio per slice: ${result.sliceRatios.map((r) => `${r} %`).join(', ')}`);
  return result;
}

function combine(slices, seconds) {
  const requests = slices.reduce((n, s) => n + s.requests, 0);
  const cpu = slices.every((s) => s.cpuPerRequest !== null) ? slices.reduce((n, s) => n + s.cpuPerRequest * s.requests, 0) : null;
  return {
    rps: slices.reduce((n, s) => n + s.rps * seconds, 0) / (seconds * slices.length),
    p50: median(slices.map((s) => s.p50)),
    p99: median(slices.map((s) => s.p99)),
    requests,
    bad: slices.reduce((n, s) => n + s.bad, 0),
    peakRss: Math.max(...slices.map((s) => s.peakRss ?? 0)) || null,
    cpuPerRequest: cpu !== null && requests > 0 ? cpu / requests : null,
  };
}

/** What `measure` needs to send a scenario's requests to one server. */
function loadOf(scenario, server, opts) {
  return {
    base: server.base,
    method: scenario.method,
    paths: scenario.paths,
    headers: scenario.headers,
    body: scenario.body,
    connections: scenario.connections ?? opts.connections,
    pid: server.pid,
  };
}

async function runPlain(scenario, server, opts) {
  const common = loadOf(scenario, server, opts);
  if (opts.warmup > 0) await measure({ ...common, duration: opts.warmup });
  return measure({ ...common, duration: opts.duration });
}

/** Flat-out logins (bcrypt) and the list at the same time; the list's numbers are the result. */
function listUnderLogins(smallest) {
  return async (scenario, server, opts) => {
    const logins = {
      base: server.base,
      method: 'POST',
      paths: ['/api/v1/auth/login'],
      headers: {},
      body: JSON.stringify({ email: userEmail(smallest.size), password: PASSWORD }),
      connections: opts.loginConnections,
      duration: opts.warmup + opts.duration + 1,
    };
    const background = measure(logins);
    await sleep(opts.warmup * 1000);
    const listing = await measure({
      base: server.base,
      paths: scenario.paths,
      headers: scenario.headers,
      connections: opts.connections,
      duration: opts.duration,
      pid: server.pid,
    });
    const l = await background;
    log(`    (logins meanwhile: ${fmt(l.rps, 1)} req/s, p99 ${fmt(l.p99)} ms)`);
    return { ...listing, bad: listing.bad + l.bad };
  };
}

/**
 * One second of every side-by-side scenario on each server before anything is measured, so the first
 * scenario does not pay for compiling code paths the later ones find hot (and the database has
 * settled after the seeding).
 */
async function warmUp(scenarios, servers, opts) {
  log('warm-up: 1 s of every side-by-side scenario on each server');
  for (const s of scenarios.filter((x) => x.baseline)) {
    for (const server of servers) await measure({ ...loadOf(s, server, opts), duration: 1 });
  }
}

/** Both systems must give the same JSON for the same request, or the comparison means nothing. */
async function checkSameAnswers(scenarios, taskhex, baseline) {
  for (const s of scenarios.filter((x) => x.baseline && (x.method ?? 'GET') === 'GET')) {
    const [a, b] = await Promise.all(
      [taskhex, baseline].map(async (server) => {
        const res = await fetch(server.base + s.paths[0], { headers: s.headers });
        return { status: res.status, body: await res.json() };
      }),
    );
    if (a.status !== 200 || b.status !== 200) throw new Error(`${s.name}: status ${a.status} (taskhex) vs ${b.status} (baseline)`);
    const same = JSON.stringify(a.body) === JSON.stringify(b.body);
    log(`check ${s.name}: ${same ? 'same JSON' : 'DIFFERENT JSON'}`);
    if (!same) {
      log(`  taskhex:  ${JSON.stringify(a.body).slice(0, 400)}`);
      log(`  baseline: ${JSON.stringify(b.body).slice(0, 400)}`);
      throw new Error(`${s.name}: the two systems answer differently`);
    }
  }
}

function printTable(rows) {
  console.log('\nscenario'.padEnd(48) + 'taskhex req/s  p50   p99 | baseline req/s  p50   p99 | ratio');
  for (const r of rows) {
    const t = r.taskhex;
    const b = r.baseline;
    console.log(
      r.name.padEnd(47) +
        `${fmt(t.rps).padStart(13)} ${fmt(t.p50, 1).padStart(5)} ${fmt(t.p99, 1).padStart(5)} | ` +
        `${b ? fmt(b.rps).padStart(14) : '–'.padStart(14)} ${b ? fmt(b.p50, 1).padStart(5) : '    –'} ${b ? fmt(b.p99, 1).padStart(5) : '    –'} | ` +
        `${b ? `${((100 * t.rps) / b.rps).toFixed(0)} %` : '–'}`,
    );
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
