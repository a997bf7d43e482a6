import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createTaskhex, ValidationFailed } from '../../src/index.js';
import { FixedClock, SequentialIds } from '../../src/testing/index.js';
import { TEST_SECRET } from '../support/http-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { email, failure, PASSWORD } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

test('from a database URL: migrates, runs with the given clock and ids, and close() ends its pool', async () => {
  const clock = new FixedClock(new Date('2030-05-01T12:00:00Z'));
  const th = await createTaskhex({ databaseUrl: db.url, secret: TEST_SECRET, bcryptCost: 4, clock, ids: new SequentialIds() });
  const { user, accessToken } = await th.auth.register({ email: email(), password: PASSWORD });
  expect(user.createdAt.toISOString()).toBe('2030-05-01T12:00:00.000Z');
  const task = await th.tasks.create({ userId: user.id }, { title: 'Plan', due_at: new Date('2030-06-01T00:00:00Z') });
  expect(task).toMatchObject({ id: '00000000-0000-4000-8000-000000000002', dueAt: new Date('2030-06-01T00:00:00Z') });
  expect((await th.actorFromToken(accessToken)).userId).toBe(user.id);
  await th.close();
  await expect(th.tasks.get({ userId: user.id }, task.id)).rejects.toThrow();
});

test("with the host's ORM: close() leaves it open, and 'check' passes on a migrated database", async () => {
  const th = await createTaskhex({ orm: db.orm, secret: TEST_SECRET, migrate: 'check' });
  await th.close();
  // Applying on an up-to-date database is a no-op that leaves the host's ORM working.
  await (await createTaskhex({ orm: db.orm, secret: TEST_SECRET, migrate: true })).close();
  const rows = await db.orm.em.fork().getConnection().execute<{ n: number }[]>('select 1 as n');
  expect(rows[0]!.n).toBe(1);
});

test('bad options are refused with a message naming them', async () => {
  await expect(createTaskhex({ orm: db.orm, secret: 'short' })).rejects.toThrow(/secret must be at least 32 characters/);
  await expect(createTaskhex({ orm: db.orm, secret: TEST_SECRET, bcryptCost: 99 })).rejects.toThrow(/bcryptCost/);
  await expect(createTaskhex({ orm: db.orm, secret: TEST_SECRET, tokenLifetime: 'soon' })).rejects.toThrow(/tokenLifetime/);
  await expect(createTaskhex({ databaseUrl: 'mysql://x/y', secret: TEST_SECRET })).rejects.toThrow(/postgresql/);
});

test('the acting user must be well-formed and must exist', async () => {
  const th = await createTaskhex({ orm: db.orm, secret: TEST_SECRET });
  const malformed = await failure(th.tasks.list({ userId: 'bob' }));
  expect(malformed).toBeInstanceOf(ValidationFailed);
  expect(malformed.errors).toEqual([expect.objectContaining({ path: 'actor.userId' })]);
  const ghost = { userId: '6f1c2d34-0000-4000-8000-000000000000' };
  expect((await failure(th.tasks.create(ghost, { title: 'x' }))).code).toBe('unauthorized');
  expect((await failure(th.auth.me(ghost))).code).toBe('unauthorized');
  expect((await th.tasks.list(ghost)).items).toEqual([]);
});

test('the errors are the domain classes, with their code', async () => {
  const th = await createTaskhex({ orm: db.orm, secret: TEST_SECRET, bcryptCost: 4 });
  const error = await failure(th.tasks.create({ userId: '6f1c2d34-0000-4000-8000-000000000000' }, { title: '', colour: 1 } as never));
  expect(error).toBeInstanceOf(ValidationFailed);
  expect(error).toMatchObject({
    code: 'validation_failed',
    errors: expect.arrayContaining([
      expect.objectContaining({ path: 'title' }),
      expect.objectContaining({ path: 'colour', code: 'unknown_field' }),
    ]),
  });
});
