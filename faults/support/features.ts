import { randomUUID } from 'node:crypto';
import { call } from './http.js';

/**
 * Probes for features other branches are adding. Each answers from the outside, as a client would
 * notice them, so the scenarios switch on by themselves once the feature is merged.
 */
export interface Probe {
  readonly available: boolean;
  readonly reason: string;
}

/** The rate limiter answers with RateLimit-* headers on every limited response. */
export async function probeRateLimit(base: string, token: string): Promise<Probe> {
  const reply = await call(base, 'GET', '/api/v1/tasks?limit=1', { token });
  const limit = reply.headers.get('ratelimit-limit');
  return limit
    ? { available: true, reason: `RateLimit-Limit: ${limit}` }
    : { available: false, reason: `rate limiting not available yet: no RateLimit-Limit header (GET /api/v1/tasks answered ${reply.status})` };
}

/** The same Idempotency-Key and body twice: one task, the first answer replayed. */
export async function probeIdempotency(base: string, token: string): Promise<Probe> {
  const key = randomUUID();
  const body = { title: `idempotency probe ${key}` };
  const first = await call(base, 'POST', '/api/v1/tasks', { token, body, headers: { 'idempotency-key': key } });
  const second = await call(base, 'POST', '/api/v1/tasks', { token, body, headers: { 'idempotency-key': key } });
  if (first.status !== 201) return { available: false, reason: `POST /api/v1/tasks answered ${first.status}` };
  return second.body?.id === first.body.id
    ? { available: true, reason: 'a repeated Idempotency-Key replays the first task' }
    : { available: false, reason: 'idempotency keys not available yet: the same Idempotency-Key created two tasks' };
}
