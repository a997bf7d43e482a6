import { expect, test } from '@jest/globals';
import { BcryptPasswordHasher } from '../../../src/infrastructure/security/bcrypt-password-hasher.js';

test('bcrypt never matches a password longer than 72 bytes, even one whose first 72 bytes match', async () => {
  const hasher = new BcryptPasswordHasher(4);
  const password = 'p'.repeat(72);
  const hash = await hasher.hash(password);
  expect(await hasher.verify(password, hash)).toBe(true);
  expect(await hasher.verify(`${password}x`, hash)).toBe(false);
  expect(await hasher.verify(`${password}${'é'}`, hash)).toBe(false);
});

test('multi-byte passwords are compared on all their bytes', async () => {
  const hasher = new BcryptPasswordHasher(4);
  const password = 'é'.repeat(36); // 72 bytes
  const hash = await hasher.hash(password);
  expect(await hasher.verify(password, hash)).toBe(true);
  expect(await hasher.verify(`${'é'.repeat(35)}e`, hash)).toBe(false);
});
