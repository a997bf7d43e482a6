import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { countRows, startHarness, type Harness } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
const register = (password: string) => h.http.post('/api/v1/auth/register').send({ email: `pw${++n}@example.com`, password });
const login = (email: string, password: string) => h.http.post('/api/v1/auth/login').send({ email, password });

describe('password length is counted in UTF-8 bytes, 8 to 72, never truncated', () => {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const cases: [string, string, number, number][] = [
    ['ASCII', 'a'.repeat(72), 72, 201],
    ['ASCII', 'a'.repeat(73), 73, 422],
    ['two-byte characters', 'é'.repeat(36), 72, 201],
    ['two-byte characters and one ASCII', `${'é'.repeat(36)}a`, 73, 422],
    ['four-byte emoji', '😀'.repeat(18), 72, 201],
    ['emoji and ASCII', `${'😀'.repeat(17)}abcde`, 73, 422],
    ['three-byte characters', '漢'.repeat(24), 72, 201],
    ['ASCII', 'abcdefgh', 8, 201],
    ['ASCII', 'abcdefg', 7, 422],
    ['two-byte characters', 'éééé', 8, 201],
  ];
  test.each(cases)('%s, %#: %d bytes → %d', async (_label, password, size, status) => {
    expect(bytes(password)).toBe(size);
    const users = await countRows(h, 'users');
    const res = await register(password);
    expect(res.status).toBe(status);
    if (status === 422) {
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('password');
      expect(await countRows(h, 'users')).toBe(users);
    }
  });

  test('a 72-byte password signs in; the same plus one more byte does not', async () => {
    const password = `${'😀'.repeat(17)}abcd`;
    const email = `pw-trunc${++n}@example.com`;
    expect((await h.http.post('/api/v1/auth/register').send({ email, password })).status).toBe(201);
    expect((await login(email, password)).status).toBe(200);
    const longer = await login(email, `${password}e`);
    expect(longer.status).toBe(401);
    expect(longer.body.code).toBe('invalid_credentials');
  });
});

describe('failed logins', () => {
  test('unknown e-mail and wrong password answer with the same status, headers and body', async () => {
    const email = `known${++n}@example.com`;
    await h.http.post('/api/v1/auth/register').send({ email, password: 'correct horse battery' });
    const unknown = await login(`nobody${n}@example.com`, 'correct horse battery');
    const wrong = await login(email, 'wrong horse battery');
    const malformed = await login('not-an-email', 'correct horse battery');
    for (const res of [unknown, wrong, malformed]) {
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const strip = ({ request_id: _requestId, ...rest }: Record<string, unknown>) => rest;
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(strip(malformed.body)).toEqual(strip(wrong.body));
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials', status: 401 });
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
  });

  test('e-mails are trimmed and compared case-insensitively at login', async () => {
    const email = `Case${++n}@Example.com`;
    await h.http.post('/api/v1/auth/register').send({ email, password: 'correct horse battery' });
    expect((await login(`  ${email.toUpperCase()}  `, 'correct horse battery')).status).toBe(200);
  });
});
