import { expect, test } from '@jest/globals';
import { Email } from '../../../src/domain/user/email.js';
import { User } from '../../../src/domain/user/user.js';
import { CachingUserRepository } from '../../../src/infrastructure/persistence/caching-user-repository.js';
import { InMemoryUserRepository } from '../../../src/testing/in-memory-user-repository.js';

const now = new Date('2026-11-23T12:00:00Z');
const user = (n: number) =>
  User.register({ id: `00000000-0000-4000-8000-00000000000${n}`, email: Email.parse(`u${n}@example.com`), passwordHash: 'x', now });

function setup(maxEntries = 10) {
  const inner = new InMemoryUserRepository();
  let lookups = 0;
  const counted = Object.assign(Object.create(inner) as InMemoryUserRepository, {
    findById: (id: string) => {
      lookups++;
      return inner.findById(id);
    },
  });
  let clock = 0;
  const cache = new CachingUserRepository(counted, { ttlMs: 5000, maxEntries, now: () => clock });
  return { inner, cache, lookups: () => lookups, advance: (ms: number) => (clock += ms) };
}

test('a found user is served without asking again until its time is up', async () => {
  const s = setup();
  await s.inner.insert(user(1));
  expect((await s.cache.findById(user(1).id))?.id).toBe(user(1).id);
  s.advance(4999);
  await s.cache.findById(user(1).id);
  expect(s.lookups()).toBe(1);
  s.advance(1);
  await s.cache.findById(user(1).id);
  expect(s.lookups()).toBe(2);
});

test('an unknown user is never remembered: once created, it is found', async () => {
  const s = setup();
  expect(await s.cache.findById(user(2).id)).toBeNull();
  await s.inner.insert(user(2));
  expect((await s.cache.findById(user(2).id))?.id).toBe(user(2).id);
});

test('deleting a user through the cache forgets it at once', async () => {
  const s = setup();
  await s.inner.insert(user(3));
  await s.cache.findById(user(3).id);
  await s.cache.delete(user(3).id);
  expect(await s.cache.findById(user(3).id)).toBeNull();
});

test('the cache holds at most maxEntries users, dropping the oldest', async () => {
  const s = setup(2);
  for (const n of [4, 5, 6]) await s.inner.insert(user(n));
  for (const n of [4, 5, 6]) await s.cache.findById(user(n).id);
  const before = s.lookups();
  await s.cache.findById(user(6).id);
  await s.cache.findById(user(5).id);
  expect(s.lookups()).toBe(before);
  await s.cache.findById(user(4).id);
  expect(s.lookups()).toBe(before + 1);
});
