import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { ValidationFailed, type Taskhex } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { email, failure, PASSWORD, taskhexOn } from './support.js';

let db: TestDatabase;
let th: Taskhex;
beforeAll(async () => {
  db = await createTestDatabase();
  th = await taskhexOn(db);
});
afterAll(async () => {
  await th.close();
  await db.drop();
});
beforeEach(() => db.truncate());

async function count(table: 'tasks' | 'users'): Promise<number> {
  const rows = await db.orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

test('a transaction commits every call together', async () => {
  const titles = await th.transaction(async (tx) => {
    const { user } = await tx.auth.register({ email: email(), password: PASSWORD });
    await tx.tasks.create({ userId: user.id }, { title: 'one' });
    await tx.tasks.create({ userId: user.id }, { title: 'two' });
    // Reads inside see the transaction's own writes, raw list SQL included.
    return (await tx.tasks.list({ userId: user.id })).items.map((t) => t.title);
  });
  expect(titles).toEqual(['two', 'one']);
  expect(await count('tasks')).toBe(2);
});

test('an error in a later call rolls back the earlier ones', async () => {
  const { user } = await th.auth.register({ email: email(), password: PASSWORD });
  const actor = { userId: user.id };
  const error = await failure(
    th.transaction(async (tx) => {
      await tx.tasks.create(actor, { title: 'first' });
      await tx.tasks.create(actor, { title: '   ' });
    }),
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  expect(await count('tasks')).toBe(0);
  expect((await th.tasks.list(actor)).total).toBe(0);
});

test('a failed call inside a transaction undoes only itself; the transaction goes on', async () => {
  const taken = email();
  await th.auth.register({ email: taken, password: PASSWORD });
  await th.transaction(async (tx) => {
    const { user } = await tx.auth.register({ email: email(), password: PASSWORD });
    // A duplicate e-mail fails in PostgreSQL, which would abort a plain transaction.
    expect((await failure(tx.auth.register({ email: taken, password: PASSWORD }))).code).toBe('conflict');
    await tx.tasks.create({ userId: user.id }, { title: 'still fine' });
  });
  expect(await count('users')).toBe(2);
  expect(await count('tasks')).toBe(1);
});

test('calls started together inside a transaction all land', async () => {
  const { user } = await th.auth.register({ email: email(), password: PASSWORD });
  await th.transaction(async (tx) => {
    await Promise.all(['a', 'b', 'c', 'd'].map((title) => tx.tasks.create({ userId: user.id }, { title })));
  });
  expect(await count('tasks')).toBe(4);
});

test("a call inside the host's own transaction joins it: the host rolls back, the writes are gone", async () => {
  const { user } = await th.auth.register({ email: email(), password: PASSWORD });
  const actor = { userId: user.id };
  class HostAbort extends Error {}
  await expect(
    db.orm.em.transactional(async () => {
      await th.tasks.create(actor, { title: 'written by Taskhex' });
      // The host's own statement in the same transaction sees it.
      const seen = await db.orm.em.getConnection().execute<{ n: number }[]>(
        'select count(*)::int as n from tasks',
        [],
        'all',
        db.orm.em.getTransactionContext(),
      );
      expect(seen[0]!.n).toBe(1);
      throw new HostAbort();
    }),
  ).rejects.toBeInstanceOf(HostAbort);
  expect(await count('tasks')).toBe(0);
});

test("the host's transaction commits Taskhex's writes with its own", async () => {
  const { user } = await th.auth.register({ email: email(), password: PASSWORD });
  await db.orm.em.fork().transactional(async () => {
    await th.tasks.create({ userId: user.id }, { title: 'joined' });
  });
  expect((await th.tasks.list({ userId: user.id })).items.map((t) => t.title)).toEqual(['joined']);
});

test('calls through a finished transaction are refused', async () => {
  const { user } = await th.auth.register({ email: email(), password: PASSWORD });
  const leaked = await th.transaction(async (tx) => tx);
  await expect(leaked.tasks.create({ userId: user.id }, { title: 'late' })).rejects.toThrow(/transaction is over/);
  expect(await count('tasks')).toBe(0);
});
