import { afterAll, expect, test } from '@jest/globals';
import { Socket } from 'node:net';
import { query } from './support/db.js';
import { call, register, tally, workers, type Reply } from './support/http.js';
import { sleep, startPostgres, startTaskhex, type Postgres, type Taskhex } from './support/processes.js';
import { scenarioLog } from './support/report.js';

/**
 * 7. Slow and stuck clients: sockets that trickle their headers a byte at a time (slowloris), bodies
 * that never finish, sockets that connect and say nothing. The server's timeouts (src/main.ts:
 * headersTimeout 10 s, requestTimeout 30 s) must close each of them within its bound, while ordinary
 * clients keep being answered and the small pool is never held by a stuck client.
 */

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** How late past its timeout a stuck socket may be closed (the server checks about once a second). */
const SLACK_MS = 4_000;
const SLOWLORIS = 60;
const STUCK_BODIES = 30;
const SILENT = 30;

let pg: Postgres | undefined;
let app: Taskhex | undefined;
afterAll(async () => {
  await app?.kill();
  await pg?.destroy();
});

interface Outcome {
  readonly kind: string;
  /** ms from the first byte (or the connect, for silent sockets) to the server closing the socket; null: still open. */
  closedAfter: number | null;
  answer: string;
}

/** Opens a socket, sends `start`, then `trickle` one byte a second; records when and how the server ends it. */
function attacker(port: number, kind: string, start: string, trickle: string, outcomes: Outcome[]): Socket {
  const outcome: Outcome = { kind, closedAfter: null, answer: '' };
  outcomes.push(outcome);
  const socket = new Socket();
  let began = 0;
  let timer: NodeJS.Timeout | undefined;
  socket.on('data', (chunk) => (outcome.answer += chunk.toString('latin1')));
  socket.on('error', () => {});
  socket.on('close', () => {
    clearInterval(timer);
    outcome.closedAfter = Date.now() - began;
  });
  socket.connect(port, '127.0.0.1', () => {
    began = Date.now();
    if (start) socket.write(start);
    let i = 0;
    if (trickle) {
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(trickle[i++ % trickle.length]!);
      }, 1_000);
    }
  });
  return socket;
}

test('slowloris, stuck bodies and silent sockets are cut at their timeouts; ordinary clients are served meanwhile', async () => {
  const { log, verdict } = scenarioLog('slow-clients');
  pg = await startPostgres('slow');
  app = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex', env: { DB_POOL_MAX: '4' } });
  const { token } = await register(app.base);
  const port = app.port;
  log(`Taskhex pid ${app.pid} on :${port} with a pool of 4; opening ${SLOWLORIS} slowloris, ${STUCK_BODIES} stuck-body and ${SILENT} silent sockets`);

  const outcomes: Outcome[] = [];
  const sockets: Socket[] = [];
  for (let i = 0; i < SLOWLORIS; i++) {
    sockets.push(attacker(port, 'slowloris', `GET /api/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nX-Slow: `, 'abcdefgh', outcomes));
  }
  for (let i = 0; i < STUCK_BODIES; i++) {
    const body = JSON.stringify({ title: `never finished ${i}` });
    sockets.push(
      attacker(
        port,
        'stuck-body',
        `POST /api/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 100}\r\n\r\n${body}`,
        '          ',
        outcomes,
      ),
    );
  }
  for (let i = 0; i < SILENT; i++) sockets.push(attacker(port, 'silent', '', '', outcomes));

  // Ordinary clients, with database work on every request, for as long as the stuck sockets live.
  const served: Reply[] = [];
  let stop = false;
  const normal = workers(4, async (w) => {
    for (let n = 0; !stop; n++) {
      served.push(await call(app!.base, 'POST', '/api/v1/tasks', { token, body: { title: `normal ${w}-${n}` }, timeoutMs: 10_000 }));
      served.push(await call(app!.base, 'GET', '/api/v1/tasks?limit=5', { token, timeoutMs: 10_000 }));
      await sleep(50);
    }
  });
  const deadline = Date.now() + REQUEST_TIMEOUT_MS + SLACK_MS + 2_000;
  while (Date.now() < deadline && outcomes.some((o) => o.closedAfter === null)) await sleep(250);
  stop = true;
  await normal;
  for (const s of sockets) s.destroy();

  const problems: string[] = [];
  const bounds: Record<string, number> = {
    slowloris: HEADERS_TIMEOUT_MS + SLACK_MS,
    'stuck-body': REQUEST_TIMEOUT_MS + SLACK_MS,
    silent: HEADERS_TIMEOUT_MS + SLACK_MS,
  };
  const summary: Record<string, string> = {};
  for (const kind of Object.keys(bounds)) {
    const mine = outcomes.filter((o) => o.kind === kind);
    const open = mine.filter((o) => o.closedAfter === null).length;
    const late = mine.filter((o) => o.closedAfter !== null && o.closedAfter > bounds[kind]!).length;
    const closed = mine.map((o) => o.closedAfter).filter((t): t is number => t !== null);
    const statuses = tally(mine.map((o) => ({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(o.answer)?.[1] ?? 0), failure: 'other' }) as Reply));
    summary[kind] = `closed ${closed.length}/${mine.length} in ${closed.length ? `${Math.round(Math.min(...closed))}-${Math.round(Math.max(...closed))} ms` : '-'}, answers ${JSON.stringify(statuses)}`;
    if (open > 0) problems.push(`${open} ${kind} sockets still open after ${Math.round(bounds[kind]! / 1000) + 2} s`);
    if (late > 0) problems.push(`${late} ${kind} sockets closed later than ${bounds[kind]} ms`);
    const wrong = mine.filter((o) => o.answer && !o.answer.startsWith('HTTP/1.1 408')).length;
    if (wrong > 0) problems.push(`${wrong} ${kind} sockets answered something other than 408`);
    log(`${kind}: ${summary[kind]}`);
  }
  const failed = served.filter((r) => r.status < 200 || r.status >= 300);
  if (failed.length > 0) problems.push(`${failed.length} of ${served.length} ordinary requests failed: ${JSON.stringify(tally(failed))}`);
  if (served.length < 20) problems.push(`only ${served.length} ordinary requests were answered`);
  const slowest = Math.max(0, ...served.map((r) => r.ms));
  const [row] = await query<{ n: string }>(pg.url(), `select count(*) as n from tasks where title like 'never finished%'`);
  const ghost = Number(row?.n);
  if (ghost > 0) problems.push(`${ghost} tasks were created from bodies that never finished`);
  log(`ordinary clients: ${JSON.stringify(tally(served))}, slowest ${Math.round(slowest)} ms`);

  verdict(problems, {
    slowloris: SLOWLORIS,
    stuck_bodies: STUCK_BODIES,
    silent: SILENT,
    still_open: outcomes.filter((o) => o.closedAfter === null).length,
    ordinary_requests: served.length,
    ordinary_failed: failed.length,
    ordinary_slowest_ms: Math.round(slowest),
    tasks_from_unfinished_bodies: ghost,
  });
  expect(problems).toEqual([]);
});
