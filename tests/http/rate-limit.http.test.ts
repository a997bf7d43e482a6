import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { pino } from 'pino';
import supertest from 'supertest';
import { createRateLimiters, type RateLimiters } from '../../src/infrastructure/rate-limit/rate-limiters.js';
import { createApp } from '../../src/interfaces/http/app.js';
import { rateLimitGuards } from '../../src/interfaces/http/middleware/rate-limit.js';
import { countRows, registerUser, startHarness, type Harness } from '../support/http-harness.js';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.log('rate-limit: REDIS_URL is unset, so the shared-Redis test is skipped (CI sets it)');

const opened: RateLimiters[] = [];
function limiters(perUser: number, perAddress: number, redisUrl?: string, keyPrefix = `test:rl:${randomUUID()}`) {
  const l = createRateLimiters({ perUser, perAddress, redisUrl, keyPrefix, onStoreError: () => {} });
  opened.push(l);
  return l;
}

const harnesses: Harness[] = [];
async function harness(l: RateLimiters, trustProxy = false) {
  const h = await startHarness({ http: { ...rateLimitGuards(l), trustProxy } });
  harnesses.push(h);
  return h;
}

afterAll(async () => {
  await Promise.all(opened.map((l) => l.close()));
  await Promise.all(harnesses.map((h) => h.close()));
});

function expectLimitHeaders(res: supertest.Response, limit: number, remaining: number) {
  expect(res.headers['ratelimit-limit']).toBe(String(limit));
  expect(res.headers['ratelimit-remaining']).toBe(String(remaining));
  const reset = Number(res.headers['ratelimit-reset']);
  expect(reset).toBeGreaterThanOrEqual(1);
  expect(reset).toBeLessThanOrEqual(3600);
}

function expectRateLimited(res: supertest.Response, limit: number) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too Many Requests' });
  expect(typeof res.body.request_id).toBe('string');
  expectLimitHeaders(res, limit, 0);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(3600);
}

