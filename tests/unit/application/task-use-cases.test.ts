import { beforeEach, describe, expect, test } from '@jest/globals';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import { TaskForbidden, TaskNotFound, TaskVersionMismatch } from '../../../src/domain/task/task-errors.js';
import { ALICE, BOB, taskWorld, type TaskWorld } from './fixture.js';

let w: TaskWorld;
beforeEach(() => {
  w = taskWorld();
});

const MISSING = '99999999-0000-4000-8000-000000000000';

describe('CreateTask', () => {
  test('stores a task owned by the actor and returns its view', async () => {
    const view = await w.create.execute(ALICE, { title: '  Buy milk ', priority: 'high', dueAt: new Date('2026-02-01T00:00:00Z') });
    expect(view).toMatchObject({ ownerId: ALICE.userId, title: 'Buy milk', priority: 'high', version: 1, isCompleted: false });
    expect(w.tasks.all()).toEqual([view]);
  });

  test('an invalid title stores nothing', async () => {
    await expect(w.create.execute(ALICE, { title: '   ' })).rejects.toThrow(ValidationFailed);
    expect(w.tasks.all()).toEqual([]);
  });
});

describe('GetTask', () => {
  test('returns the owner\'s task', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await expect(w.get.execute(ALICE, { taskId: t.id })).resolves.toEqual(t);
  });

  test('missing → TaskNotFound, trashed → TaskNotFound, another user\'s → TaskForbidden', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await expect(w.get.execute(ALICE, { taskId: MISSING })).rejects.toThrow(TaskNotFound);
    await expect(w.get.execute(BOB, { taskId: t.id })).rejects.toThrow(TaskForbidden);
    await w.softDelete.execute(ALICE, { taskId: t.id });
    await expect(w.get.execute(ALICE, { taskId: t.id })).rejects.toThrow(TaskNotFound);
    await expect(w.get.execute(BOB, { taskId: t.id })).rejects.toThrow(TaskForbidden);
  });
});

describe('ReplaceTask', () => {
  test('fields left out go back to their defaults', async () => {
    const t = await w.create.execute(ALICE, {
      title: 'a',
      description: 'd',
      isCompleted: true,
      dueAt: new Date('2026-03-01T00:00:00Z'),
      priority: 'high',
    });
    w.clock.advance(1000);
    const replaced = await w.replace.execute(ALICE, { taskId: t.id, title: 'b' });
    expect(replaced).toMatchObject({ title: 'b', description: '', isCompleted: false, completedAt: null, dueAt: null, priority: 'normal', version: 2 });
    expect(w.tasks.all()[0]).toEqual(replaced);
  });

  test('replacing with identical values keeps the version', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    const same = await w.replace.execute(ALICE, { taskId: t.id, title: 'a' });
    expect(same.version).toBe(1);
  });
});

describe('UpdateTask', () => {
  test('changes only the given fields', async () => {
    const t = await w.create.execute(ALICE, { title: 'a', description: 'keep me', isCompleted: true, priority: 'low' });
    w.clock.advance(1000);
    const updated = await w.update.execute(ALICE, { taskId: t.id, changes: { title: 'b' } });
    expect(updated).toMatchObject({ title: 'b', description: 'keep me', isCompleted: true, priority: 'low', version: 2 });
    expect(updated.completedAt).toEqual(t.completedAt);
    expect(updated.updatedAt.getTime()).toBe(t.updatedAt.getTime() + 1000);
    expect(w.tasks.all()[0]).toEqual(updated);
  });

  test('an empty change set changes nothing', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await expect(w.update.execute(ALICE, { taskId: t.id, changes: {} })).resolves.toEqual(t);
  });

  test('an invalid edit stores nothing', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await expect(w.update.execute(ALICE, { taskId: t.id, changes: { title: 'b', description: 'x'.repeat(5001) } })).rejects.toThrow(
      ValidationFailed,
    );
    expect(w.tasks.all()).toEqual([t]);
  });
});

