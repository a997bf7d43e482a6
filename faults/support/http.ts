import { randomUUID } from 'node:crypto';

/** One HTTP exchange as a client saw it. `status` 0 means no HTTP answer; `failure` says why. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly contentType: string;
  readonly ms: number;
  readonly failure?: Failure;
}

/** refused: nothing was accepted; reset: the connection broke after the request went out; timeout: no answer in time. */
export type Failure = 'refused' | 'reset' | 'timeout' | 'other';

export interface CallOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

export async function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  try {
    const res = await fetch(base + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let body: unknown = text;
    if (contentType.includes('json') && text) body = JSON.parse(text);
    return { status: res.status, headers: res.headers, body, contentType, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, headers: new Headers(), body: null, contentType: '', ms: performance.now() - started, failure: classify(error) };
  }
}

export function classify(error: unknown): Failure {
  const e = error as { name?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code ?? e?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /other side closed|socket hang up/i.test(e?.cause?.message ?? '')) {
    return 'reset';
  }
  return 'other';
}

export interface Account {
  readonly token: string;
  readonly userId: string;
  readonly email: string;
}

export const PASSWORD = 'fault suite password';

export async function register(base: string, email = `u-${randomUUID()}@faults.example`): Promise<Account> {
  const reply = await call(base, 'POST', '/api/v1/auth/register', { body: { email, password: PASSWORD } });
  if (reply.status !== 201) throw new Error(`register answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return { token: reply.body.access_token, userId: reply.body.user.id, email };
}

export async function createTask(base: string, token: string, body: Record<string, unknown>): Promise<any> {
  const reply = await call(base, 'POST', '/api/v1/tasks', { token, body });
  if (reply.status !== 201) throw new Error(`create answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Every live task of a user, walked by cursor. */
export async function listAll(base: string, token: string): Promise<any[]> {
  const tasks: any[] = [];
  let cursor: string | null = null;
  for (;;) {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const reply = await call(base, 'GET', `/api/v1/tasks${query}`, { token });
    if (reply.status !== 200) throw new Error(`list answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    tasks.push(...reply.body.items);
    cursor = reply.body.next_cursor;
    if (!cursor || reply.body.items.length === 0) return tasks;
  }
}

/** Runs `loop` on `n` workers until `until()` says stop. */
export async function workers(n: number, loop: (worker: number) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: n }, (_, i) => loop(i)));
}

export function tally(replies: readonly Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const key = r.status === 0 ? (r.failure ?? 'other') : String(r.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