describe('memory store, per user', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(limiters(3, 1000));
  });

  test('a user gets exactly their budget, then 429 with Retry-After; nothing is created past it', async () => {
    const a = await registerUser(h);
    for (let i = 0; i < 3; i++) {
      const res = await h.http.post('/api/v1/tasks').set(a.auth).send({ title: `t${i}` });
      expect(res.status).toBe(201);
      expectLimitHeaders(res, 3, 2 - i);
    }
    const before = await countRows(h, 'tasks');
    const over = await h.http.post('/api/v1/tasks').set(a.auth).send({ title: 'one too many' });
    expectRateLimited(over, 3);
    expect(await countRows(h, 'tasks')).toBe(before);
    // Every task route and /auth/me draw on the same budget, on both surfaces.
    expectRateLimited(await h.http.get('/api/v1/auth/me').set(a.auth), 3);
    expectRateLimited(await h.http.get(`/api/${a.id}/tasks`).set(a.auth), 3);
  });

  test('another user is unaffected by user A exhausting theirs', async () => {
    const a = await registerUser(h);
    for (let i = 0; i < 3; i++) expect((await h.http.get('/api/v1/tasks').set(a.auth)).status).toBe(200);
    expectRateLimited(await h.http.get('/api/v1/tasks').set(a.auth), 3);
    const b = await registerUser(h);
    const res = await h.http.get('/api/v1/tasks').set(b.auth);
    expect(res.status).toBe(200);
    expectLimitHeaders(res, 3, 2);
  });

  test('error responses inside the budget carry the headers too', async () => {
    const a = await registerUser(h);
    const res = await h.http.get('/api/v1/tasks/not-a-uuid').set(a.auth);
    expect(res.status).toBe(422);
    expectLimitHeaders(res, 3, 2);
    const me = await h.http.get('/api/v1/auth/me').set(a.auth);
    expect(me.status).toBe(200);
    expectLimitHeaders(me, 3, 1);
  });

  test('an unauthenticated request is a 401, not counted against anyone', async () => {
    const res = await h.http.get('/api/v1/tasks');
    expect(res.status).toBe(401);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('memory store, per client address on /api/v1/auth/*', () => {
  test('login from one address: budget, then 429 whatever the credentials', async () => {
    const h = await harness(limiters(1000, 3));
    const u = await registerUser(h); // 1 of 3
    const wrong = await h.http.post('/api/v1/auth/login').send({ email: u.email, password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expectLimitHeaders(wrong, 3, 1);
    const right = await h.http.post('/api/v1/auth/login').send({ email: u.email, password: 'correct horse battery' });
    expect(right.status).toBe(200);
    expectLimitHeaders(right, 3, 0);
    const blocked = await h.http.post('/api/v1/auth/login').send({ email: u.email, password: 'correct horse battery' });
    expectRateLimited(blocked, 3);
    expect(blocked.headers['set-cookie']).toBeUndefined();
    expectRateLimited(await h.http.post('/api/v1/auth/logout'), 3);
    const users = await countRows(h, 'users');
    expectRateLimited(await h.http.post('/api/v1/auth/register').send({ email: 'new@example.com', password: 'long enough pw' }), 3);
    expect(await countRows(h, 'users')).toBe(users);
    // The per-user budget is separate: the signed-in user still works.
    expect((await h.http.get('/api/v1/auth/me').set(u.auth)).status).toBe(200);
  });

  test('X-Forwarded-For is ignored unless TRUST_PROXY', async () => {
    const h = await harness(limiters(1000, 1), false);
    const login = (xff: string) => h.http.post('/api/v1/auth/login').set('X-Forwarded-For', xff).send({ email: 'x@example.com', password: 'whatever1' });
    expect((await login('10.0.0.1')).status).toBe(401);
    expectRateLimited(await login('10.0.0.2'), 1);
  });

  test('with TRUST_PROXY each forwarded client address has its own budget (the proxy-appended entry counts)', async () => {
    const h = await harness(limiters(1000, 1), true);
    const login = (xff: string) => h.http.post('/api/v1/auth/login').set('X-Forwarded-For', xff).send({ email: 'x@example.com', password: 'whatever1' });
    expect((await login('10.0.0.1')).status).toBe(401);
    expectRateLimited(await login('10.0.0.1'), 1);
    expect((await login('10.0.0.2')).status).toBe(401);
    // A client cannot buy a new budget by prepending a forged entry: the last one is the proxy's.
    expectRateLimited(await login('1.2.3.4, 10.0.0.2'), 1);
  });
});

describe('Redis store', () => {
  const redisTest = REDIS_URL ? test : test.skip;

  redisTest('two app instances sharing one Redis share one budget', async () => {
    const prefix = `test:rl:${randomUUID()}`;
    const h = await harness(limiters(4, 1000, REDIS_URL, prefix));
    const second = supertest(
      createApp(h.container, pino({ level: 'silent' }), {
        corsOrigins: [],
        cookieSecure: false,
        bodyLimitBytes: 64 * 1024,
        aliasListShape: 'object',
        trustProxy: false,
        ...rateLimitGuards(limiters(4, 1000, REDIS_URL, prefix)),
      }).callback(),
    );
    const u = await registerUser(h);
    const r1 = await h.http.get('/api/v1/tasks').set(u.auth);
    expectLimitHeaders(r1, 4, 3);
    expectLimitHeaders(await second.get('/api/v1/tasks').set(u.auth), 4, 2);
    expectLimitHeaders(await h.http.get('/api/v1/tasks').set(u.auth), 4, 1);
    expectLimitHeaders(await second.get('/api/v1/tasks').set(u.auth), 4, 0);
    expectRateLimited(await h.http.get('/api/v1/tasks').set(u.auth), 4);
    expectRateLimited(await second.get('/api/v1/tasks').set(u.auth), 4);
  });

  test('Redis unreachable: the in-memory insurance limiter counts instead; never a 500', async () => {
    const h = await harness(limiters(2, 2, 'redis://127.0.0.1:1'));
    const u = await registerUser(h); // per-address 1 of 2, counted in memory
    const first = await h.http.get('/api/v1/tasks').set(u.auth);
    expect(first.status).toBe(200);
    expectLimitHeaders(first, 2, 1);
    expect((await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'x' })).status).toBe(201);
    expectRateLimited(await h.http.get('/api/v1/tasks').set(u.auth), 2);
    expect((await h.http.post('/api/v1/auth/login').send({ email: u.email, password: 'nope nope' })).status).toBe(401);
    expectRateLimited(await h.http.post('/api/v1/auth/login').send({ email: u.email, password: 'nope nope' }), 2);
  });
});
