import { beforeEach, describe, expect, test } from '@jest/globals';
import { DeleteAccount } from '../../../src/application/auth/delete-account.js';
import { GetCurrentUser } from '../../../src/application/auth/get-current-user.js';
import { LogIn } from '../../../src/application/auth/log-in.js';
import { RegisterUser } from '../../../src/application/auth/register-user.js';
import { ResolveActor } from '../../../src/application/auth/resolve-actor.js';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import { EmailAlreadyRegistered, InvalidCredentials, Unauthenticated } from '../../../src/domain/user/user-errors.js';
import { FakeTokens, FixedClock, PlainTextPasswordHasher, SequentialIds } from '../../../src/testing/fakes.js';
import { InMemoryUserRepository } from '../../../src/testing/in-memory-user-repository.js';

function world(autoProvision = false) {
  const users = new InMemoryUserRepository();
  const hasher = new PlainTextPasswordHasher();
  const tokens = new FakeTokens();
  const ids = new SequentialIds();
  const clock = new FixedClock();
  return {
    users,
    tokens,
    register: new RegisterUser(users, hasher, tokens, ids, clock),
    logIn: new LogIn(users, hasher, tokens),
    me: new GetCurrentUser(users),
    deleteAccount: new DeleteAccount(users),
    resolve: new ResolveActor(users, ids, clock, { autoProvision }),
  };
}

let w: ReturnType<typeof world>;
beforeEach(() => {
  w = world();
});

const PASSWORD = 'correct horse battery';

describe('RegisterUser', () => {
  test('creates the user with a normalised e-mail and returns a session', async () => {
    const session = await w.register.execute({ email: ' Ada@Example.com ', password: PASSWORD, name: 'Ada' });
    expect(session.user).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
    expect(session).toMatchObject({ tokenType: 'Bearer', accessToken: `token-for:${session.user.id}`, expiresIn: 3600 });
    expect(await w.users.findById(session.user.id)).toMatchObject({ email: 'ada@example.com', passwordHash: `plain:${PASSWORD}` });
  });

  test('the same e-mail in another case is taken', async () => {
    await w.register.execute({ email: 'ada@example.com', password: PASSWORD });
    await expect(w.register.execute({ email: 'ADA@EXAMPLE.COM', password: PASSWORD })).rejects.toThrow(EmailAlreadyRegistered);
  });

  test.each([
    ['a bad e-mail', { email: 'nope', password: PASSWORD }],
    ['a short password', { email: 'a@example.com', password: 'short' }],
    ['a 73-byte password', { email: 'a@example.com', password: 'x'.repeat(73) }],
  ])('%s stores nobody', async (_label, input) => {
    await expect(w.register.execute(input)).rejects.toThrow(ValidationFailed);
    expect(await w.users.findByEmail('a@example.com')).toBeNull();
  });
});

describe('LogIn', () => {
  test('the right password gives a session for that user, whatever the e-mail\'s case', async () => {
    const { user } = await w.register.execute({ email: 'ada@example.com', password: PASSWORD });
    const session = await w.logIn.execute({ email: 'ADA@example.com ', password: PASSWORD });
    expect(session.user.id).toBe(user.id);
    expect(session.accessToken).toBe(`token-for:${user.id}`);
  });

  test('unknown e-mail, malformed e-mail and wrong password give the same InvalidCredentials', async () => {
    await w.register.execute({ email: 'ada@example.com', password: PASSWORD });
    const errors = await Promise.all(
      [
        { email: 'nobody@example.com', password: PASSWORD },
        { email: 'not an e-mail', password: PASSWORD },
        { email: 'ada@example.com', password: 'wrong password' },
      ].map((input) => w.logIn.execute(input).catch((e: unknown) => e)),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidCredentials);
      expect((error as InvalidCredentials).message).toBe(new InvalidCredentials().message);
    }
  });

  test('a provisioned user (no password) cannot log in with a password', async () => {
    const provisioning = world(true);
    await provisioning.resolve.execute({ via: 'jwks', issuer: 'https://fe', subject: 'abc', email: 'p@example.com' });
    await expect(provisioning.logIn.execute({ email: 'p@example.com', password: PASSWORD })).rejects.toThrow(InvalidCredentials);
  });
});

