import { afterAll, expect, test } from '@jest/globals';
import { call, listAll, register, tally, workers, type Reply } from './support/http.js';
import { sleep, startPostgres, startTaskhex, type Postgres, type Taskhex } from './support/processes.js';
import { scenarioLog } from './support/report.js';

/**
 * 2. Database restart: the throwaway PostgreSQL is stopped and started again while clients read and
 * write. While it is gone, requests that need it fail fast with the contract's 503 `unavailable`
 * (problem+json, never a 500, never a hang), /readyz says 503, and once it is back the same Taskhex
 * process serves again with nothing acknowledged lost.
 */

const WORKERS = 4;
/** A request while the database is gone must be answered within this (the pool's acquire timeout is 5 s). */
const ANSWER_BOUND_MS = 7_000;
const DOWN_MS = 3_000;

let pg: Postgres | undefined;
let app: Taskhex | undefined;
afterAll(async () => {
  await app?.kill();
  await pg?.destroy();
});

interface Seen extends Reply {
  readonly phase: 'before' | 'down' | 'after';
  readonly at: number;
  readonly what: string;
}

test('PostgreSQL stopped (cleanly, then crashed) and started under load: fast 503s, /readyz 503, service resumes by itself', async () => {
  const { log, verdict } = scenarioLog('database-restart');
  pg = await startPostgres('restart');
  app = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex' });
  const { token } = await register(app.base);
  const base = app.base;
  log(`Taskhex pid ${app.pid} on :${app.port}, PostgreSQL on :${pg.port}; ${WORKERS} clients list, create and read`);

  const started = Date.now();
  let phase: Seen['phase'] = 'before';
  let stop = false;
  const seen: Seen[] = [];
  const ready: { phase: Seen['phase']; status: number }[] = [];
  const acknowledged = new Set<string>();

  const record = (what: string, reply: Reply) => seen.push({ ...reply, phase, at: Date.now() - started, what });
  const load = workers(WORKERS, async (w) => {
    for (let n = 0; !stop; n++) {
      const created = await call(base, 'POST', '/api/v1/tasks', { token, body: { title: `w${w}-${n}` }, timeoutMs: 20_000 });
      record('create', created);
      if (created.status === 201) {
        acknowledged.add(created.body.id);
        record('get', await call(base, 'GET', `/api/v1/tasks/${created.body.id}`, { token, timeoutMs: 20_000 }));
      }
      record('list', await call(base, 'GET', '/api/v1/tasks?limit=5', { token, timeoutMs: 20_000 }));
    }
  });
  const probe = (async () => {
    while (!stop) {
      const r = await call(base, 'GET', '/readyz', { timeoutMs: 10_000 });
      ready.push({ phase, status: r.status });
      await sleep(250);
    }
  })();

  // A clean shutdown (clients are told) and a crash (connections just die), one after the other.
  let restartedAt = 0;
  for (const mode of ['fast', 'immediate'] as const) {
    await sleep(1_500);
    phase = 'down';
    await pg.stop(mode);
    log(`PostgreSQL stopped (pg_ctl stop -m ${mode}) at +${Date.now() - started} ms; keeping it down ${DOWN_MS} ms`);
    await sleep(DOWN_MS);
    await pg.start();
    phase = 'after';
    restartedAt = Date.now() - started;
    log(`PostgreSQL started again at +${restartedAt} ms`);
  }
  await sleep(3_000);
  stop = true;
  await Promise.all([load, probe]);

  const problems: string[] = [];
  const bad = seen.filter((r) => r.status === 0 || r.status >= 500);
  for (const r of bad) {
    const isUnavailable = r.status === 503 && r.contentType.startsWith('application/problem+json') && r.body?.code === 'unavailable';
    if (!isUnavailable) problems.push(`${r.what} at +${r.at} ms (${r.phase}): ${r.status || r.failure} ${r.body?.code ?? ''}`);
  }
  const slowest = Math.max(...seen.map((r) => r.ms));
  const slow = seen.filter((r) => r.ms > ANSWER_BOUND_MS);
  if (slow.length > 0) problems.push(`${slow.length} answers took longer than ${ANSWER_BOUND_MS} ms (slowest ${Math.round(slowest)} ms)`);
  const unavailable = seen.filter((r) => r.status === 503).length;
  if (unavailable === 0) problems.push('no request was answered 503 while the database was down');
  if (!ready.some((r) => r.phase === 'down' && r.status === 503)) problems.push('/readyz never answered 503 while the database was down');
  const lastReady = ready.at(-1)?.status;
  if (lastReady !== 200) problems.push(`/readyz answered ${lastReady} at the end`);
  // Recovery: the last second of load was served normally, by the same process.
  const tail = seen.filter((r) => r.at > Date.now() - started - 1_000);
  if (tail.length === 0 || tail.some((r) => r.status >= 300 || r.status === 0)) {
    problems.push(`service did not resume: last second ${JSON.stringify(tally(tail))}`);
  }
  const recovered = seen.find((r) => r.at > restartedAt && r.status < 300 && r.status > 0);
  const present = new Set((await listAll(base, token)).map((t) => t.id));
  const lost = [...acknowledged].filter((id) => !present.has(id)).length;
  if (lost > 0) problems.push(`${lost} acknowledged tasks are missing`);
  let exited = false;
  void app.exited.then(() => (exited = true));
  await sleep(0);
  if (exited) problems.push('Taskhex exited');

  log(`answers by phase: before ${JSON.stringify(tally(seen.filter((r) => r.phase === 'before')))}, down ${JSON.stringify(tally(seen.filter((r) => r.phase === 'down')))}, after ${JSON.stringify(tally(seen.filter((r) => r.phase === 'after')))}`);
  log(`/readyz: ${JSON.stringify(ready.map((r) => `${r.phase[0]}${r.status}`).join(' '))}`);
  verdict(problems, {
    requests: seen.length,
    unavailable_503: unavailable,
    errors_500: seen.filter((r) => r.status === 500).length,
    no_answer: seen.filter((r) => r.status === 0).length,
    slowest_ms: Math.round(slowest),
    recovered_after_ms: recovered ? recovered.at - restartedAt : 'never',
    acknowledged: acknowledged.size,
    found: acknowledged.size - lost,
    lost,
  });
  if (problems.length > 0) log(`Taskhex log tail:\n${app.logs().slice(-3000)}`);
  expect(problems).toEqual([]);
});
