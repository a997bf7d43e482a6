import { expect, test } from '@jest/globals';
import { IdempotencyKeyReused, TaskForbidden } from '../../src/index.js';
import { createInMemoryTaskhex, FixedClock } from '../../src/testing/index.js';
import { failure } from './support.js';

test('the in-memory Taskhex keeps the rules: validation, ownership, versions, trash', async () => {
  const clock = new FixedClock();
  const th = createInMemoryTaskhex({ clock });
  const ada = (await th.auth.register({ email: 'ada@example.com', password: 'correct horse battery' })).user;
  const bob = (await th.auth.register({ email: 'bob@example.com', password: 'correct horse battery' })).user;
  const task = await th.tasks.create({ userId: ada.id }, { title: 'Buy milk' });

  expect(await failure(th.tasks.get({ userId: bob.id }, task.id))).toBeInstanceOf(TaskForbidden);
  expect((await failure(th.tasks.create({ userId: ada.id }, { title: '' }))).code).toBe('validation_failed');
  clock.advance(1000);
  const done = await th.tasks.toggleCompletion({ userId: ada.id }, task.id);
  expect(done).toMatchObject({ isCompleted: true, completedAt: clock.now(), version: 2 });
  expect((await failure(th.tasks.update({ userId: ada.id }, task.id, { title: 'x' }, { expectedVersion: 1 }))).code).toBe(
    'precondition_failed',
  );
  await th.tasks.softDelete({ userId: ada.id }, task.id);
  expect((await th.tasks.listTrash({ userId: ada.id })).items.map((t) => t.id)).toEqual([task.id]);
  expect((await th.actorFromToken(`token-for:${ada.id}`)).userId).toBe(ada.id);
});

test('an in-memory transaction is all or nothing too', async () => {
  const th = createInMemoryTaskhex();
  const ada = (await th.auth.register({ email: 'ada@example.com', password: 'correct horse battery' })).user;
  await expect(
    th.transaction(async (tx) => {
      await tx.tasks.create({ userId: ada.id }, { title: 'first' });
      await tx.tasks.create({ userId: ada.id }, { title: '' });
    }),
  ).rejects.toMatchObject({ code: 'validation_failed' });
  expect(th.tasksStore.all()).toEqual([]);
});

test('deleting an account takes its tasks; an unknown user owns nothing', async () => {
  const th = createInMemoryTaskhex();
  const ada = (await th.auth.register({ email: 'ada@example.com', password: 'correct horse battery' })).user;
  await th.tasks.create({ userId: ada.id }, { title: 'mine' });
  await th.auth.deleteAccount({ userId: ada.id });
  expect(th.tasksStore.all()).toEqual([]);
  expect((await failure(th.tasks.create({ userId: ada.id }, { title: 'x' }))).code).toBe('unauthorized');
});

test('an idempotency key replays the first task in-process too, and refuses another body', async () => {
  const th = createInMemoryTaskhex();
  const ada = { userId: (await th.auth.register({ email: 'ada@example.com', password: 'correct horse battery' })).user.id };
  const first = await th.tasks.create(ada, { title: 'Pay rent' }, { idempotencyKey: 'rent-2026-12' });
  const again = await th.tasks.create(ada, { title: 'Pay rent' }, { idempotencyKey: 'rent-2026-12' });
  expect(again.id).toBe(first.id);
  expect((await th.tasks.list(ada)).total).toBe(1);
  const reused = await failure(th.tasks.create(ada, { title: 'Pay gas' }, { idempotencyKey: 'rent-2026-12' }));
  expect(reused).toBeInstanceOf(IdempotencyKeyReused);
  expect(reused.code).toBe('conflict');
  expect((await th.tasks.list(ada)).total).toBe(1);
});
