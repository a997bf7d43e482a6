import { afterAll, expect, test } from '@jest/globals';
import { call, listAll, register, tally, workers, type Reply } from './support/http.js';
import { sleep, startPostgres, startTaskhex, type Postgres, type Taskhex } from './support/processes.js';
import { scenarioLog } from './support/report.js';

/**
 * 6. Graceful shutdown under load: SIGTERM in the middle of a burst. Every request the server took
 * must get its answer (no connection reset, no timeout, no 5xx); clients that come after the listener
 * closed are refused (they know nothing happened and can go elsewhere); the process exits 0; and every
 * acknowledged create is in the database.
 */

const WORKERS = 16;

let pg: Postgres | undefined;
const servers: Taskhex[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  await pg?.destroy();
});

test('SIGTERM during a burst: every accepted request is answered, the process exits 0', async () => {
  const { log, verdict } = scenarioLog('graceful-shutdown');
  pg = await startPostgres('shutdown');
  const app = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex' });
  servers.push(app);
  const { token } = await register(app.base);
  log(`Taskhex pid ${app.pid} on :${app.port}; ${WORKERS} keep-alive clients create and read; SIGTERM after 1.5 s`);

  const replies: (Reply & { afterSignal: boolean })[] = [];
  const acknowledged = new Set<string>();
  let signalled = false;
  const load = workers(WORKERS, async (w) => {
    for (let n = 0; ; n++) {
      const created = await call(app.base, 'POST', '/api/v1/tasks', { token, body: { title: `w${w}-${n}` }, timeoutMs: 15_000 });
      replies.push({ ...created, afterSignal: signalled });
      if (created.status === 201) acknowledged.add(created.body.id);
      if (created.status === 0) return; // refused (or worse): this client is done
      const read = await call(app.base, 'GET', '/api/v1/tasks?limit=10', { token, timeoutMs: 15_000 });
      replies.push({ ...read, afterSignal: signalled });
      if (read.status === 0) return;
    }
  });

  await sleep(1_500);
  const before = replies.length;
  signalled = true;
  app.signal('SIGTERM');
  const sentAt = Date.now();
  log(`SIGTERM sent after ${before} answers`);
  const exit = await Promise.race([app.exited, sleep(20_000).then(() => null)]);
  log(`process exited ${JSON.stringify(exit)} ${Date.now() - sentAt} ms after SIGTERM`);
  await load;

  const problems: string[] = [];
  const broken = replies.filter((r) => r.failure === 'reset' || r.failure === 'timeout' || r.failure === 'other' || r.status >= 500);
  if (broken.length > 0) problems.push(`${broken.length} requests broken: ${JSON.stringify(tally(broken))}`);
  if (!exit) problems.push('the process did not exit within 20 s of SIGTERM');
  else if (exit.code !== 0) problems.push(`exit ${JSON.stringify(exit)}`);
  const answeredAfter = replies.filter((r) => r.afterSignal && r.status > 0).length;

  const second = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex-again' });
  servers.push(second);
  const present = new Set((await listAll(second.base, token)).map((t) => t.id));
  const lost = [...acknowledged].filter((id) => !present.has(id)).length;
  if (lost > 0) problems.push(`${lost} acknowledged creates missing`);

  log(`answers: ${JSON.stringify(tally(replies))}; ${answeredAfter} answered after the signal`);
  verdict(problems, {
    requests: replies.length,
    answered_after_sigterm: answeredAfter,
    refused: replies.filter((r) => r.failure === 'refused').length,
    reset: replies.filter((r) => r.failure === 'reset').length,
    errors_5xx: replies.filter((r) => r.status >= 500).length,
    exit_code: exit?.code ?? 'none',
    acknowledged: acknowledged.size,
    found: acknowledged.size - lost,
    lost,
  });
  if (problems.length > 0) log(`Taskhex log tail:\n${app.logs().slice(-3000)}`);
  expect(problems).toEqual([]);
});
