import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { countRows, registerUser, startHarness, TEST_SECRET, type Harness } from '../support/http-harness.js';

/**
 * Identities named by HS256 tokens signed with the shared secret: whatever the subject, the answer is
 * a 401 or it works, never a 500, and a subject never reaches SQL as a UUID.
 */

/** Signs any claims, including ones jsonwebtoken's sign() would refuse (a numeric sub, say). */
function hs256(claims: Record<string, unknown>, secret = TEST_SECRET): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { autoProvision: true } });
});
afterAll(async () => {
  await h.close();
});

describe('subjects that cannot name anyone are a 401 and create nothing', () => {
  test.each([
    ['an empty sub', { sub: '' }],
    ['a 256-character sub', { sub: 'x'.repeat(256) }],
    ['a numeric sub', { sub: 12345 }],
    ['an object sub', { sub: { id: 'abc' } }],
    ['an array sub', { sub: ['abc'] }],
    ['a boolean sub', { sub: true }],
    ['a numeric user_id', { user_id: 7 }],
    ['a numeric user.id', { user: { id: 7 } }],
    ['user as a string', { user: 'abc' }],
    ['no subject at all', { email: 'nobody@example.com' }],
    ['a NUL in the sub', { sub: 'ab\u0000cd' }],
    ['a lone surrogate in the sub', { sub: 'ab\uD800cd' }],
    ['a numeric iss', { sub: 'abc', iss: 42 }],
    ['a 256-character iss', { sub: 'abc', iss: 'i'.repeat(256) }],
  ])('%s', async (_, claims) => {
    const users = await countRows(h, 'users');
    const res = await h.http.get('/api/v1/tasks').set(bearer(hs256(claims)));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
    expect(await countRows(h, 'users')).toBe(users);
  });

  test('a token without exp', async () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: 'no-exp' })}`;
    const token = `${body}.${createHmac('sha256', TEST_SECRET).update(body).digest('base64url')}`;
    expect((await h.http.get('/api/v1/tasks').set(bearer(token))).status).toBe(401);
  });
});

describe('any other string subject up to 255 characters works, in both route shapes', () => {
  test.each([
    ['255 ASCII characters', 'y'.repeat(255)],
    ['255 emoji (510 UTF-16 units, 255 characters)', '😀'.repeat(255)],
    ['SQL-looking', "'; drop table users; --"],
    ['SQL-looking, quoted', "' OR '1'='1"],
    ['Japanese', 'ユーザー名'],
    ['right-to-left with combining marks', 'مُستخدِم'],
    ['a UUID that is no Taskhex user', '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b'],
    ['slashes and percent signs', 'a/b%2Fc?d#e'],
    ['spaces', '  spaced out  '],
  ])('%s', async (_, sub) => {
    const token = hs256({ sub });
    const created = await h.http.post('/api/v1/tasks').set(bearer(token)).send({ title: `task of ${sub.slice(0, 20)}` });
    expect(created.status).toBe(201);
    const bySubject = await h.http.get(`/api/${encodeURIComponent(sub)}/tasks`).set(bearer(token));
    expect(bySubject.status).toBe(200);
    expect(bySubject.body.tasks.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
    const byId = await h.http.get(`/api/${created.body.user_id}/tasks`).set(bearer(token));
    expect(byId.status).toBe(200);
    expect(await countRows(h, 'users')).toBeGreaterThan(0);
  });

  test('subjects that differ only in case or Unicode form are different users', async () => {
    const ids = [];
    for (const sub of ['Case', 'case', 'caf\u00e9', 'cafe\u0301']) {
      const me = await h.http.get('/api/v1/auth/me').set(bearer(hs256({ sub })));
      expect(me.status).toBe(200);
      ids.push(me.body.id);
    }
    expect(new Set(ids).size).toBe(4);
  });

  test('the subject may sit in user_id or user.id', async () => {
    const a = await h.http.get('/api/v1/auth/me').set(bearer(hs256({ user_id: 'from-user-id' })));
    const b = await h.http.get('/api/v1/auth/me').set(bearer(hs256({ sub: 'from-user-id' })));
    const c = await h.http.get('/api/v1/auth/me').set(bearer(hs256({ user: { id: 'from-user-id', email: 'uid@example.com' } })));
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
  });
});

describe('the path user', () => {
  test('anything that is not the caller is a 403, never a 422 or a 500', async () => {
    const u = await registerUser(h);
    for (const path of ['not-a-uuid', '%E0%A4%A', "'%20OR%201=1", 'x'.repeat(300), '00000000-0000-4000-8000-000000000000', u.id.toUpperCase()]) {
      const res = await h.http.get(`/api/${path}/tasks`).set(u.auth);
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  test('a Taskhex token names its user by id: sub is the UUID, and the path takes it', async () => {
    const u = await registerUser(h);
    expect((await h.http.get(`/api/${u.id}/tasks`).set(u.auth)).status).toBe(200);
    // The same user named in upper case by a token signed with the secret is still that user.
    const upper = await h.http.get('/api/v1/auth/me').set(bearer(hs256({ sub: u.id.toUpperCase() })));
    expect(upper.body.id).toBe(u.id);
  });
});

test('without AUTH_AUTO_PROVISION an unknown subject is a 401 and nothing is created', async () => {
  const closed = await startHarness();
  try {
    const res = await closed.http.get('/api/v1/tasks').set(bearer(hs256({ sub: 'stranger' })));
    expect(res.status).toBe(401);
    expect(await countRows(closed, 'users')).toBe(0);
  } finally {
    await closed.close();
  }
});
