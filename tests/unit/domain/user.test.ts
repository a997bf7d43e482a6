import { describe, expect, test } from '@jest/globals';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import { Email } from '../../../src/domain/user/email.js';
import { Identity, SUBJECT_MAX_LENGTH, isAcceptableSubject } from '../../../src/domain/user/identity.js';
import { checkPassword, PASSWORD_MAX_BYTES } from '../../../src/domain/user/password-policy.js';
import { User } from '../../../src/domain/user/user.js';

const NOW = new Date('2026-01-01T00:00:00.000Z');

function problemOf(fn: () => unknown): { path: string; code: string } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors[0];
    throw error;
  }
  return undefined;
}

describe('Email', () => {
  test('is trimmed and lower-cased', () => {
    expect(Email.parse('  Ada.Lovelace@Example.COM ').value).toBe('ada.lovelace@example.com');
  });

  test.each(['', '   ', 'ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com', 'ada@@example.com', 'ada\u0000@example.com'])(
    'refuses %j',
    (raw) => {
      expect(problemOf(() => Email.parse(raw))?.path).toBe('email');
    },
  );

  test('refuses more than 254 characters', () => {
    const local = 'a'.repeat(64);
    const ok = `${local}@${'b'.repeat(254 - 64 - 1 - 4)}.com`;
    expect(ok).toHaveLength(254);
    expect(Email.parse(ok).value).toBe(ok);
    expect(problemOf(() => Email.parse(`a${ok}`))?.path).toBe('email');
  });
});

describe('password policy', () => {
  test('8 to 72 bytes are accepted', () => {
    expect(checkPassword('12345678')).toBe('12345678');
    expect(checkPassword('x'.repeat(PASSWORD_MAX_BYTES))).toHaveLength(72);
  });

  test('7 bytes or 73 bytes are refused, never truncated', () => {
    expect(problemOf(() => checkPassword('1234567'))).toMatchObject({ path: 'password', code: 'too_small' });
    expect(problemOf(() => checkPassword('x'.repeat(73)))).toMatchObject({ path: 'password', code: 'too_big' });
  });

  test('multi-byte characters count as their UTF-8 bytes', () => {
    // 'é' is 2 bytes: 4 of them are 8 bytes (enough), 36 are 72 (the most), 37 are 74 (too many)
    expect(checkPassword('éééé')).toBe('éééé');
    expect(problemOf(() => checkPassword('ééé'))?.code).toBe('too_small'); // 3 chars, 6 bytes
    expect(checkPassword('é'.repeat(36))).toHaveLength(36);
    expect(problemOf(() => checkPassword('é'.repeat(37)))?.code).toBe('too_big');
    // '😀' is 4 bytes: 18 are 72 bytes, 19 are 76
    expect(checkPassword('😀'.repeat(18))).toBeDefined();
    expect(problemOf(() => checkPassword('😀'.repeat(19)))?.code).toBe('too_big');
    // 71 ASCII + one 2-byte char = 73 bytes
    expect(problemOf(() => checkPassword(`${'x'.repeat(71)}é`))?.code).toBe('too_big');
  });

  test('NUL is refused', () => {
    expect(problemOf(() => checkPassword('abcd\u0000efgh'))?.path).toBe('password');
  });
});

describe('User', () => {
  test('register keeps the normalised e-mail, the hash and a trimmed name', () => {
    const user = User.register({ id: 'u1', email: Email.parse('ADA@example.com'), name: '  Ada  ', passwordHash: 'h', now: NOW });
    expect(user).toMatchObject({ id: 'u1', email: 'ada@example.com', name: 'Ada', passwordHash: 'h' });
    expect(user.createdAt).toEqual(NOW);
  });

  test('a blank name is no name; a name over 200 characters is refused', () => {
    const email = Email.parse('a@example.com');
    expect(User.register({ id: 'u', email, name: '   ', passwordHash: 'h', now: NOW }).name).toBeNull();
    expect(User.register({ id: 'u', email, passwordHash: 'h', now: NOW }).name).toBeNull();
    expect(problemOf(() => User.register({ id: 'u', email, name: 'n'.repeat(201), passwordHash: 'h', now: NOW }))?.path).toBe(
      'name',
    );
  });

  test('a name with NUL is refused with a message that says so', () => {
    const email = Email.parse('a@example.com');
    expect(problemOf(() => User.register({ id: 'u', email, name: 'a\u0000b', passwordHash: 'h', now: NOW }))).toMatchObject({
      path: 'name',
      code: 'invalid_string',
    });
  });

  test('a provisioned user has no password and may have no e-mail', () => {
    const user = User.provision({ id: 'u2', email: null, name: null, now: NOW });
    expect(user).toMatchObject({ id: 'u2', email: null, name: null, passwordHash: null });
  });
});

describe('Identity', () => {
  test('links an opaque subject (not a UUID) of 1 to 255 characters', () => {
    const subject = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY';
    const identity = Identity.link({ issuer: 'https://app.example.com', subject, userId: 'u1', now: NOW });
    expect(identity).toMatchObject({ issuer: 'https://app.example.com', subject, userId: 'u1' });
    expect(Identity.link({ issuer: 'i', subject: 's'.repeat(SUBJECT_MAX_LENGTH), userId: 'u', now: NOW }).subject).toHaveLength(255);
  });

  test.each([
    ['empty', ''],
    ['256 characters', 's'.repeat(SUBJECT_MAX_LENGTH + 1)],
    ['with NUL', 'a\u0000b'],
  ])('refuses a subject that is %s', (_label, subject) => {
    expect(isAcceptableSubject(subject)).toBe(false);
    expect(problemOf(() => Identity.link({ issuer: 'i', subject, userId: 'u', now: NOW }))?.path).toBe('sub');
  });

  test('refuses a non-string subject and an empty issuer', () => {
    expect(isAcceptableSubject(42)).toBe(false);
    expect(problemOf(() => Identity.link({ issuer: '', subject: 's', userId: 'u', now: NOW }))?.path).toBe('sub');
  });
});
