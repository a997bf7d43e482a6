/**
 * One describe per OWASP API Security Top 10 (2023) category that applies to Taskhex. Every attack
 * asserts the answer AND that the database is exactly as it was (dbState before = after).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { generateKeyPair, SignJWT } from 'jose';
import type supertest from 'supertest';
import { TOKENS } from '../../src/infrastructure/container/tokens.js';
import { createRateLimiters, type RateLimiters } from '../../src/infrastructure/rate-limit/rate-limiters.js';
import { rateLimitGuards } from '../../src/interfaces/http/middleware/rate-limit.js';
import { dbState } from '../support/db-state.js';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';
import { bearer, forgeToken, hs256, nowSeconds, startJwksServer, type JwksServer } from '../support/tokens.js';

const LEAKS = /\bat \S+ \(|node_modules|\/work\/|\.ts:\d|select |insert |update .* set|syntax error|violates|MikroORM|knex|ZodError|TypeError|Error:/i;

function expectProblem(res: supertest.Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (code) expect(res.body.code).toBe(code);
  expect(JSON.stringify(res.body)).not.toMatch(LEAKS);
}

/** Runs the attacks and checks the database is exactly as before. */
async function withoutChange(h: Harness, attacks: () => Promise<void>) {
  const before = await dbState(h);
  await attacks();
  expect(await dbState(h)).toEqual(before);
}

const limiters: RateLimiters[] = [];
function guards(perUser: number, perAddress: number) {
  const l = createRateLimiters({ perUser, perAddress, keyPrefix: `owasp:${randomUUID()}` });
  limiters.push(l);
  return rateLimitGuards(l);
}

let h: Harness;
let alice: TestUser;
let bob: TestUser;
let aliceTask: string;
let aliceTrashed: string;
beforeAll(async () => {
  h = await startHarness({ http: guards(10_000, 10_000) });
  alice = await registerUser(h);
  bob = await registerUser(h);
  aliceTask = (await h.http.post('/api/v1/tasks').set(alice.auth).send({ title: 'alice private' })).body.id;
  aliceTrashed = (await h.http.post('/api/v1/tasks').set(alice.auth).send({ title: 'alice trashed' })).body.id;
  await h.http.delete(`/api/v1/tasks/${aliceTrashed}`).set(alice.auth);
});
afterAll(async () => {
  await h.close();
  await Promise.all(limiters.map((l) => l.close()));
});

