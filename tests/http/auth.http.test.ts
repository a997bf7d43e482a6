import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { countRows, registerUser, startHarness, type Harness } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const PASSWORD = 'correct horse battery';
let n = 0;
const freshEmail = () => `auth${++n}-${Date.now()}@example.com`;

function expectProblem(res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.request_id).toBe(res.headers['x-request-id']);
}

describe('POST /api/v1/auth/register', () => {
  test('201 with {user, access_token, token_type, expires_in}; the e-mail is stored normalised', async () => {
    const email = freshEmail();
    const res = await h.http.post('/api/v1/auth/register').send({ email: `  ${email.toUpperCase()} `, password: PASSWORD, name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: { id: expect.any(String), email, name: 'Ada', created_at: expect.any(String) },
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(res.body.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(res.body.user.created_at).toISOString()).toBe(res.body.user.created_at);
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    const me = await h.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.access_token}`);
    expect(me.body.id).toBe(res.body.user.id);
  });

  test('409 conflict for an e-mail already registered, in any case; nothing is stored', async () => {
    const email = freshEmail();
    await h.http.post('/api/v1/auth/register').send({ email, password: PASSWORD }).expect(201);
    const users = await countRows(h, 'users');
    const res = await h.http.post('/api/v1/auth/register').send({ email: ` ${email.toUpperCase()}`, password: 'another password' });
    expectProblem(res, 409, 'conflict');
    expect(await countRows(h, 'users')).toBe(users);
  });

  test.each([
    ['a malformed e-mail', { email: 'not-an-email', password: PASSWORD }, 'email'],
    ['a missing e-mail', { password: PASSWORD }, 'email'],
    ['a 7-byte password', { email: 'x@example.com', password: '1234567' }, 'password'],
    ['a 73-byte password', { email: 'x@example.com', password: 'p'.repeat(73) }, 'password'],
    ['a 74-byte password of 37 two-byte characters', { email: 'x@example.com', password: 'é'.repeat(37) }, 'password'],
    ['a password that is not a string', { email: 'x@example.com', password: 12345678 }, 'password'],
    ['an unknown field', { email: 'x@example.com', password: PASSWORD, role: 'admin' }, 'role'],
  ])('422 for %s, naming the field; nothing is stored', async (_label, body, path) => {
    const users = await countRows(h, 'users');
    const res = await h.http.post('/api/v1/auth/register').send(body);
    expectProblem(res, 422, 'validation_failed');
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    expect(await countRows(h, 'users')).toBe(users);
  });

  test('a 72-byte password (36 two-byte characters) is accepted and works for login', async () => {
    const email = freshEmail();
    const password = 'é'.repeat(36);
    await h.http.post('/api/v1/auth/register').send({ email, password }).expect(201);
    await h.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
    // Not truncated: a password differing only in its last byte does not log in.
    await h.http.post('/api/v1/auth/login').send({ email, password: `${'é'.repeat(35)}e` }).expect(401);
  });
});

describe('POST /api/v1/auth/login', () => {
  test('200 with the session and an HttpOnly SameSite=Lax access_token cookie that authenticates', async () => {
    const email = freshEmail();
    await h.http.post('/api/v1/auth/register').send({ email, password: PASSWORD }).expect(201);
    const res = await h.http.post('/api/v1/auth/login').send({ email: email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { email }, token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('access_token='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*httponly/i);
    expect(cookie).toMatch(/;\s*samesite=lax/i);
    expect(cookie).toContain(`access_token=${res.body.access_token}`);
    const me = await h.http.get('/api/v1/auth/me').set('Cookie', `access_token=${res.body.access_token}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
  });

  test('wrong password and unknown e-mail answer the same 401 invalid_credentials', async () => {
    const email = freshEmail();
    await h.http.post('/api/v1/auth/register').send({ email, password: PASSWORD }).expect(201);
    const wrong = await h.http.post('/api/v1/auth/login').send({ email, password: 'wrong password' });
    const unknown = await h.http.post('/api/v1/auth/login').send({ email: freshEmail(), password: PASSWORD });
    const malformed = await h.http.post('/api/v1/auth/login').send({ email: 'nope', password: 'x' });
    for (const res of [wrong, unknown, malformed]) {
      expectProblem(res, 401, 'invalid_credentials');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const strip = (b: Record<string, unknown>) => ({ ...b, request_id: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(strip(malformed.body)).toEqual(strip(wrong.body));
  });

  test('422 for a body of the wrong shape', async () => {
    expectProblem(await h.http.post('/api/v1/auth/login').send({ email: 'a@example.com' }), 422, 'validation_failed');
    expectProblem(await h.http.post('/api/v1/auth/login').send({ email: 'a@example.com', password: PASSWORD, extra: 1 }), 422, 'validation_failed');
  });
});

describe('POST /api/v1/auth/logout', () => {
  test('204 and the cookie is cleared', async () => {
    const res = await h.http.post('/api/v1/auth/logout');
    expect(res.status).toBe(204);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('access_token='));
    expect(cookie).toMatch(/^access_token=;/);
    expect(cookie).toMatch(/expires=Thu, 01 Jan 1970|max-age=0/i);
  });
});

describe('/api/v1/auth/me', () => {
  test('GET returns {id, email, name, created_at}', async () => {
    const u = await registerUser(h);
    const res = await h.http.get('/api/v1/auth/me').set(u.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: u.id, email: u.email, name: null, created_at: expect.any(String) });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test.each([
    ['no token', {}],
    ['a malformed token', { Authorization: 'Bearer not.a.jwt' }],
    ['a scheme other than Bearer', { Authorization: 'Basic dXNlcjpwYXNz' }],
  ])('GET with %s is 401 unauthorized', async (_label, headers) => {
    expectProblem(await h.http.get('/api/v1/auth/me').set(headers as Record<string, string>), 401, 'unauthorized');
  });

  test('DELETE removes the account and its tasks (ON DELETE CASCADE); the token stops working', async () => {
    const u = await registerUser(h);
    const keep = await registerUser(h);
    await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'one' }).expect(201);
    await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'two' }).expect(201);
    await h.http.post('/api/v1/tasks').set(keep.auth).send({ title: 'kept' }).expect(201);
    const tasks = await countRows(h, 'tasks');
    const users = await countRows(h, 'users');

    const res = await h.http.delete('/api/v1/auth/me').set(u.auth).set('Content-Type', 'application/json');
    expect(res.status).toBe(204);
    expect(await countRows(h, 'tasks')).toBe(tasks - 2);
    expect(await countRows(h, 'users')).toBe(users - 1);
    expectProblem(await h.http.get('/api/v1/auth/me').set(u.auth), 401, 'unauthorized');
    expect((await h.http.get('/api/v1/tasks').set(keep.auth)).body.items).toHaveLength(1);
  });

  test('DELETE without a token is 401 and deletes nobody', async () => {
    await registerUser(h);
    const users = await countRows(h, 'users');
    expectProblem(await h.http.delete('/api/v1/auth/me'), 401, 'unauthorized');
    expect(await countRows(h, 'users')).toBe(users);
  });
});
