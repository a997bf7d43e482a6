import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { countRows, registerUser, startHarness, TEST_SECRET, type Harness, type TestUser } from '../support/http-harness.js';

let h: Harness;
let u: TestUser;
beforeAll(async () => {
  h = await startHarness();
  u = await registerUser(h);
});
afterAll(async () => {
  await h.close();
});

const V1 = '/api/v1/tasks';

function expectProblemShape(res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code, request_id: res.headers['x-request-id'] }),
  );
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|select |insert into|Error:/i);
}

describe('problem+json and request ids', () => {
  test('an unknown route is 404 not_found with the problem shape, signed in or not', async () => {
    expectProblemShape(await h.http.get('/api/v1/nope'), 404, 'not_found');
    expectProblemShape(await h.http.get('/nope'), 404, 'not_found');
    expectProblemShape(await h.http.get(`${V1}/${crypto.randomUUID()}/extra`).set(u.auth), 404, 'not_found');
  });

  test('a sane X-Request-Id is echoed; a missing or unsafe one is replaced by a generated id', async () => {
    const echoed = await h.http.get('/healthz').set('X-Request-Id', 'abc-123_x.y:z');
    expect(echoed.headers['x-request-id']).toBe('abc-123_x.y:z');
    const generated = await h.http.get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await h.http.get('/healthz').set('X-Request-Id', 'x'.repeat(300));
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await h.http.get('/api/v1/tasks').set('X-Request-Id', 'trace-42');
    expect(problem.body.request_id).toBe('trace-42');
  });

  test('every response has X-Request-Id, success or error', async () => {
    for (const res of [await h.http.get(V1).set(u.auth), await h.http.post(V1).set(u.auth).send({}), await h.http.get('/nope')]) {
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });
});

describe('bodies', () => {
  test('malformed JSON is 400 malformed_json and creates nothing', async () => {
    const tasks = await countRows(h, 'tasks');
    const res = await h.http.post(V1).set(u.auth).set('Content-Type', 'application/json').send('{"title": "x",');
    expectProblemShape(res, 400, 'malformed_json');
    expect(await countRows(h, 'tasks')).toBe(tasks);
  });

  test('a body that is not JSON is 415 and creates nothing', async () => {
    const tasks = await countRows(h, 'tasks');
    expectProblemShape(await h.http.post(V1).set(u.auth).set('Content-Type', 'text/plain').send('title=x'), 415, 'unsupported_media_type');
    expectProblemShape(await h.http.post(V1).set(u.auth).type('form').send({ title: 'x' }), 415, 'unsupported_media_type');
    expect(await countRows(h, 'tasks')).toBe(tasks);
  });

  test('a body over the limit is 413', async () => {
    const res = await h.http.post(V1).set(u.auth).send({ title: 'x', description: 'd'.repeat(70 * 1024) });
    expectProblemShape(res, 413, 'payload_too_large');
  });

  test('Content-Type: application/json with no body is fine on GET, DELETE and complete', async () => {
    const t = (await h.http.post(V1).set(u.auth).send({ title: 'x' })).body;
    const json = { 'Content-Type': 'application/json' };
    expect((await h.http.get(V1).set(u.auth).set(json)).status).toBe(200);
    expect((await h.http.get(`${V1}/${t.id}`).set(u.auth).set(json)).status).toBe(200);
    expect((await h.http.patch(`${V1}/${t.id}/complete`).set(u.auth).set(json)).status).toBe(200);
    expect((await h.http.delete(`${V1}/${t.id}`).set(u.auth).set(json)).status).toBe(204);
    expect((await h.http.get('/api/v1/auth/me').set(u.auth).set(json)).status).toBe(200);
  });

  test('a POST with no body is 422 (title required), not 400 or 415', async () => {
    expectProblemShape(await h.http.post(V1).set(u.auth).set('Content-Type', 'application/json'), 422, 'validation_failed');
  });
});

describe('tokens', () => {
  const sign = (claims: object, options: jwt.SignOptions = {}) => jwt.sign(claims, TEST_SECRET, { algorithm: 'HS256', expiresIn: 60, ...options });

  test('an expired token is 401 token_expired', async () => {
    const token = jwt.sign({ sub: u.id, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_SECRET, { algorithm: 'HS256' });
    expectProblemShape(await h.http.get(V1).set('Authorization', `Bearer ${token}`), 401, 'token_expired');
  });

  test('a token signed with another secret, with alg none, or without exp is 401 unauthorized', async () => {
    const other = jwt.sign({ sub: u.id }, 'another-secret-0123456789abcdef0123456789', { algorithm: 'HS256', expiresIn: 60 });
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: u.id, exp: 9999999999 })).toString('base64url')}.`;
    const noExp = jwt.sign({ sub: u.id }, TEST_SECRET, { algorithm: 'HS256' });
    for (const token of [other, none, noExp]) {
      expectProblemShape(await h.http.get(V1).set('Authorization', `Bearer ${token}`), 401, 'unauthorized');
    }
  });

  test('a valid token naming an unknown user is 401 unauthorized (no auto-provisioning by default)', async () => {
    const users = await countRows(h, 'users');
    for (const sub of [crypto.randomUUID(), 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY']) {
      expectProblemShape(await h.http.get(V1).set('Authorization', `Bearer ${sign({ sub })}`), 401, 'unauthorized');
    }
    expect(await countRows(h, 'users')).toBe(users);
  });

  test('a token without sub is accepted through user_id (the original notes\' claim)', async () => {
    const res = await h.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${sign({ user_id: u.id })}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(u.id);
  });

  test('a cookie-authenticated write from a foreign origin is refused (CSRF); from an allowed origin it passes', async () => {
    const tasks = await countRows(h, 'tasks');
    const cookie = `access_token=${u.token}`;
    expectProblemShape(await h.http.post(V1).set('Cookie', cookie).set('Origin', 'https://evil.example').send({ title: 'x' }), 403, 'forbidden');
    expectProblemShape(await h.http.post(V1).set('Cookie', cookie).send({ title: 'x' }), 403, 'forbidden');
    expect(await countRows(h, 'tasks')).toBe(tasks);
    expect((await h.http.post(V1).set('Cookie', cookie).set('Origin', 'https://app.example.com').send({ title: 'x' })).status).toBe(201);
    expect((await h.http.get(V1).set('Cookie', cookie)).status).toBe(200);
  });
});

test('security headers on every response', async () => {
  for (const res of [await h.http.get('/healthz'), await h.http.get('/nope'), await h.http.get(V1).set(u.auth)]) {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeTruthy();
  }
});
