import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import type { Actor, Taskhex } from '../../src/index.js';
import { taskhexOn, email, PASSWORD } from '../library/support.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

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

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  db.orm.em.fork().getConnection().execute<T[]>(text, params);

interface Counts {
  live: number;
  live_completed: number;
  trashed: number;
}

/** The triggers' counters and the real counts, for every user who has either. */
async function countersAndTruth(): Promise<{ counters: Record<string, Counts>; truth: Record<string, Counts> }> {
  const counters = await sql<Counts & { user_id: string }>(
    `select user_id, sum(live)::int as live, sum(live_completed)::int as live_completed, sum(trashed)::int as trashed
       from task_counts group by user_id having sum(live) <> 0 or sum(live_completed) <> 0 or sum(trashed) <> 0`,
  );
  const truth = await sql<Counts & { user_id: string }>(
    `select user_id, count(*) filter (where deleted_at is null)::int as live,
            count(*) filter (where deleted_at is null and is_completed)::int as live_completed,
            count(*) filter (where deleted_at is not null)::int as trashed
       from tasks group by user_id`,
  );
  const byUser = (rows: (Counts & { user_id: string })[]) =>
    Object.fromEntries(rows.map(({ user_id, ...c }) => [user_id, c]));
  return { counters: byUser(counters), truth: byUser(truth) };
}

async function expectExact(): Promise<void> {
  const { counters, truth } = await countersAndTruth();
  expect(counters).toEqual(truth);
}

async function newUser(): Promise<Actor> {
  const { user } = await th.auth.register({ email: email(), password: PASSWORD });
  return { userId: user.id };
}

/** The totals a user sees: all, completed, not completed, trash (each from the counters). */
async function totals(actor: Actor) {
  return [
    (await th.tasks.list(actor)).total,
    (await th.tasks.list(actor, { completed: 'true' })).total,
    (await th.tasks.list(actor, { completed: 'false' })).total,
    (await th.tasks.listTrash(actor)).total,
  ];
}

test('totals follow create, complete, un-complete, soft delete, restore and purge', async () => {
  const ada = await newUser();
  const [a, b, c] = [
    await th.tasks.create(ada, { title: 'a' }),
    await th.tasks.create(ada, { title: 'b', is_completed: true }),
    await th.tasks.create(ada, { title: 'c' }),
  ];
  expect(await totals(ada)).toEqual([3, 1, 2, 0]);
  await th.tasks.setCompletion(ada, a.id, true);
  expect(await totals(ada)).toEqual([3, 2, 1, 0]);
  await th.tasks.setCompletion(ada, b.id, false);
  expect(await totals(ada)).toEqual([3, 1, 2, 0]);
  await th.tasks.update(ada, c.id, { title: 'c2' });
  expect(await totals(ada)).toEqual([3, 1, 2, 0]);
  await th.tasks.softDelete(ada, a.id);
  expect(await totals(ada)).toEqual([2, 0, 2, 1]);
  await th.tasks.restore(ada, a.id);
  expect(await totals(ada)).toEqual([3, 1, 2, 0]);
  await th.tasks.softDelete(ada, b.id);
  await th.tasks.purge(ada, b.id);
  expect(await totals(ada)).toEqual([2, 1, 1, 0]);
  await th.tasks.purge(ada, c.id);
  expect(await totals(ada)).toEqual([1, 1, 0, 0]);
  await expectExact();
});

test('a filter the counters cannot answer still gets an exact total', async () => {
  const ada = await newUser();
  await th.tasks.create(ada, { title: 'milk', priority: 'high' });
  await th.tasks.create(ada, { title: 'bread' });
  expect((await th.tasks.list(ada, { q: 'milk' })).total).toBe(1);
  expect((await th.tasks.list(ada, { priority: 'high', completed: 'false' })).total).toBe(1);
});

