import { beforeEach, describe, expect, test } from '@jest/globals';
import { type CreateTaskIdempotently, IdempotencyKeyReused } from '../../../src/application/tasks/create-task-idempotently.js';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import type { FixedClock } from '../../../src/testing/fakes.js';
import type { InMemoryTaskRepository } from '../../../src/testing/in-memory-task-repository.js';
import { taskWorld } from './fixture.js';

const ada = { userId: '10000000-0000-4000-8000-000000000001' };
const bob = { userId: '10000000-0000-4000-8000-000000000002' };
const HOUR = 3600_000;

let tasks: InMemoryTaskRepository;
let clock: FixedClock;
let useCase: CreateTaskIdempotently;
beforeEach(() => {
  ({ tasks, clock, createIdempotently: useCase } = taskWorld());
});

describe('CreateTaskIdempotently', () => {
  test('the same key and input replay the first task and create nothing more', async () => {
    const first = await useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Milk', dueAt: new Date('2026-05-01T00:00:00Z') } });
    clock.advance(HOUR);
    const again = await useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Milk', dueAt: new Date('2026-05-01T00:00:00Z') } });
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ task: first.task, replayed: true });
    expect(tasks.all()).toHaveLength(1);
  });

  test('another input under the same key is a conflict', async () => {
    await useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Milk' } });
    await expect(useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Bread' } })).rejects.toThrow(IdempotencyKeyReused);
    await expect(useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Milk', priority: 'normal' } })).rejects.toThrow(
      IdempotencyKeyReused,
    );
    expect(tasks.all()).toHaveLength(1);
  });

  test('keys are per user', async () => {
    await useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Milk' } });
    const b = await useCase.execute(bob, { idempotencyKey: 'k1', task: { title: 'Milk' } });
    expect(b.replayed).toBe(false);
    expect(tasks.all()).toHaveLength(2);
  });

  test('after 24 hours the key is forgotten', async () => {
    await useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Milk' } });
    clock.advance(24 * HOUR + 1);
    const later = await useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Bread' } });
    expect(later.replayed).toBe(false);
    expect(tasks.all()).toHaveLength(2);
  });

  test('concurrent calls with one key run the creation once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Once' } })),
    );
    expect(new Set(results.map((r) => r.task.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(tasks.all()).toHaveLength(1);
  });

  test('a failed creation is not remembered', async () => {
    await expect(useCase.execute(ada, { idempotencyKey: 'k1', task: { title: '   ' } })).rejects.toThrow(ValidationFailed);
    const ok = await useCase.execute(ada, { idempotencyKey: 'k1', task: { title: 'Fine' } });
    expect(ok.replayed).toBe(false);
  });

  test.each(['', 'a b', 'k'.repeat(256), 'é'])('the key %j is refused', async (key) => {
    await expect(useCase.execute(ada, { idempotencyKey: key, task: { title: 'x' } })).rejects.toThrow(ValidationFailed);
    expect(tasks.all()).toHaveLength(0);
  });
});
