import { expect, test } from '@jest/globals';
import { BcryptPasswordHasher } from '../../../src/infrastructure/security/bcrypt-password-hasher.js';

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
