import { afterAll, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { query } from './support/db.js';
import { probeIdempotency, probeRateLimit, type Probe } from './support/features.js';
import { call, register, tally, type Account } from './support/http.js';
import { sleep, startPostgres, startRedis, startTaskhex, type Postgres, type Redis, type Taskhex } from './support/processes.js';
import { required, scenarioLog } from './support/report.js';

/**
 * 4. Several instances: two Taskhex processes on one PostgreSQL and one Redis. The per-user rate limit
 * is one budget across both, an Idempotency-Key holds across both, and the trash purge job, running
 * in both, purges each expired task once without errors.
 *
 * The features come from other branches; each test probes for its feature first and is skipped, with
 * the reason printed, while the feature is missing (FAULTS_REQUIRE=all makes that a failure instead).
 * The purge job's interval variable is not known yet: FAULTS_PURGE_ENV (e.g.
 * "TRASH_PURGE_INTERVAL_MS=1000") is passed to both instances so the job runs within the test.
 */

const LIMIT = 30;
const EXPIRED = 40;
const PURGE_WAIT_MS = Number(process.env.FAULTS_PURGE_WAIT_MS ?? 6_000);

let pg: Postgres | undefined;
let redis: Redis | null = null;
const servers: Taskhex[] = [];
async function cleanup() {
  for (const s of servers.splice(0)) await s.kill();
  await redis?.kill();
  await pg?.destroy();
  pg = undefined;
}
afterAll(cleanup);

const { log } = scenarioLog('multi-instance');
let a: Taskhex;
let b: Taskhex;
let owner: Account;
let noRedis: string | null;
let rateLimit: Probe;
let idempotency: Probe;
let purge: Probe = { available: false, reason: '' };
let purgeEnv: Record<string, string>;
const expiredLeft = async () =>
  Number((await query<{ n: string }>(pg!.url(), `select count(*) as n from tasks where title like 'expired %'`))[0]?.n);
try {
  const started = await startRedis();
  redis = started.redis;
  noRedis = started.redis ? null : started.reason;
  pg = await startPostgres('multi');
  purgeEnv = Object.fromEntries(
    (process.env.FAULTS_PURGE_ENV ?? 'TRASH_PURGE_INTERVAL_MS=1000')
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );
  const env = {
    ...(redis ? { REDIS_URL: redis.url } : {}),
    RATE_LIMIT_PER_HOUR: String(LIMIT),
    AUTH_RATE_LIMIT_PER_HOUR: '100000',
    TRASH_RETENTION_DAYS: '1',
    LOG_LEVEL: 'info',
    ...purgeEnv,
  };
  a = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex-a', env });
  servers.push(a);
  // Seed the trash before the second instance starts: expired tasks, recent trash and live tasks.
  owner = await register(a.base);
  await query(
    pg.url(),
    `insert into tasks (id, user_id, title, version, created_at, updated_at, deleted_at)
     select gen_random_uuid(), $1, kind || ' ' || g, 2, now() - interval '60 days', coalesce(d, now() - interval '59 days'), d
       from generate_series(1, $2::int) g,
            lateral (values ('expired', now() - interval '40 days'), ('recent trash', now() - interval '1 hour'), ('live', null::timestamptz)) v(kind, d)`,
    [owner.userId, EXPIRED],
  );
  b = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex-b', env });
  servers.push(b);
  log(`two instances (:${a.port}, :${b.port}) on PostgreSQL :${pg.port}${redis ? ` and Redis :${redis.port}` : ` without Redis (${noRedis})`}; seeded ${EXPIRED} expired, ${EXPIRED} recent trash and ${EXPIRED} live tasks`);

  const probeUser = await register(a.base);
  rateLimit = noRedis ? { available: false, reason: noRedis } : await probeRateLimit(a.base, probeUser.token);
  idempotency = await probeIdempotency(a.base, probeUser.token);
  for (const deadline = Date.now() + PURGE_WAIT_MS; Date.now() < deadline; await sleep(250)) {
    if ((await expiredLeft()) < EXPIRED) {
      purge = { available: true, reason: 'expired tasks are being purged' };
      break;
    }
  }
  if (!purge.available) {
    purge = { available: false, reason: `trash purge job not available yet: no expired task purged within ${PURGE_WAIT_MS} ms (FAULTS_PURGE_ENV=${JSON.stringify(purgeEnv)})` };
  }
} catch (error) {
  await cleanup();
  throw error;
}
// Hooks do not run in a file whose tests are all skipped: release the processes now.
if (![rateLimit, idempotency, purge].some((p) => p.available) && !required('rate-limit') && !required('idempotency') && !required('purge')) {
  await cleanup();
}

/** A scenario runs when its feature is there or is required; otherwise it is a skip with its reason. */
function scenario(name: string, feature: string, probe: Probe) {
  if (probe.available || required(feature)) return test;
  scenarioLog(name).skip(probe.reason);
  return test.skip;
}

scenario('multi-instance-rate-limit', 'rate-limit', rateLimit)(`the rate limit is one budget across both instances (${rateLimit.reason})`, async () => {
  const { log, verdict } = scenarioLog('multi-instance-rate-limit');
  const problems: string[] = rateLimit.available ? [] : [rateLimit.reason];
  const { token } = await register(b.base);
  const replies = [];
  for (let batch = 0; batch < 6; batch++) {
    replies.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? a.base : b.base, 'GET', '/api/v1/tasks?limit=1', { token })))));
  }
  const ok = replies.filter((r) => r.status === 200).length;
  const limited = replies.filter((r) => r.status === 429);
  const limit = Number(replies[0]?.headers.get('ratelimit-limit') ?? LIMIT);
  if (ok > limit) problems.push(`${ok} requests served across both instances with a limit of ${limit}`);
  if (limited.length === 0) problems.push('no request was limited');
  if (limited.some((r) => r.body?.code !== 'rate_limited' || !r.headers.get('retry-after'))) problems.push('a 429 without code rate_limited or Retry-After');
  if (replies.some((r) => r.status !== 200 && r.status !== 429)) problems.push(`unexpected answers ${JSON.stringify(tally(replies))}`);
  log(`${replies.length} requests alternating between the instances: ${JSON.stringify(tally(replies))}`);
  verdict(problems, { requests: replies.length, limit, served: ok, limited_429: limited.length });
  expect(problems).toEqual([]);
});

