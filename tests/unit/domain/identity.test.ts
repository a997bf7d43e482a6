import { expect, test } from '@jest/globals';
import { Identity, isAcceptableSubject } from '../../../src/domain/user/identity.js';

test('a subject is any storable string of 1 to 255 characters, counted as PostgreSQL counts them', () => {
  expect(isAcceptableSubject('BZ37n6Ngl01zgnbpaYFxipj2jHa9WnHF')).toBe(true);
  expect(isAcceptableSubject('x'.repeat(255))).toBe(true);
  expect(isAcceptableSubject('😀'.repeat(255))).toBe(true);
  expect(isAcceptableSubject("'; drop table users; --")).toBe(true);

  expect(isAcceptableSubject('')).toBe(false);
  expect(isAcceptableSubject('x'.repeat(256))).toBe(false);
  expect(isAcceptableSubject('😀'.repeat(256))).toBe(false);
  expect(isAcceptableSubject('a\u0000b')).toBe(false);
  expect(isAcceptableSubject('a\uD800b')).toBe(false);
  expect(isAcceptableSubject('a\uDC00')).toBe(false);
  expect(isAcceptableSubject(42)).toBe(false);
  expect(isAcceptableSubject({ id: 'a' })).toBe(false);
});

test('linking an unstorable subject is refused', () => {
  const now = new Date();
  expect(() => Identity.link({ issuer: 'https://app.example.com', subject: '\uD800', userId: 'u', now })).toThrow();
  expect(Identity.link({ issuer: 'https://app.example.com', subject: 'abc', userId: 'u', now }).subject).toBe('abc');
});
