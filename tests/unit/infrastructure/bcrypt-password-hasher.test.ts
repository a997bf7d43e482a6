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

test('hashes queued behind a concurrency limit of one all complete, with the right answers', async () => {
  const hasher = new BcryptPasswordHasher(4, 1);
  const hash = await hasher.hash('correct horse battery');
  const answers = await Promise.all([
    hasher.verify('correct horse battery', hash),
    hasher.verify('wrong', hash),
    hasher.verifyAgainstDummy('anything').then(() => 'dummy'),
    hasher.verify('correct horse battery', hash),
    hasher.hash('another one').then((h) => hasher.verify('another one', h)),
  ]);
  expect(answers).toEqual([true, false, 'dummy', true, true]);
});
