import { beforeEach, describe, expect, test } from '@jest/globals';
import type { CreateTaskIdempotently } from '../../../src/application/tasks/create-task-idempotently.js';
import { PurgeExpiredTrash } from '../../../src/application/tasks/purge-expired-trash.js';
import { Task } from '../../../src/domain/task/task.js';
import type { FixedClock } from '../../../src/testing/fakes.js';
import type { InMemoryIdempotencyStore } from '../../../src/testing/in-memory-idempotency-store.js';
import type { InMemoryTaskRepository } from '../../../src/testing/in-memory-task-repository.js';
import { taskWorld } from './fixture.js';

const ada = { userId: '10000000-0000-4000-8000-000000000001' };
const HOUR = 3600_000;

let tasks: InMemoryTaskRepository;
let keys: InMemoryIdempotencyStore;
let clock: FixedClock;
let useCase: CreateTaskIdempotently;
beforeEach(() => {
  ({ tasks, idempotencyKeys: keys, clock, createIdempotently: useCase } = taskWorld());
});

describe('PurgeExpiredTrash', () => {
  const DAY = 24 * HOUR;
  const trashed = async (id: string, deletedAt: Date) => {
    const t = Task.create({ id, ownerId: ada.userId, title: id, now: new Date(deletedAt.getTime() - DAY) });
    t.softDelete(deletedAt);
    await tasks.insert(t);
  };

  test('purges tasks trashed longer ago than the retention, in batches, and forgets expired keys', async () => {
    const now = clock.now().getTime();
    for (let i = 0; i < 7; i++) await trashed(`old-${i}`, new Date(now - 31 * DAY));
    await trashed('recent', new Date(now - 28 * DAY));
    await tasks.insert(Task.create({ id: 'live', ownerId: ada.userId, title: 'live', now: new Date(now - 400 * DAY) }));
    await useCase.execute(ada, { idempotencyKey: 'old', task: { title: 'x' } });
    clock.advance(25 * HOUR);
    await useCase.execute(ada, { idempotencyKey: 'fresh', task: { title: 'y' } });

    const purge = new PurgeExpiredTrash(tasks, keys, clock, { retentionDays: 30, batchSize: 3 });
    expect(await purge.execute()).toEqual({ tasks: 7, idempotencyKeys: 1 });
    expect(tasks.all().map((t) => t.id).sort()).toEqual(expect.arrayContaining(['live', 'recent']));
    expect(tasks.all().some((t) => t.id.startsWith('old-'))).toBe(false);
    expect(keys.size()).toBe(1);
    expect(await purge.execute()).toEqual({ tasks: 0, idempotencyKeys: 0 });
  });
});