describe('API1:2023 Broken Object Level Authorization', () => {
  test("another user's task is a 403 for every method, trashed or not, on both surfaces", async () => {
    await withoutChange(h, async () => {
      for (const id of [aliceTask, aliceTrashed]) {
        const attempts = [
          h.http.get(`/api/v1/tasks/${id}`),
          h.http.put(`/api/v1/tasks/${id}`).send({ title: 'pwned' }),
          h.http.patch(`/api/v1/tasks/${id}`).send({ title: 'pwned' }),
          h.http.patch(`/api/v1/tasks/${id}/complete`),
          h.http.patch(`/api/v1/tasks/${id}/complete`).send({ is_completed: true }),
          h.http.delete(`/api/v1/tasks/${id}`),
          h.http.delete(`/api/v1/tasks/${id}?permanent=true`),
          h.http.post(`/api/v1/tasks/${id}/restore`),
          h.http.get(`/api/${bob.id}/tasks/${id}`),
          h.http.put(`/api/${bob.id}/tasks/${id}`).send({ title: 'pwned' }),
          h.http.delete(`/api/${bob.id}/tasks/${id}`),
        ];
        for (const attempt of attempts) expectProblem(await attempt.set(bob.auth), 403, 'forbidden');
      }
    });
  });

  test("another user's id in the path is a 403, whatever it looks like", async () => {
    await withoutChange(h, async () => {
      for (const path of [`/api/${alice.id}/tasks`, `/api/${alice.id}/tasks/${aliceTask}`, '/api/not-a-uuid/tasks', `/api/${alice.id.toUpperCase()}/tasks`, "/api/'%20or%201=1--/tasks"]) {
        expectProblem(await h.http.get(path).set(bob.auth), 403, 'forbidden');
      }
      expectProblem(await h.http.post(`/api/${alice.id}/tasks`).set(bob.auth).send({ title: 'planted' }), 403, 'forbidden');
    });
  });

  test("lists never include another user's tasks, whatever the filters", async () => {
    for (const q of ['', '?q=alice', '?include_deleted=true&updated_since=2000-01-01T00:00:00Z', '?limit=100']) {
      const res = await h.http.get(`/api/v1/tasks${q}`).set(bob.auth);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    expect((await h.http.get('/api/v1/tasks/trash').set(bob.auth)).body.items).toEqual([]);
  });
});

describe('API2:2023 Broken Authentication', () => {
  test('missing, forged, unsigned, expired and foreign tokens are 401s', async () => {
    await withoutChange(h, async () => {
      const tokens = [
        forgeToken({ alg: 'none' }, { sub: alice.id, exp: nowSeconds() + 600 }, 'unsigned'),
        forgeToken({ alg: 'HS256' }, { sub: alice.id, exp: nowSeconds() + 600 }, { hash: 'sha256', secret: 'guessed-secret-guessed-secret-guessed' }),
        hs256({ sub: alice.id, exp: nowSeconds() - 3600 }),
        hs256({ sub: randomUUID() }),
        `${alice.token.slice(0, -2)}xx`,
      ];
      expectProblem(await h.http.post('/api/v1/tasks').send({ title: 'anon' }), 401, 'unauthorized');
      for (const t of tokens) {
        const res = await h.http.post('/api/v1/tasks').set(bearer(t)).send({ title: 'forged' });
        expect(res.status).toBe(401);
        expect(['unauthorized', 'token_expired']).toContain(res.body.code);
        expectProblem(await h.http.delete('/api/v1/auth/me').set(bearer(t)), 401);
      }
    });
  });

  test('a token in the query string is not a credential', async () => {
    expectProblem(await h.http.get(`/api/v1/tasks?access_token=${alice.token}`), 401, 'unauthorized');
  });

  test('the token is not leaked in any response body or header other than the login/register session', async () => {
    const res = await h.http.get('/api/v1/auth/me').set(alice.auth);
    expect(JSON.stringify(res.body)).not.toContain(alice.token);
    expect(JSON.stringify(res.headers)).not.toContain(alice.token);
  });
});

describe('API3:2023 Broken Object Property Level Authorization (mass assignment, excessive exposure)', () => {
  test('read-only and unknown fields are 422s on every write', async () => {
    await withoutChange(h, async () => {
      const extras = [
        { id: randomUUID() },
        { user_id: bob.id },
        { created_at: '2000-01-01T00:00:00Z' },
        { updated_at: '2000-01-01T00:00:00Z' },
        { deleted_at: null },
        { version: 99 },
        { completed_at: '2000-01-01T00:00:00Z' },
        { owner_id: bob.id },
        { isAdmin: true },
      ];
      for (const extra of extras) {
        expectProblem(await h.http.post('/api/v1/tasks').set(alice.auth).send({ title: 'x', ...extra }), 422, 'validation_failed');
        expectProblem(await h.http.put(`/api/v1/tasks/${aliceTask}`).set(alice.auth).send({ title: 'x', ...extra }), 422, 'validation_failed');
        expectProblem(await h.http.patch(`/api/v1/tasks/${aliceTask}`).set(alice.auth).send(extra), 422, 'validation_failed');
        expectProblem(await h.http.post('/api/v1/auth/register').send({ email: `${randomUUID()}@example.com`, password: 'abcdefghij', ...extra }), 422);
      }
    });
  });

  test('responses never expose password hashes or internal columns', async () => {
    const bodies = [
      (await h.http.get('/api/v1/auth/me').set(alice.auth)).body,
      (await h.http.post('/api/v1/auth/login').send({ email: alice.email, password: 'correct horse battery' })).body,
      (await h.http.get('/api/v1/tasks').set(alice.auth)).body,
    ];
    for (const body of bodies) expect(JSON.stringify(body)).not.toMatch(/password|hash|\$2[aby]\$|owner_id|ownerId/i);
  });
});

describe('API4:2023 Unrestricted Resource Consumption', () => {
  test('page size, body size, token size and string lengths are bounded', async () => {
    await withoutChange(h, async () => {
      expectProblem(await h.http.get('/api/v1/tasks?limit=1000').set(alice.auth), 422, 'validation_failed');
      expectProblem(await h.http.get('/api/v1/tasks?offset=99999999999').set(alice.auth), 422, 'validation_failed');
      const big = JSON.stringify({ title: 'x', description: 'd'.repeat(70_000) });
      expectProblem(await h.http.post('/api/v1/tasks').set(alice.auth).set('Content-Type', 'application/json').send(big), 413, 'payload_too_large');
      expectProblem(await h.http.get('/api/v1/tasks').set(bearer('a'.repeat(9000))), 401, 'unauthorized');
      expectProblem(await h.http.post('/api/v1/tasks').set(alice.auth).send({ title: 't'.repeat(501) }), 422, 'validation_failed');
    });
  });

  test('each user has a request budget; past it, 429 and nothing is written', async () => {
    const tight = await startHarness({ http: guards(3, 1000) });
    try {
      const u = await registerUser(tight);
      for (let i = 0; i < 3; i++) expect((await tight.http.get('/api/v1/tasks').set(u.auth)).status).toBe(200);
      await withoutChange(tight, async () => {
        const res = await tight.http.post('/api/v1/tasks').set(u.auth).send({ title: 'over budget' });
        expectProblem(res, 429, 'rate_limited');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      });
    } finally {
      await tight.close();
    }
  });
});

describe('API5:2023 Broken Function Level Authorization', () => {
  test('there are no administrative functions to reach, and account deletion acts only on the caller', async () => {
    await withoutChange(h, async () => {
      for (const path of ['/api/v1/users', `/api/v1/users/${alice.id}`, '/api/v1/admin', '/admin', '/api/v1/auth/users']) {
        expectProblem(await h.http.get(path).set(bob.auth), 404, 'not_found');
        expectProblem(await h.http.delete(path).set(bob.auth), 404, 'not_found');
      }
      expectProblem(await h.http.delete(`/api/v1/auth/me/${alice.id}`).set(bob.auth), 404, 'not_found');
      expectProblem(await h.http.put('/api/v1/auth/me').set(bob.auth).send({ email: 'x@example.com' }), 404);
      expectProblem(await h.http.delete(`/api/${alice.id}/tasks/${aliceTask}?permanent=true`).set(bob.auth), 403, 'forbidden');
    });
  });
});

describe('API6:2023 Unrestricted Access to Sensitive Business Flows (login brute force, sign-up spam)', () => {
  test('login attempts from one address are capped: even the right password is refused past the budget', async () => {
    const tight = await startHarness({ http: guards(1000, 5) });
    try {
      const u = await registerUser(tight); // 1 of 5
      for (let i = 0; i < 4; i++) {
        expectProblem(await tight.http.post('/api/v1/auth/login').send({ email: u.email, password: `guess-${i}-guess` }), 401, 'invalid_credentials');
      }
      await withoutChange(tight, async () => {
        const right = await tight.http.post('/api/v1/auth/login').send({ email: u.email, password: 'correct horse battery' });
        expectProblem(right, 429, 'rate_limited');
        expect(right.headers['set-cookie']).toBeUndefined();
        expectProblem(await tight.http.post('/api/v1/auth/register').send({ email: 'spam@example.com', password: 'abcdefghij' }), 429, 'rate_limited');
      });
    } finally {
      await tight.close();
    }
  });
});

describe('API7:2023 Server Side Request Forgery', () => {
  let spy: Server;
  let hits = 0;
  let spyUrl = '';
  beforeAll(async () => {
    spy = createServer((_req, res) => {
      hits += 1;
      res.end('{"keys":[]}');
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
    spyUrl = `http://127.0.0.1:${(spy.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((resolve) => spy.close(() => resolve())));

  test('URLs inside a token (jku, x5u, jwk, iss) are never fetched: keys come only from AUTH_JWKS_URL', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const hostile = await new SignJWT({ sub: 'attacker' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k', jku: spyUrl, x5u: spyUrl } as never)
      .setIssuer(spyUrl)
      .setExpirationTime('5m')
      .sign(privateKey);
    await withoutChange(h, async () => {
      expectProblem(await h.http.get('/api/v1/tasks').set(bearer(hostile)), 401, 'unauthorized');
      // On a token signed with Taskhex's own secret, such headers are ignored, never followed.
      expect((await h.http.get('/api/v1/tasks').set(bearer(hs256({ sub: alice.id }, { jku: spyUrl, x5u: spyUrl })))).status).toBe(200);
      expect((await h.http.get('/api/v1/tasks').set(bearer(hs256({ sub: alice.id, iss: spyUrl })))).status).toBe(200);
    });
    expect(hits).toBe(0);
  });

  test('no route takes a URL to fetch: a URL in a task is stored as text', async () => {
    const res = await h.http.post('/api/v1/tasks').set(alice.auth).send({ title: spyUrl, description: spyUrl });
    expect(res.status).toBe(201);
    expect(hits).toBe(0);
    await h.http.delete(`/api/v1/tasks/${res.body.id}?permanent=true`).set(alice.auth);
  });
});

describe('API8:2023 Security Misconfiguration', () => {
  test('security headers, no X-Powered-By, no CORS grant to strangers', async () => {
    for (const res of [await h.http.get('/api/v1/tasks').set(alice.auth), await h.http.get('/nope').set('Origin', 'https://evil.example')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  test('an unexpected failure is a generic 500: no message, stack, SQL or path reaches the client', async () => {
    const list = h.container.get(TOKENS.ListTasks);
    const original = list.execute;
    list.execute = async () => {
      throw new Error('select * from users where password_hash = $1 -- at /work/src/x.ts:12 node_modules/knex');
    };
    try {
      const res = await h.http.get('/api/v1/tasks').set(alice.auth);
      expectProblem(res, 500, 'internal');
      expect(res.body.detail).toBe('Something went wrong on our side.');
      expect(res.body.request_id).toBe(res.headers['x-request-id']);
    } finally {
      list.execute = original;
    }
  });

  test('TRACE and other unsupported methods do not echo anything', async () => {
    const res = await h.http.trace('/api/v1/tasks').set(alice.auth);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(res.body)).not.toContain(alice.token);
  });
});

describe('API9:2023 Improper Inventory Management', () => {
  test('undocumented and old paths are 404 problems, not shadow endpoints', async () => {
    await withoutChange(h, async () => {
      for (const path of ['/api/v2/todos', '/v1/tasks', '/api/v1/task', '/api/v1/tasks/export', '/.env', '/.git/config', '/api/v1/debug', '/metrics', '/api/v1/tasks/..%2f..%2fetc%2fpasswd']) {
        const res = await h.http.get(path).set(alice.auth);
        expect([403, 404, 422]).toContain(res.status);
        expectProblem(res, res.status);
      }
      expectProblem(await h.http.get('/api/v2/todos').set(alice.auth), 404, 'not_found');
      // `/api/v2/tasks` is the brief's `/api/{user_id}/tasks` naming a user "v2": not the caller, so 403.
      expectProblem(await h.http.get('/api/v2/tasks').set(alice.auth), 403, 'forbidden');
      expectProblem(await h.http.get('/api/v2/tasks'), 401, 'unauthorized');
      expectProblem(await h.http.post('/api/v1/tasks/trash').set(alice.auth).send({}), 404, 'not_found');
    });
  });
});

describe('API10:2023 Unsafe Consumption of APIs (the front end JWKS)', () => {
  let keys: JwksServer;
  let jh: Harness;
  beforeAll(async () => {
    keys = await startJwksServer();
    jh = await startHarness({ settings: { jwksUrl: keys.url, jwtIssuer: keys.issuer, jwtAudience: keys.issuer, autoProvision: true } });
  });
  afterAll(async () => {
    await jh.close();
    await keys.close();
  });

  test('tokens from the key server are validated: signature, algorithm, issuer, audience, expiry', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const otherKey = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'EdDSA', kid: keys.kid }).setIssuer(keys.issuer).setAudience(keys.issuer).setExpirationTime('5m').sign(privateKey);
    const wrongIssuer = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'EdDSA', kid: keys.kid }).setIssuer('https://evil.example').setAudience(keys.issuer).setExpirationTime('5m').sign(privateKey);
    await withoutChange(jh, async () => {
      expectProblem(await jh.http.get('/api/v1/auth/me').set(bearer(otherKey)), 401, 'unauthorized');
      expectProblem(await jh.http.get('/api/v1/auth/me').set(bearer(wrongIssuer)), 401, 'unauthorized');
      const expired = await keys.sign({ sub: 'late', exp: nowSeconds() - 3600 });
      expectProblem(await jh.http.get('/api/v1/auth/me').set(bearer(expired)), 401);
    });
  });

  test("the front end's claims are data, not trusted input: hostile e-mail and name do not break provisioning", async () => {
    const token = await keys.sign({ sub: 'claims-test-subject', email: 'not an e-mail\u0000', name: `${'n'.repeat(5000)}\u0000` });
    const res = await jh.http.get('/api/v1/auth/me').set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.email).toBeNull();
    expect([...res.body.name].length).toBeLessThanOrEqual(200);
  });

  test('a key server answering garbage is a 401 for the caller, never a 500', async () => {
    const garbage = createServer((_req, res) => res.end('<html>not json</html>'));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const gh = await startHarness({ settings: { jwksUrl: `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/jwks`, autoProvision: true } });
    try {
      const token = await keys.sign({ sub: 'someone' });
      await withoutChange(gh, async () => expectProblem(await gh.http.get('/api/v1/auth/me').set(bearer(token)), 401, 'unauthorized'));
    } finally {
      await gh.close();
      await new Promise<void>((resolve) => garbage.close(() => resolve()));
    }
  });
});
