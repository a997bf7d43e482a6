import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import type { Clock } from '../../src/application/ports/clock.js';
import { startBetterAuth, type BetterAuthServer, type BetterAuthUser } from '../support/better-auth-server.js';
import { countRows, startHarness, type Harness } from '../support/http-harness.js';

/**
 * A stock Better Auth front end (real server, real sign-ups, real tokens) in front of Taskhex in JWKS
 * mode with auto-provisioning. Nothing of Better Auth is mocked.
 */

/** Real time, moved forward on demand: Better Auth's real tokens can then expire without waiting. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let ba: BetterAuthServer;
let otherBa: BetterAuthServer;
let h: Harness;
const clock = new OffsetClock();
let ada: BetterAuthUser;
let bob: BetterAuthUser;

beforeAll(async () => {
  ba = await startBetterAuth();
  otherBa = await startBetterAuth();
  h = await startHarness({
    settings: {
      jwksUrl: ba.jwksUrl,
      jwtIssuer: ba.baseUrl,
      jwtAudience: ba.baseUrl,
      autoProvision: true,
      // The same BETTER_AUTH_SECRET as the front end, so its HS256 cookie cache is accepted too.
      secret: ba.secret,
    },
    http: { corsOrigins: [ba.baseUrl] },
    clock,
  });
  ada = await ba.signUp('ada@example.com', 'Ada Lovelace');
  bob = await ba.signUp('bob@example.com', 'Bob');
});

afterAll(async () => {
  await h?.close();
  await ba?.close();
  await otherBa?.close();
});

test("Better Auth's subjects are not UUIDs (the premise of these tests)", () => {
  expect(decodeJwt(ada.jwt).sub).toBe(ada.id);
  expect(ada.id).not.toMatch(UUID);
});

describe('a Better Auth JWT (EdDSA, JWKS)', () => {
  test('lists and creates on /api/v1/tasks; the user is provisioned with the e-mail and name of the claims', async () => {
    const empty = await h.http.get('/api/v1/tasks').set(bearer(ada.jwt));
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);

    const created = await h.http.post('/api/v1/tasks').set(bearer(ada.jwt)).send({ title: 'Write the notes' });
    expect(created.status).toBe(201);
    expect(created.body.user_id).toMatch(UUID);

    const list = await h.http.get('/api/v1/tasks').set(bearer(ada.jwt));
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);

    const me = await h.http.get('/api/v1/auth/me').set(bearer(ada.jwt));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: created.body.user_id, email: 'ada@example.com', name: 'Ada Lovelace' });
  });

  test("works on /api/{user_id}/tasks with Better Auth's id and with the Taskhex id", async () => {
    const me = await h.http.get('/api/v1/auth/me').set(bearer(ada.jwt));
    const taskhexId: string = me.body.id;

    const bySubject = await h.http.post(`/api/${ada.id}/tasks`).set(bearer(ada.jwt)).send({ title: 'Via the subject' });
    expect(bySubject.status).toBe(201);
    expect(bySubject.body.user_id).toBe(taskhexId);

    for (const pathId of [ada.id, taskhexId]) {
      const list = await h.http.get(`/api/${pathId}/tasks`).set(bearer(ada.jwt));
      expect(list.status).toBe(200);
      expect(list.body.tasks.map((t: { title: string }) => t.title)).toContain('Via the subject');
    }
    const one = await h.http.get(`/api/${taskhexId}/tasks/${bySubject.body.id}`).set(bearer(ada.jwt));
    expect(one.status).toBe(200);
  });

  test("another user's path or task is a 403, whichever id names it", async () => {
    const adaMe = await h.http.get('/api/v1/auth/me').set(bearer(ada.jwt));
    const adaTask = await h.http.post('/api/v1/tasks').set(bearer(ada.jwt)).send({ title: 'Private' });

    for (const pathId of [ada.id, adaMe.body.id as string]) {
      const res = await h.http.get(`/api/${pathId}/tasks`).set(bearer(bob.jwt));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    const read = await h.http.get(`/api/v1/tasks/${adaTask.body.id}`).set(bearer(bob.jwt));
    expect(read.status).toBe(403);
    const edit = await h.http.patch(`/api/v1/tasks/${adaTask.body.id}`).set(bearer(bob.jwt)).send({ title: 'Mine now' });
    expect(edit.status).toBe(403);
    const after = await h.http.get(`/api/v1/tasks/${adaTask.body.id}`).set(bearer(ada.jwt));
    expect(after.body.title).toBe('Private');
  });
});

describe('tokens that must be refused with a 401', () => {
  const expect401 = async (token: string, code = 'unauthorized') => {
    const users = await countRows(h, 'users');
    const res = await h.http.get('/api/v1/tasks').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(code);
    expect(await countRows(h, 'users')).toBe(users);
  };

  test('a token from another Better Auth instance (other keys, other issuer)', async () => {
    const stranger = await otherBa.signUp();
    await expect401(stranger.jwt);
  });

  test("another instance's cookie cache (signed with another secret)", async () => {
    const stranger = await otherBa.signUp();
    await expect401(stranger.cookieCacheJwt);
  });

  test('an expired token (Better Auth gives 15 minutes)', async () => {
    const fresh = await ba.signUp();
    expect((await h.http.get('/api/v1/tasks').set(bearer(fresh.jwt))).status).toBe(200);
    clock.offsetMs = 16 * 60_000;
    try {
      await expect401(fresh.jwt, 'token_expired');
    } finally {
      clock.offsetMs = 0;
    }
  });

  test('an altered token: the payload names another user, the signature is the original', async () => {
    const [header, payload, signature] = ada.jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: bob.id })).toString('base64url');
    await expect401(`${header}.${forged}.${signature}`);
  });

  test('an altered token: one character of the payload flipped', async () => {
    const [header, payload, signature] = ada.jwt.split('.') as [string, string, string];
    const i = Math.floor(payload.length / 2);
    const flipped = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
    await expect401(`${header}.${flipped}.${signature}`);
  });

  test('alg "none", with and without a signature', async () => {
    const [, payload, signature] = ada.jwt.split('.') as [string, string, string];
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await expect401(`${none}.${payload}.`);
    await expect401(`${none}.${payload}.${signature}`);
  });

  test('a token signed by a key the front end never published, with its issuer and audience', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ email: 'ada@example.com' })
      .setProtectedHeader({ alg: 'EdDSA', kid: decodeProtectedHeader(ada.jwt).kid ?? 'k' })
      .setSubject(ada.id)
      .setIssuer(ba.baseUrl)
      .setAudience(ba.baseUrl)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    await expect401(forged);
  });
});

describe("Better Auth's HS256 session cookie cache (user id at user.id, no iss)", () => {
  test('is accepted, and is the same Taskhex user as that user\'s JWT', async () => {
    const byJwt = await h.http.get('/api/v1/auth/me').set(bearer(ada.jwt));
    const byCookieCache = await h.http.get('/api/v1/auth/me').set(bearer(ada.cookieCacheJwt));
    expect(byCookieCache.status).toBe(200);
    expect(byCookieCache.body.id).toBe(byJwt.body.id);

    const created = await h.http.post(`/api/${ada.id}/tasks`).set(bearer(ada.cookieCacheJwt)).send({ title: 'From the cookie cache' });
    expect(created.status).toBe(201);
    const seenByJwt = await h.http.get(`/api/v1/tasks/${created.body.id}`).set(bearer(ada.jwt));
    expect(seenByJwt.status).toBe(200);
  });

  test('provisions a user seen first through it, with e-mail and name from user.*', async () => {
    const carol = await ba.signUp('carol@example.com', 'Carol');
    const first = await h.http.get('/api/v1/auth/me').set(bearer(carol.cookieCacheJwt));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ email: 'carol@example.com', name: 'Carol' });
    const viaJwt = await h.http.get('/api/v1/auth/me').set(bearer(carol.jwt));
    expect(viaJwt.body.id).toBe(first.body.id);
  });
});

test('twenty concurrent first requests of a new user (both token kinds) provision exactly one user', async () => {
  const dana = await ba.signUp();
  const usersBefore = await countRows(h, 'users');
  const identitiesBefore = await countRows(h, 'user_identities');
  const tokens = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? dana.jwt : dana.cookieCacheJwt));
  const responses = await Promise.all(tokens.map((t) => h.http.get('/api/v1/auth/me').set(bearer(t))));
  expect(responses.map((r) => r.status)).toEqual(tokens.map(() => 200));
  expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
  expect(await countRows(h, 'users')).toBe(usersBefore + 1);
  expect(await countRows(h, 'user_identities')).toBe(identitiesBefore + 1);
});

test('tokens with unknown kids refetch the JWKS at most once a minute', async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const before = ba.jwksRequests();
  for (let i = 0; i < 10; i++) {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: `kid-${i}-${Math.random().toString(36).slice(2)}` })
      .setSubject(ada.id)
      .setIssuer(ba.baseUrl)
      .setAudience(ba.baseUrl)
      .setExpirationTime('10m')
      .sign(privateKey);
    const res = await h.http.get('/api/v1/tasks').set(bearer(token));
    expect(res.status).toBe(401);
  }
  expect(ba.jwksRequests() - before).toBeLessThanOrEqual(1);
  // A real token still verifies from the cached keys.
  expect((await h.http.get('/api/v1/tasks').set(bearer(ada.jwt))).status).toBe(200);
});

describe('issuer and audience are compared exactly', () => {
  test.each([
    { name: 'an issuer with a trailing slash', issuer: (base: string) => `${base}/`, audience: (base: string) => base },
    { name: 'another audience', issuer: (base: string) => base, audience: () => 'https://api.example.com' },
  ])('$name: a genuine token is a 401', async ({ issuer, audience }) => {
    const strict = await startHarness({
      settings: {
        jwksUrl: ba.jwksUrl,
        jwtIssuer: issuer(ba.baseUrl),
        jwtAudience: audience(ba.baseUrl),
        autoProvision: true,
      },
    });
    try {
      const res = await strict.http.get('/api/v1/tasks').set(bearer(ada.jwt));
      expect(res.status).toBe(401);
      expect(await countRows(strict, 'users')).toBe(0);
    } finally {
      await strict.close();
    }
  });
});

