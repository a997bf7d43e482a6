import { afterAll, expect, test } from '@jest/globals';
import { impossibleTaskRows } from './support/db.js';
import { call, listAll, register, workers, type Account } from './support/http.js';
import { sleep, startPostgres, startTaskhex, type Postgres, type Taskhex } from './support/processes.js';
import { scenarioLog } from './support/report.js';

/**
 * 1. Crash safety: SIGKILL while four clients create, edit and complete tasks as fast as they can.
 * After a restart every write that was answered 2xx must be there with the content it was
 * acknowledged with. A write whose answer never came may or may not have happened, but only whole:
 * the task then shows exactly that write's content at exactly the next version.
 */

interface Known {
  title: string;
  version: number;
  isCompleted: boolean;
  /** Acknowledged writes to this task (its create included). */
  writes: number;
}

interface Pending {
  readonly id: string | null;
  readonly title: string;
  readonly version: number;
  readonly isCompleted: boolean;
}

const WORKERS = 4;
const LOAD_MS = 2_500;

let pg: Postgres | undefined;
const servers: Taskhex[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  await pg?.destroy();
});

test('every acknowledged write survives SIGKILL, and nothing half-written is visible', async () => {
  const { log, verdict } = scenarioLog('crash-safety');
  pg = await startPostgres('crash');
  const first = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex-1' });
  servers.push(first);
  const accounts: Account[] = [];
  for (let i = 0; i < WORKERS; i++) accounts.push(await register(first.base));
  log(`Taskhex pid ${first.pid} on :${first.port}, PostgreSQL on :${pg.port}; ${WORKERS} clients writing for ${LOAD_MS} ms, then SIGKILL`);

  const known = accounts.map(() => new Map<string, Known>());
  const pending: (Pending | null)[] = accounts.map(() => null);
  const unexpected: string[] = [];
  let acknowledged = 0;
  let killed = false;

  const load = workers(WORKERS, async (w) => {
    const { token } = accounts[w]!;
    const mine = known[w]!;
    for (let n = 0; ; n++) {
      const ids = [...mine.keys()];
      const op = ids.length < 3 || Math.random() < 0.4 ? 'create' : Math.random() < 0.7 ? 'edit' : 'complete';
      const title = `w${w}-${op}-${n}`;
      let reply;
      if (op === 'create') {
        pending[w] = { id: null, title, version: 1, isCompleted: false };
        reply = await call(first.base, 'POST', '/api/v1/tasks', { token, body: { title } });
      } else {
        const id = ids[Math.floor(Math.random() * ids.length)]!;
        const k = mine.get(id)!;
        const headers = { 'if-match': `"${k.version}"` };
        if (op === 'edit') {
          pending[w] = { id, title, version: k.version + 1, isCompleted: k.isCompleted };
          reply = await call(first.base, 'PATCH', `/api/v1/tasks/${id}`, { token, headers, body: { title } });
        } else {
          pending[w] = { id, title: k.title, version: k.version + 1, isCompleted: !k.isCompleted };
          reply = await call(first.base, 'PATCH', `/api/v1/tasks/${id}/complete`, { token, headers, body: { is_completed: !k.isCompleted } });
        }
      }
      if (reply.status === 0) {
        if (!killed) unexpected.push(`${op} failed (${reply.failure}) before the kill`);
        return; // the server is gone; pending[w] is the one write in flight
      }
      if (reply.status !== 200 && reply.status !== 201) {
        unexpected.push(`${op} answered ${reply.status} ${reply.body?.code ?? ''}`);
        pending[w] = null;
        continue;
      }
      const t = reply.body;
      const before = mine.get(t.id);
      mine.set(t.id, { title: t.title, version: t.version, isCompleted: t.is_completed, writes: (before?.writes ?? 0) + 1 });
      pending[w] = null;
      acknowledged++;
    }
  });

  await sleep(LOAD_MS);
  killed = true;
  await first.kill();
  await load;
  const inFlight = pending.filter(Boolean).length;
  log(`SIGKILL sent; exit ${JSON.stringify(await first.exited)}; ${acknowledged} writes acknowledged, ${inFlight} in flight at the kill`);

  const second = await startTaskhex({ databaseUrl: pg.url(), name: 'taskhex-2' });
  servers.push(second);
  log(`restarted: pid ${second.pid} on :${second.port}; reading every task back through the API`);

  const problems = [...unexpected];
  let found = 0;
  let lost = 0;
  let inFlightApplied = 0;
  for (let w = 0; w < WORKERS; w++) {
    const seen = new Map((await listAll(second.base, accounts[w]!.token)).map((t) => [t.id, t]));
    const p = pending[w];
    for (const [id, k] of known[w]!) {
      const t = seen.get(id);
      seen.delete(id);
      if (!t) {
        lost += k.writes;
        problems.push(`task ${id} acknowledged at version ${k.version} is missing`);
        continue;
      }
      const asAcknowledged = t.title === k.title && t.version === k.version && t.is_completed === k.isCompleted;
      const asInFlight = p?.id === id && t.title === p.title && t.version === p.version && t.is_completed === p.isCompleted;
      if (asAcknowledged || asInFlight) {
        found += k.writes;
        if (asInFlight) inFlightApplied++;
      } else {
        lost += k.writes;
        problems.push(`task ${id}: acknowledged ${JSON.stringify(k)}, found title=${t.title} version=${t.version} completed=${t.is_completed}`);
      }
    }
    // Whatever is left must be the one create that was in flight, whole.
    for (const t of seen.values()) {
      if (p?.id === null && t.title === p.title && t.version === 1) inFlightApplied++;
      else problems.push(`task ${t.id} (${t.title}) was never written by a client`);
    }
  }
  const impossible = await impossibleTaskRows(pg.url());
  if (impossible > 0) problems.push(`${impossible} task rows in an impossible state`);
  if (acknowledged < 50) problems.push(`only ${acknowledged} writes were acknowledged: the load did not run`);

  verdict(problems, { acknowledged, found, lost, in_flight: inFlight, in_flight_applied_whole: inFlightApplied, impossible_rows: impossible });
  expect(problems).toEqual([]);
  expect(found).toBe(acknowledged);
});
