import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type supertest from 'supertest';
import { countRows, registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

const ALLOWED = 'https://app.example.com';
const EVIL = 'https://evil.example';

let h: Harness;
let u: TestUser;
let taskId: string;
beforeAll(async () => {
  h = await startHarness();
  u = await registerUser(h);
  taskId = (await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'keep me' })).body.id;
});
afterAll(() => h.close());

const cookie = () => `access_token=${u.token}`;

async function snapshot() {
  const res = await h.http.get(`/api/v1/tasks/${taskId}`).set(u.auth);
  return { tasks: await countRows(h, 'tasks'), task: res.body };
}

describe('CORS', () => {
  test('an allow-listed origin gets its origin and credentials back, on preflight and on the request', async () => {
    const pre = await h.http.options('/api/v1/tasks').set('Origin', ALLOWED).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'Content-Type, Authorization');
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(pre.headers['access-control-allow-credentials']).toBe('true');
    const res = await h.http.get('/api/v1/tasks').set('Origin', ALLOWED).set(u.auth);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['vary']).toMatch(/Origin/);
  });

  test('an unlisted origin gets no CORS grant at all, never *', async () => {
    for (const origin of [EVIL, 'null', `${ALLOWED}.evil.example`, 'https://APP.example.com', `${ALLOWED}/`]) {
      const pre = await h.http.options('/api/v1/tasks').set('Origin', origin).set('Access-Control-Request-Method', 'DELETE');
      const res = await h.http.get('/api/v1/tasks').set('Origin', origin).set(u.auth);
      for (const r of [pre, res]) {
        expect(r.headers['access-control-allow-origin']).toBeUndefined();
        expect(r.headers['access-control-allow-credentials']).toBeUndefined();
      }
    }
  });

  test('no response ever says * (checked on errors too)', async () => {
    const responses: supertest.Response[] = [
      await h.http.get('/api/v1/nope').set('Origin', ALLOWED),
      await h.http.get('/api/v1/tasks').set('Origin', ALLOWED),
      await h.http.post('/api/v1/auth/login').set('Origin', EVIL).send({ email: 'a@b.co', password: 'x' }),
    ];
    for (const r of responses) expect(r.headers['access-control-allow-origin']).not.toBe('*');
  });
});

describe('CSRF: cookie-authenticated unsafe requests need an allow-listed Origin', () => {
  const unsafe: [string, (r: supertest.Agent | ReturnType<typeof supertest>) => supertest.Test][] = [
    ['POST /tasks', (r) => r.post('/api/v1/tasks').send({ title: 'csrf' })],
    ['PUT /tasks/:id', (r) => r.put(`/api/v1/tasks/${taskId}`).send({ title: 'csrf' })],
    ['PATCH /tasks/:id', (r) => r.patch(`/api/v1/tasks/${taskId}`).send({ title: 'csrf' })],
    ['PATCH /tasks/:id/complete', (r) => r.patch(`/api/v1/tasks/${taskId}/complete`)],
    ['DELETE /tasks/:id', (r) => r.delete(`/api/v1/tasks/${taskId}`)],
    ['DELETE /tasks/:id?permanent=true', (r) => r.delete(`/api/v1/tasks/${taskId}?permanent=true`)],
    ['POST /tasks/:id/restore', (r) => r.post(`/api/v1/tasks/${taskId}/restore`)],
    ['brief POST', (r) => r.post(`/api/${u.id}/tasks`).send({ title: 'csrf' })],
    ['DELETE /auth/me', (r) => r.delete('/api/v1/auth/me')],
  ];

  test.each(unsafe)('%s from an unlisted or missing Origin is a 403 and changes nothing', async (_name, send) => {
    const before = await snapshot();
    const users = await countRows(h, 'users');
    for (const origin of [EVIL, undefined, 'null']) {
      const req = send(h.http).set('Cookie', cookie());
      const res = await (origin ? req.set('Origin', origin) : req);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect(await snapshot()).toEqual(before);
    expect(await countRows(h, 'users')).toBe(users);
  });

  test('the same write from the allow-listed origin works', async () => {
    const res = await h.http.patch(`/api/v1/tasks/${taskId}`).set('Cookie', cookie()).set('Origin', ALLOWED).send({ description: 'ok' });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('ok');
  });

  test('with a Bearer header no Origin is needed', async () => {
    const res = await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'server to server' });
    expect(res.status).toBe(201);
  });

  test('safe methods with a cookie need no Origin', async () => {
    expect((await h.http.get('/api/v1/tasks').set('Cookie', cookie())).status).toBe(200);
  });
});

describe('the access_token cookie', () => {
  const login = (hh: Harness, email: string) => hh.http.post('/api/v1/auth/login').send({ email, password: 'correct horse battery' });
  const accessCookie = (res: supertest.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('access_token='));

  test('login sets it HttpOnly, SameSite=Lax, Path=/, without Secure when COOKIE_SECURE is off', async () => {
    const c = accessCookie(await login(h, u.email))!;
    expect(c).toMatch(/httponly/i);
    expect(c).toMatch(/samesite=lax/i);
    expect(c).toMatch(/path=\//i);
    expect(c).not.toMatch(/;\s*secure/i);
  });

  test('with COOKIE_SECURE it is Secure too (also when TLS ends at a proxy Taskhex does not trust)', async () => {
    const secure = await startHarness({ http: { cookieSecure: true } });
    try {
      const v = await registerUser(secure);
      const res = await login(secure, v.email);
      expect(res.status).toBe(200);
      const c = accessCookie(res)!;
      expect(c).toMatch(/;\s*secure/i);
      expect(c).toMatch(/httponly/i);
      expect(c).toMatch(/samesite=lax/i);
      const out = await secure.http.post('/api/v1/auth/logout');
      expect(out.status).toBe(204);
      expect(accessCookie(out)).toMatch(/;\s*secure/i);
    } finally {
      await secure.close();
    }
  });

  test('logout clears it', async () => {
    const res = await h.http.post('/api/v1/auth/logout');
    expect(res.status).toBe(204);
    const c = accessCookie(res)!;
    expect(c).toMatch(/^access_token=;/);
    expect(c).toMatch(/expires=Thu, 01 Jan 1970/i);
  });

  test('the token is never readable from the login response headers other than Set-Cookie', async () => {
    const res = await login(h, u.email);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
