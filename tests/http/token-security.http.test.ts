import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import jwt from 'jsonwebtoken';
import type supertest from 'supertest';
import { countRows, registerUser, startHarness, TEST_SECRET, type Harness, type TestUser } from '../support/http-harness.js';
import { bearer, forgeToken, hs256, nowSeconds, startJwksServer, type JwksServer } from '../support/tokens.js';

function expect401(res: supertest.Response, code: 'unauthorized' | 'token_expired' = 'unauthorized') {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 401, code, title: 'Unauthorized', type: `/problems/${code}` });
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('HS256 mode (no JWKS configured)', () => {
  let h: Harness;
  let u: TestUser;
  beforeAll(async () => {
    h = await startHarness();
    u = await registerUser(h);
  });
  afterAll(() => h.close());

  const get = (token: string) => h.http.get('/api/v1/tasks').set(bearer(token));
  const exp = () => nowSeconds() + 600;

  test('a well-formed HS256 token for the user is accepted (the control for every refusal below)', async () => {
    expect((await get(hs256({ sub: u.id }))).status).toBe(200);
    expect((await get(hs256({ user_id: u.id }))).status).toBe(200);
  });

  test('alg none, in any spelling, is refused', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      expect401(await get(forgeToken({ alg, typ: 'JWT' }, { sub: u.id, exp: exp() }, 'unsigned')));
      expect401(await get(forgeToken({ alg, typ: 'JWT' }, { sub: u.id, exp: exp() })));
    }
  });

  test('HS384 and HS512 with the right secret are refused: HS256 only', async () => {
    expect401(await get(forgeToken({ alg: 'HS384' }, { sub: u.id, exp: exp() }, { hash: 'sha384', secret: TEST_SECRET })));
    expect401(await get(forgeToken({ alg: 'HS512' }, { sub: u.id, exp: exp() }, { hash: 'sha512', secret: TEST_SECRET })));
    // A header that lies about its algorithm does not help either.
    expect401(await get(forgeToken({ alg: 'HS256' }, { sub: u.id, exp: exp() }, { hash: 'sha512', secret: TEST_SECRET })));
  });

  test('an RS256 token is refused when no JWKS is configured', async () => {
    const token = jwt.sign({ sub: u.id }, rsa.privateKey, { algorithm: 'RS256', expiresIn: 600 });
    expect401(await get(token));
  });

  test('HS/RS confusion: HS256 signed with a public key as the secret is refused', async () => {
    expect401(await get(forgeToken({ alg: 'HS256' }, { sub: u.id, exp: exp() }, { hash: 'sha256', secret: rsaPublicPem })));
  });

  test('a token without exp is refused', async () => {
    expect401(await get(forgeToken({ alg: 'HS256' }, { sub: u.id, iat: nowSeconds() })));
  });

  test('exp of the wrong type is refused', async () => {
    expect401(await get(forgeToken({ alg: 'HS256' }, { sub: u.id, exp: String(exp()) })));
    expect401(await get(forgeToken({ alg: 'HS256' }, { sub: u.id, exp: null })));
  });

  test('expired beyond the clock tolerance: token_expired; within it: still accepted', async () => {
    expect401(await get(hs256({ sub: u.id, iat: nowSeconds() - 3600, exp: nowSeconds() - 60 })), 'token_expired');
    expect((await get(hs256({ sub: u.id, iat: nowSeconds() - 3600, exp: nowSeconds() - 1 }))).status).toBe(200);
  });

  test('nbf in the future is refused', async () => {
    expect401(await get(hs256({ sub: u.id, nbf: nowSeconds() + 3600 })));
  });

  test('the size limit: a signed token of 8192 characters passes, one of more is refused unread', async () => {
    const sized = (target: number) => {
      for (let pad = Math.max(0, target - 200); ; pad++) {
        const t = hs256({ sub: u.id, pad: 'x'.repeat(Math.floor(pad * 0.75)) });
        if (t.length >= target) return t;
      }
    };
    const atLimit = [8192, 8191, 8190, 8189].map((n) => sized(n)).find((t) => t.length <= 8192)!;
    expect(atLimit.length).toBeLessThanOrEqual(8192);
    expect(atLimit.length).toBeGreaterThan(8185);
    expect((await get(atLimit)).status).toBe(200);
    const over = sized(8193);
    expect(over.length).toBeGreaterThan(8192);
    expect401(await get(over));
  });

  test('a crit header is refused even when the signature is right', async () => {
    expect401(await get(hs256({ sub: u.id }, { crit: ['exp'] })));
    expect401(await get(hs256({ sub: u.id }, { crit: [] })));
  });

  test('garbage, two-part, four-part and non-JSON tokens are refused', async () => {
    const good = hs256({ sub: u.id });
    const [head, body, sig] = good.split('.');
    for (const token of [
      'garbage',
      'a.b.c',
      `${head}.${body}`,
      `${head}.${body}.${sig}.extra`,
      `${head}..${sig}`,
      `.${body}.${sig}`,
      `${head}.${body}.${sig}x`,
      `${Buffer.from('not json').toString('base64url')}.${body}.${sig}`,
      forgeToken({ alg: 'HS256' }, 'a string payload'),
      forgeToken({ alg: 'HS256' }, null),
      forgeToken({ alg: 'HS256' }, [u.id]),
      forgeToken({ alg: 'HS256' }, 42),
      forgeToken(['HS256'] as unknown as Record<string, unknown>, { sub: u.id, exp: exp() }),
      '%%%.%%%.%%%',
      '\u00e9t\u00e9.\u00e9t\u00e9.\u00e9t\u00e9',
    ]) {
      const res = await h.http.get('/api/v1/tasks').set('Authorization', `Bearer ${encodeURIComponent(token) === token ? token : 'x' + token.length}`);
      expect401(res);
      expect401(await h.http.get('/api/v1/tasks').set('Cookie', `access_token=${encodeURIComponent(token)}`));
    }
  });

  test('subjects that name nobody, whatever their content, are a 401 (never a 500, never SQL)', async () => {
    for (const sub of ["'; drop table users; --", 'x'.repeat(256), 'x'.repeat(255), '00000000-0000-4000-8000-000000000000', '\u0000', '', 42, { id: u.id }, ['a']]) {
      expect401(await get(hs256({ sub })));
    }
    expect(await countRows(h, 'users')).toBeGreaterThan(0);
  });

  test('a token of a deleted user is refused', async () => {
    const gone = await registerUser(h);
    expect((await h.http.delete('/api/v1/auth/me').set(gone.auth)).status).toBe(204);
    expect401(await h.http.get('/api/v1/tasks').set(gone.auth));
    expect401(await h.http.get('/api/v1/auth/me').set(gone.auth));
  });

  test('cookie token works for reads; the Authorization header wins over the cookie when both are sent', async () => {
    const good = hs256({ sub: u.id });
    expect((await h.http.get('/api/v1/tasks').set('Cookie', `access_token=${good}`)).status).toBe(200);
    expect401(await h.http.get('/api/v1/tasks').set('Cookie', `access_token=${good}`).set(bearer('garbage')));
    expect((await h.http.get('/api/v1/tasks').set('Cookie', 'access_token=garbage').set(bearer(good))).status).toBe(200);
    expect401(await h.http.get('/api/v1/tasks').set('Cookie', `access_token=${forgeToken({ alg: 'none' }, { sub: u.id, exp: exp() }, 'unsigned')}`));
  });

  test('an Authorization header that is not Bearer is a 401, not a fallback to something else', async () => {
    expect401(await h.http.get('/api/v1/tasks').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`));
    expect401(await h.http.get('/api/v1/tasks').set('Authorization', 'Bearer'));
    expect401(await h.http.get('/api/v1/tasks').set('Authorization', `Bearer ${hs256({ sub: u.id })} extra`));
  });

  test('a token signed with another secret is refused', async () => {
    expect401(await get(forgeToken({ alg: 'HS256' }, { sub: u.id, exp: exp() }, { hash: 'sha256', secret: 'another-secret-0123456789abcdef0123' })));
  });
});

describe('JWT_ISSUER / JWT_AUDIENCE on HS256 tokens', () => {
  let h: Harness;
  let u: TestUser;
  beforeAll(async () => {
    h = await startHarness({ settings: { jwtIssuer: 'https://issuer.example', jwtAudience: 'taskhex-api' } });
    u = await registerUser(h);
  });
  afterAll(() => h.close());
  const get = (token: string) => h.http.get('/api/v1/tasks').set(bearer(token));

  test('Taskhex issues tokens with them, and they are accepted', async () => {
    const claims = jwt.decode(u.token) as jwt.JwtPayload;
    expect(claims).toMatchObject({ iss: 'https://issuer.example', aud: 'taskhex-api', sub: u.id });
    expect((await get(u.token)).status).toBe(200);
  });

  test('a missing or wrong iss or aud is refused', async () => {
    expect401(await get(hs256({ sub: u.id, aud: 'taskhex-api' })));
    expect401(await get(hs256({ sub: u.id, iss: 'https://evil.example', aud: 'taskhex-api' })));
    expect401(await get(hs256({ sub: u.id, iss: 'https://issuer.example' })));
    expect401(await get(hs256({ sub: u.id, iss: 'https://issuer.example', aud: 'another-api' })));
    expect((await get(hs256({ sub: u.id, iss: 'https://issuer.example', aud: 'taskhex-api' }))).status).toBe(200);
  });
});

describe('JWKS mode (a front end signing EdDSA)', () => {
  let h: Harness;
  let keys: JwksServer;
  beforeAll(async () => {
    keys = await startJwksServer();
    h = await startHarness({
      settings: { jwksUrl: keys.url, jwtIssuer: keys.issuer, jwtAudience: keys.issuer, autoProvision: true },
    });
  });
  afterAll(async () => {
    await h.close();
    await keys.close();
  });
  const get = (token: string) => h.http.get('/api/v1/auth/me').set(bearer(token));

  test('a token from the key server is accepted and its opaque subject provisioned once', async () => {
    const sub = 'Zx81kQpL2mNvB7tR4yW9aC3dE6fG0hJ5';
    const res = await get(await keys.sign({ sub, email: 'front@example.com' }));
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('front@example.com');
    const users = await countRows(h, 'users');
    expect((await get(await keys.sign({ sub }))).status).toBe(200);
    expect(await countRows(h, 'users')).toBe(users);
  });

  test('HS/EdDSA confusion: HS256 signed with the front end public key is refused', async () => {
    const pem = await keys.publicKeyPem();
    const users = await countRows(h, 'users');
    expect401(await get(forgeToken({ alg: 'HS256', kid: keys.kid }, { sub: 'attacker', iss: keys.issuer, aud: keys.issuer, exp: nowSeconds() + 600 }, { hash: 'sha256', secret: pem })));
    expect(await countRows(h, 'users')).toBe(users);
  });

  test('wrong issuer, missing sub, unknown kid: refused; forged kids cost at most one refetch', async () => {
    const users = await countRows(h, 'users');
    expect401(await get(await keys.sign({ sub: 'no-such-kid' }, { kid: 'forged-1' })));
    const fetchesAfterFirst = keys.fetches();
    for (let i = 0; i < 5; i++) expect401(await get(await keys.sign({ sub: 'no-such-kid' }, { kid: `forged-${i + 2}` })));
    expect(keys.fetches()).toBe(fetchesAfterFirst);
    expect401(await get(await keys.sign({})));
    expect401(await get(forgeToken({ alg: 'EdDSA', kid: keys.kid }, { sub: 'x', iss: keys.issuer, aud: keys.issuer, exp: nowSeconds() + 600 })));
    expect(await countRows(h, 'users')).toBe(users);
  });
});