test('deleting an account deletes its counters and leaves the others exact', async () => {
  const [ada, bob] = [await newUser(), await newUser()];
  for (let i = 0; i < 5; i++) await th.tasks.create(ada, { title: `a${i}`, is_completed: i % 2 === 0 });
  const gone = await th.tasks.create(bob, { title: 'b' });
  await th.tasks.softDelete(bob, gone.id);
  await th.tasks.create(bob, { title: 'b2' });
  await th.auth.deleteAccount(ada);
  expect(await sql('select * from task_counts where user_id = ?', [ada.userId])).toEqual([]);
  expect(await totals(bob)).toEqual([1, 0, 1, 1]);
  await expectExact();
});

test('statements over many rows and users (bulk insert, update, purge) keep the counters exact', async () => {
  const users = [await newUser(), await newUser(), await newUser()];
  for (const [i, u] of users.entries()) {
    await sql(
      `insert into tasks (id, user_id, title, is_completed, created_at, updated_at, deleted_at)
       select gen_random_uuid(), ?, 't' || g, g % 3 = 0, now(), now(), case when g % 4 = 0 then now() - interval '40 days' end
         from generate_series(1, ?) g`,
      [u.userId, 100 * (i + 1)],
    );
  }
  await expectExact();
  await sql(`update tasks set is_completed = not is_completed where title like 't1%'`);
  await sql(`update tasks set deleted_at = now() where title like 't2%' and deleted_at is null`);
  await sql(`update tasks set deleted_at = null where title like 't3%'`);
  await expectExact();
  // The retention sweep: one statement across users.
  await sql(`delete from tasks where deleted_at < now() - interval '30 days'`);
  await expectExact();
  expect((await th.tasks.list(users[2]!)).total).toBe(Number((await sql<{ n: number }>(
    'select count(*)::int as n from tasks where user_id = ? and deleted_at is null',
    [users[2]!.userId],
  ))[0]!.n));
});

test('after a random mix of concurrent writes by several users, every counter equals count(*)', async () => {
  const users = [await newUser(), await newUser(), await newUser()];
  const ids: Record<string, string[]> = Object.fromEntries(users.map((u) => [u.userId, []]));
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  // Conflicts (412, 404 after a concurrent purge) are expected in a race; only the counters matter.
  const attempt = (p: Promise<unknown>) => p.catch(() => undefined);
  const operation = async (): Promise<void> => {
    const user = users[random(users.length)]!;
    const own = ids[user.userId]!;
    const pick = own[random(Math.max(own.length, 1))];
    switch (pick === undefined ? 0 : random(6)) {
      case 0:
        own.push((await th.tasks.create(user, { title: 'x', is_completed: random(2) === 0 })).id);
        return;
      case 1:
        await attempt(th.tasks.toggleCompletion(user, pick!));
        return;
      case 2:
        await attempt(th.tasks.softDelete(user, pick!));
        return;
      case 3:
        await attempt(th.tasks.restore(user, pick!));
        return;
      case 4:
        await attempt(th.tasks.purge(user, pick!));
        return;
      default:
        await attempt(th.transaction(async (tx) => {
          await tx.tasks.create(user, { title: 'in a transaction' });
          await tx.tasks.toggleCompletion(user, pick!);
        }));
    }
  };
  for (let round = 0; round < 10; round++) {
    await Promise.all(Array.from({ length: 30 }, () => operation()));
  }
  await expectExact();
  for (const user of users) {
    const [live] = await totals(user);
    expect(live).toBe(Number((await sql<{ n: number }>(
      'select count(*)::int as n from tasks where user_id = ? and deleted_at is null',
      [user.userId],
    ))[0]!.n));
  }
}, 60_000);

test('the migration counts the tasks that existed before it', async () => {
  const ada = await newUser();
  await th.tasks.create(ada, { title: 'kept' });
  const migrator = db.orm.getMigrator();
  await migrator.down({ to: 'Migration20261124000000IdempotencyKeys' });
  try {
    await sql(
      `insert into tasks (id, user_id, title, is_completed, created_at, updated_at, deleted_at)
       select gen_random_uuid(), ?, 't' || g, g % 2 = 0, now(), now(), case when g % 5 = 0 then now() end from generate_series(1, 50) g`,
      [ada.userId],
    );
  } finally {
    await migrator.up();
  }
  await expectExact();
  expect(await totals(ada)).toEqual([41, 20, 21, 10]);
});