scenario('multi-instance-idempotency', 'idempotency', idempotency)(`an Idempotency-Key holds across both instances (${idempotency.reason})`, async () => {
  const { log, verdict } = scenarioLog('multi-instance-idempotency');
  const problems: string[] = idempotency.available ? [] : [idempotency.reason];
  const { token } = await register(a.base);
  const key = randomUUID();
  const body = { title: `once ${key}` };
  const replies = await Promise.all(
    Array.from({ length: 10 }, (_, i) => call(i % 2 ? a.base : b.base, 'POST', '/api/v1/tasks', { token, body, headers: { 'idempotency-key': key } })),
  );
  const ids = new Set(replies.filter((r) => r.status === 201 || r.status === 200).map((r) => r.body.id));
  const [row] = await query<{ n: string }>(pg!.url(), 'select count(*) as n from tasks where title = $1', [body.title]);
  const stored = Number(row?.n);
  if (stored !== 1) problems.push(`${stored} tasks stored for one key`);
  if (ids.size > 1) problems.push(`${ids.size} different task ids answered for one key`);
  const other = await call(b.base, 'POST', '/api/v1/tasks', { token, body: { title: 'another body' }, headers: { 'idempotency-key': key } });
  if (other.status !== 409) problems.push(`the same key with another body answered ${other.status}, not 409`);
  log(`10 concurrent POSTs with one key on both instances: ${JSON.stringify(tally(replies))}; ${stored} task stored; another body: ${other.status}`);
  verdict(problems, { requests: 10, tasks_stored: stored, distinct_ids: ids.size, other_body_status: other.status });
  expect(problems).toEqual([]);
});

scenario('multi-instance-purge', 'purge', purge)(`the trash purge job purges each expired task once, without errors (${purge.reason})`, async () => {
  const { log, verdict } = scenarioLog('multi-instance-purge');
  const problems: string[] = purge.available ? [] : [purge.reason];
  for (const deadline = Date.now() + PURGE_WAIT_MS * 2; Date.now() < deadline && (await expiredLeft()) > 0; ) await sleep(250);
  const counts = Object.fromEntries(
    (await query<{ kind: string; n: string }>(pg!.url(), `select split_part(title, ' ', 1) as kind, count(*) as n from tasks where user_id = $1 group by 1`, [owner.userId])).map(
      (r) => [r.kind, Number(r.n)],
    ),
  );
  if ((counts.expired ?? 0) !== 0) problems.push(`${counts.expired} expired tasks left`);
  if (counts.recent !== EXPIRED) problems.push(`recent trash: ${counts.recent ?? 0} of ${EXPIRED} left`);
  if (counts.live !== EXPIRED) problems.push(`live tasks: ${counts.live ?? 0} of ${EXPIRED} left`);
  // Both instances' logs: no errors; where the job logs how many it purged, the sum is the seeded count.
  let purgedLogged = 0;
  let errors = 0;
  for (const s of [a, b]) {
    for (const line of s.logs().split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { level?: number; purged?: unknown };
      if ((entry.level ?? 0) >= 50) errors++;
      if (typeof entry.purged === 'number') purgedLogged += entry.purged;
    }
  }
  if (errors > 0) problems.push(`${errors} error lines in the instances' logs`);
  if (purgedLogged > 0 && purgedLogged !== EXPIRED) problems.push(`the instances logged ${purgedLogged} purged tasks for ${EXPIRED} expired`);
  log(`after the job: ${JSON.stringify(counts)}; purged according to the logs: ${purgedLogged || 'not logged'}`);
  verdict(problems, { expired: EXPIRED, purged: EXPIRED - (counts.expired ?? 0), purged_logged: purgedLogged, log_errors: errors });
  expect(problems).toEqual([]);
});