describe('GetCurrentUser and DeleteAccount', () => {
  test('me returns the actor; after deletion the actor is unknown and the e-mail is free again', async () => {
    const { user } = await w.register.execute({ email: 'ada@example.com', password: PASSWORD });
    await expect(w.me.execute({ userId: user.id })).resolves.toEqual(user);
    await w.deleteAccount.execute({ userId: user.id });
    await expect(w.me.execute({ userId: user.id })).rejects.toThrow(Unauthenticated);
    await expect(w.register.execute({ email: 'ada@example.com', password: PASSWORD })).resolves.toBeDefined();
  });

  test('deleting an account leaves other users alone', async () => {
    const ada = await w.register.execute({ email: 'ada@example.com', password: PASSWORD });
    const bob = await w.register.execute({ email: 'bob@example.com', password: PASSWORD });
    await w.deleteAccount.execute({ userId: ada.user.id });
    await expect(w.me.execute({ userId: bob.user.id })).resolves.toEqual(bob.user);
  });
});

describe('ResolveActor', () => {
  test('a shared-secret token naming a Taskhex user id resolves to that user', async () => {
    const { user } = await w.register.execute({ email: 'ada@example.com', password: PASSWORD });
    const claims = await w.tokens.verify(`token-for:${user.id}`);
    await expect(w.resolve.execute(claims)).resolves.toEqual({ userId: user.id, subject: user.id });
  });

  test('an unknown subject is Unauthenticated when auto-provisioning is off, and creates nobody', async () => {
    await expect(w.resolve.execute({ via: 'jwks', issuer: 'https://fe', subject: 'someone' })).rejects.toThrow(Unauthenticated);
    await expect(
      w.resolve.execute({ via: 'shared-secret', issuer: 'taskhex', subject: '00000000-0000-4000-8000-0000000000ff' }),
    ).rejects.toThrow(Unauthenticated);
    expect(await w.users.findByIdentity('https://fe', 'someone')).toBeNull();
  });

  test('a JWKS token\'s subject is never taken as a Taskhex user id', async () => {
    const { user } = await w.register.execute({ email: 'ada@example.com', password: PASSWORD });
    await expect(w.resolve.execute({ via: 'jwks', issuer: 'https://fe', subject: user.id })).rejects.toThrow(Unauthenticated);
  });

  test.each([
    ['empty', ''],
    ['256 characters', 's'.repeat(256)],
  ])('a subject that is %s is Unauthenticated even with auto-provisioning', async (_label, subject) => {
    const p = world(true);
    await expect(p.resolve.execute({ via: 'jwks', issuer: 'https://fe', subject })).rejects.toThrow(Unauthenticated);
  });

  test('auto-provisioning creates the user once for a non-UUID subject, with e-mail and name from the claims', async () => {
    const p = world(true);
    const subject = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY'; // a stock Better Auth id
    const claims = { via: 'jwks' as const, issuer: 'https://fe', subject, email: 'Eve@Example.com', name: '  Eve ' };
    const first = await p.resolve.execute(claims);
    const second = await p.resolve.execute(claims);
    expect(second).toEqual(first);
    expect(first.subject).toBe(subject);
    expect(await p.users.findById(first.userId)).toMatchObject({ email: 'eve@example.com', name: 'Eve', passwordHash: null });
    expect((await p.users.findByIdentity('https://fe', subject))?.id).toBe(first.userId);
  });

  test('the same subject at another issuer is another user', async () => {
    const p = world(true);
    const a = await p.resolve.execute({ via: 'jwks', issuer: 'https://one', subject: 's' });
    const b = await p.resolve.execute({ via: 'jwks', issuer: 'https://two', subject: 's' });
    expect(a.userId).not.toBe(b.userId);
  });

  test('malformed e-mail or name claims do not block provisioning', async () => {
    const p = world(true);
    const actor = await p.resolve.execute({ via: 'jwks', issuer: 'https://fe', subject: 's', email: 'not-an-email', name: 'n'.repeat(300) });
    const user = await p.users.findById(actor.userId);
    expect(user?.email).toBeNull();
    expect([...(user?.name ?? '')]).toHaveLength(200);
  });

  test('concurrent first sights provision one user', async () => {
    const p = world(true);
    const claims = { via: 'jwks' as const, issuer: 'https://fe', subject: 'racer' };
    const actors = await Promise.all([p.resolve.execute(claims), p.resolve.execute(claims), p.resolve.execute(claims)]);
    expect(new Set(actors.map((a) => a.userId)).size).toBe(1);
  });
});