describe('ToggleTaskCompletion', () => {
  test('without a value it flips, with a value it sets', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    w.clock.advance(10);
    const done = await w.toggle.execute(ALICE, { taskId: t.id });
    expect(done).toMatchObject({ isCompleted: true, version: 2 });
    expect(done.completedAt).toEqual(w.clock.now());
    const reopened = await w.toggle.execute(ALICE, { taskId: t.id });
    expect(reopened).toMatchObject({ isCompleted: false, completedAt: null, version: 3 });
    const set = await w.toggle.execute(ALICE, { taskId: t.id, isCompleted: true });
    expect(set).toMatchObject({ isCompleted: true, version: 4 });
  });

  test('setting the current value again is idempotent', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    const first = await w.toggle.execute(ALICE, { taskId: t.id, isCompleted: true });
    w.clock.advance(5000);
    const again = await w.toggle.execute(ALICE, { taskId: t.id, isCompleted: true });
    expect(again).toEqual(first);
    expect(w.tasks.all()).toEqual([first]);
  });
});

describe('SoftDeleteTask, RestoreTask, PurgeTask', () => {
  test('soft delete moves the task to the trash; restore brings it back', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    w.clock.advance(10);
    await w.softDelete.execute(ALICE, { taskId: t.id });
    expect(w.tasks.all()[0]!.deletedAt).toEqual(w.clock.now());
    expect((await w.list.execute(ALICE)).items).toEqual([]);
    expect((await w.listTrash.execute(ALICE)).items.map((x) => x.id)).toEqual([t.id]);

    const restored = await w.restore.execute(ALICE, { taskId: t.id });
    expect(restored).toMatchObject({ deletedAt: null, version: 3 });
    expect((await w.list.execute(ALICE)).items).toEqual([restored]);
    expect((await w.listTrash.execute(ALICE)).items).toEqual([]);
  });

  test('deleting a trashed task again is a TaskNotFound (it is not in the list any more)', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await w.softDelete.execute(ALICE, { taskId: t.id });
    const trashed = w.tasks.all();
    await expect(w.softDelete.execute(ALICE, { taskId: t.id })).rejects.toThrow(TaskNotFound);
    expect(w.tasks.all()).toEqual(trashed);
  });

  test('restoring a live task is a TaskNotFound (it is not in the trash)', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await expect(w.restore.execute(ALICE, { taskId: t.id })).rejects.toThrow(TaskNotFound);
  });

  test('purge removes a live or trashed task for good', async () => {
    const live = await w.create.execute(ALICE, { title: 'live' });
    const trashed = await w.create.execute(ALICE, { title: 'trashed' });
    await w.softDelete.execute(ALICE, { taskId: trashed.id });
    await w.purge.execute(ALICE, { taskId: live.id });
    await w.purge.execute(ALICE, { taskId: trashed.id });
    expect(w.tasks.all()).toEqual([]);
    await expect(w.purge.execute(ALICE, { taskId: live.id })).rejects.toThrow(TaskNotFound);
  });
});

describe('ownership, for every task use case', () => {
  type Attempt = (w: TaskWorld, taskId: string) => Promise<unknown>;
  const attempts: Record<string, Attempt> = {
    get: (w, taskId) => w.get.execute(BOB, { taskId }),
    replace: (w, taskId) => w.replace.execute(BOB, { taskId, title: 'mine now' }),
    update: (w, taskId) => w.update.execute(BOB, { taskId, changes: { title: 'mine now' } }),
    toggle: (w, taskId) => w.toggle.execute(BOB, { taskId }),
    set: (w, taskId) => w.toggle.execute(BOB, { taskId, isCompleted: true }),
    softDelete: (w, taskId) => w.softDelete.execute(BOB, { taskId }),
    restore: (w, taskId) => w.restore.execute(BOB, { taskId }),
    purge: (w, taskId) => w.purge.execute(BOB, { taskId }),
  };

  test.each(Object.keys(attempts))('%s on another user\'s live task → TaskForbidden, nothing changes', async (name) => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    const before = w.tasks.all();
    await expect(attempts[name]!(w, t.id)).rejects.toThrow(TaskForbidden);
    expect(w.tasks.all()).toEqual(before);
  });

  test.each(Object.keys(attempts))('%s on another user\'s trashed task → TaskForbidden, nothing changes', async (name) => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await w.softDelete.execute(ALICE, { taskId: t.id });
    const before = w.tasks.all();
    await expect(attempts[name]!(w, t.id)).rejects.toThrow(TaskForbidden);
    expect(w.tasks.all()).toEqual(before);
  });

  test.each(Object.keys(attempts))('%s on a missing task → TaskNotFound', async (name) => {
    await expect(attempts[name]!(w, MISSING)).rejects.toThrow(TaskNotFound);
  });

  test('a list never shows another user\'s tasks', async () => {
    await w.create.execute(ALICE, { title: 'alice' });
    await w.create.execute(BOB, { title: 'bob' });
    expect((await w.list.execute(BOB)).items.map((t) => t.title)).toEqual(['bob']);
  });
});

