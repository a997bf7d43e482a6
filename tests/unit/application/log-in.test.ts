import { describe, expect, test } from '@jest/globals';
import { LogIn } from '../../../src/application/auth/log-in.js';
import { RegisterUser } from '../../../src/application/auth/register-user.js';
import { InvalidCredentials } from '../../../src/domain/user/user-errors.js';
import { FakeTokens, FixedClock, PlainTextPasswordHasher, SequentialIds } from '../../../src/testing/fakes.js';
import { InMemoryUserRepository } from '../../../src/testing/in-memory-user-repository.js';

/** Counts which comparison ran, so the test can show an unknown e-mail costs one comparison too. */
class CountingHasher extends PlainTextPasswordHasher {
  verified = 0;
  dummies = 0;
  override async verify(password: string, hash: string): Promise<boolean> {
    this.verified += 1;
    return super.verify(password, hash);
  }
  override async verifyAgainstDummy(): Promise<void> {
    this.dummies += 1;
  }
}

async function setUp() {
  const users = new InMemoryUserRepository();
  const hasher = new CountingHasher();
  const tokens = new FakeTokens();
  await new RegisterUser(users, hasher, tokens, new SequentialIds(), new FixedClock()).execute({
    email: 'ada@example.com',
    password: 'correct horse battery',
  });
  return { hasher, logIn: new LogIn(users, hasher, tokens) };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const error = await p.then(() => null, (e: unknown) => e as Error);
  if (!error) throw new Error('expected a failure');
  return error;
}

describe('LogIn', () => {
  test('an unknown e-mail runs exactly one (dummy) comparison and fails like a wrong password', async () => {
    const { hasher, logIn } = await setUp();
    const unknown = await failure(logIn.execute({ email: 'nobody@example.com', password: 'correct horse battery' }));
    expect(hasher).toMatchObject({ verified: 0, dummies: 1 });

    const wrong = await failure(logIn.execute({ email: 'ada@example.com', password: 'wrong horse battery' }));
    expect(hasher).toMatchObject({ verified: 1, dummies: 1 });

    expect(unknown).toBeInstanceOf(InvalidCredentials);
    expect(wrong).toBeInstanceOf(InvalidCredentials);
    expect(unknown.message).toBe(wrong.message);
  });

  test('a malformed e-mail also costs one comparison and the same error', async () => {
    const { hasher, logIn } = await setUp();
    const error = await failure(logIn.execute({ email: 'not an e-mail', password: 'x' }));
    expect(error).toBeInstanceOf(InvalidCredentials);
    expect(hasher).toMatchObject({ verified: 0, dummies: 1 });
  });

  test('the right password signs in with one comparison and no dummy', async () => {
    const { hasher, logIn } = await setUp();
    const session = await logIn.execute({ email: '  ADA@example.com ', password: 'correct horse battery' });
    expect(session.user.email).toBe('ada@example.com');
    expect(hasher).toMatchObject({ verified: 1, dummies: 0 });
  });
});
