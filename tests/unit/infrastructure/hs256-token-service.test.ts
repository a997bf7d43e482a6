import { expect, test } from '@jest/globals';
import { TokenExpired, Unauthenticated } from '../../../src/domain/user/user-errors.js';
import { Hs256TokenService } from '../../../src/infrastructure/security/hs256-token-service.js';

const start = new Date('2026-06-01T12:00:00Z');

function service(expiresInSeconds = 60) {
  const clock = { at: start, now: () => clock.at };
  return { clock, tokens: new Hs256TokenService({ secret: 's'.repeat(40), expiresInSeconds }, clock) };
}

test('a token verified before is still refused once it has expired (beyond the 5 s tolerance)', () => {
  const { clock, tokens } = service(60);
  const { accessToken } = tokens.issue('user-1');
  expect(tokens.verify(accessToken).subject).toBe('user-1');
  clock.at = new Date(start.getTime() + 64_000);
  expect(tokens.verify(accessToken).subject).toBe('user-1');
  clock.at = new Date(start.getTime() + 65_000);
  expect(() => tokens.verify(accessToken)).toThrow(TokenExpired);
});

test('an altered copy of a verified token is refused', () => {
  const { tokens } = service();
  const { accessToken } = tokens.issue('user-1');
  tokens.verify(accessToken);
  const [header, payload, signature] = accessToken.split('.') as [string, string, string];
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'user-2' })).toString('base64url');
  expect(() => tokens.verify(`${header}.${forged}.${signature}`)).toThrow(Unauthenticated);
  expect(() => tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toThrow(Unauthenticated);
  expect(tokens.verify(accessToken).subject).toBe('user-1');
});