describe('expected version (If-Match)', () => {
  type Attempt = (w: TaskWorld, taskId: string, expectedVersion: number) => Promise<unknown>;
  const writes: Record<string, { live: boolean; run: Attempt }> = {
    replace: { live: true, run: (w, taskId, expectedVersion) => w.replace.execute(ALICE, { taskId, expectedVersion, title: 'x' }) },
    update: { live: true, run: (w, taskId, expectedVersion) => w.update.execute(ALICE, { taskId, expectedVersion, changes: { title: 'x' } }) },
    toggle: { live: true, run: (w, taskId, expectedVersion) => w.toggle.execute(ALICE, { taskId, expectedVersion }) },
    softDelete: { live: true, run: (w, taskId, expectedVersion) => w.softDelete.execute(ALICE, { taskId, expectedVersion }) },
    purge: { live: true, run: (w, taskId, expectedVersion) => w.purge.execute(ALICE, { taskId, expectedVersion }) },
    restore: { live: false, run: (w, taskId, expectedVersion) => w.restore.execute(ALICE, { taskId, expectedVersion }) },
  };

  test.each(Object.keys(writes))('%s with a stale version → TaskVersionMismatch, nothing changed', async (name) => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    await w.update.execute(ALICE, { taskId: t.id, changes: { title: 'b' } }); // version 2
    if (!writes[name]!.live) await w.softDelete.execute(ALICE, { taskId: t.id }); // version 3
    const before = w.tasks.all();
    const error = await writes[name]!.run(w, t.id, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskVersionMismatch);
    expect((error as TaskVersionMismatch).currentVersion).toBe(before[0]!.version);
    expect(w.tasks.all()).toEqual(before);
  });

  test.each(Object.keys(writes))('%s with the current version goes through', async (name) => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    if (!writes[name]!.live) await w.softDelete.execute(ALICE, { taskId: t.id });
    const current = w.tasks.all()[0]!.version;
    await writes[name]!.run(w, t.id, current);
    const after = w.tasks.all();
    expect(after.length === 0 || after[0]!.version === current + 1).toBe(true);
  });

  const interfereOnce = (t: { id: string }) => {
    // Another writer gets in between this use case's read and its write.
    const original = w.tasks.findById.bind(w.tasks);
    let interfered = false;
    w.tasks.findById = async (id: string) => {
      const loaded = await original(id);
      if (!interfered) {
        interfered = true;
        await w.update.execute(ALICE, { taskId: t.id, changes: { description: 'theirs' } });
      }
      return loaded;
    };
  };

  test('with If-Match, a writer that loses a race gets TaskVersionMismatch and its change is not stored', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    interfereOnce(t);
    await expect(
      w.update.execute(ALICE, { taskId: t.id, expectedVersion: 1, changes: { title: 'mine' } }),
    ).rejects.toThrow(TaskVersionMismatch);
    expect(w.tasks.all()[0]).toMatchObject({ title: 'a', description: 'theirs', version: 2 });
  });

  test('without If-Match, a writer that loses a race re-applies its change on the fresh task: both survive', async () => {
    const t = await w.create.execute(ALICE, { title: 'a' });
    interfereOnce(t);
    await w.update.execute(ALICE, { taskId: t.id, changes: { title: 'mine' } });
    expect(w.tasks.all()[0]).toMatchObject({ title: 'mine', description: 'theirs', version: 3 });
  });
});
