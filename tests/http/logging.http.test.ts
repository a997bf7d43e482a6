import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import { startHarness, type Harness } from '../support/http-harness.js';

/** The app's own logger configuration (createLogger: JSON lines, redaction), read back from memory. */
const lines: string[] = [];
const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ logger });
});
afterAll(async () => {
  await h.close();
});

const PASSWORD = 'hunter2-correct-horse-battery';

test('one JSON line per request with method, route, status, duration and the request id', async () => {
  lines.length = 0;
  const res = await h.http.get('/healthz').set('X-Request-Id', 'trace-me-123');
  const missing = await h.http.get('/api/v1/tasks/not-a-uuid');
  const requests = entries().filter((e) => e.msg === 'request');
  expect(requests).toHaveLength(2);
  expect(requests[0]).toMatchObject({ method: 'GET', route: '/healthz', status: 200, request_id: 'trace-me-123', level: 30 });
  expect(typeof requests[0]!.duration_ms).toBe('number');
  expect(res.headers['x-request-id']).toBe('trace-me-123');
  expect(requests[1]).toMatchObject({ method: 'GET', status: missing.status, request_id: missing.headers['x-request-id'] });
});

test('no password, token, cookie or Authorization header reaches the log', async () => {
  lines.length = 0;
  const email = `logs-${Date.now()}@example.com`;
  const registered = await h.http.post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Log Reader' });
  expect(registered.status).toBe(201);
  const login = await h.http.post('/api/v1/auth/login').send({ email, password: PASSWORD });
  expect(login.status).toBe(200);
  const token: string = login.body.access_token;
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  await h.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  await h.http.get('/api/v1/auth/me').set('Cookie', cookie);
  await h.http.post('/api/v1/auth/login').send({ email, password: `${PASSWORD}-wrong` });
  await h.http.get('/api/v1/tasks').set('Authorization', 'Bearer not.a.valid-token-value');

  // Whatever a handler might log about a request, the configured redaction catches it.
  logger.info({ req: { headers: { authorization: `Bearer ${token}`, cookie } }, password: PASSWORD, access_token: token }, 'diagnostic');

  const text = lines.join('');
  expect(entries().filter((e) => e.msg === 'request').length).toBeGreaterThanOrEqual(6);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.split('.')[1]!);
  expect(text).not.toContain(cookie);
  expect(text).not.toContain('not.a.valid-token-value');
  expect(text).toContain('[redacted]');
});
