import { expect, test } from '@jest/globals';
import type { TaskRepository } from '../../../src/application/ports/task-repository.js';
import { UpdateTask } from '../../../src/application/tasks/update-task.js';
import { TaskVersionMismatch } from '../../../src/domain/task/task-errors.js';
import { Task } from '../../../src/domain/task/task.js';
import { FixedClock } from '../../../src/testing/fakes.js';
import { InMemoryTaskRepository } from '../../../src/testing/in-memory-task-repository.js';

const ada = { userId: '10000000-0000-4000-8000-000000000001' };
const ID = '20000000-0000-4000-8000-000000000001';

/** A repository where another writer gets in between every read and write of the use case, once. */
function withOneInterloper(repo: InMemoryTaskRepository): TaskRepository {
  let interfered = false;
  return Object.assign(Object.create(repo) as TaskRepository, {
    update: async (task: Task, expected: number) => {
      if (!interfered) {
        interfered = true;
        const other = (await repo.findById(task.id))!;
        other.edit({ description: 'by someone else' }, new Date('2026-01-01T00:00:01Z'));
        await repo.update(other, expected);
      }
      return repo.update(task, expected);
    },
  });
}

test('a write without If-Match that loses a race is applied again on top of the winner', async () => {
  const repo = new InMemoryTaskRepository();
  await repo.insert(Task.create({ id: ID, ownerId: ada.userId, title: 'A', now: new Date('2026-01-01T00:00:00Z') }));
  const result = await new UpdateTask(withOneInterloper(repo), new FixedClock()).execute(ada, {
    taskId: ID,
    changes: { title: 'B' },
  });
  expect(result).toMatchObject({ title: 'B', description: 'by someone else', version: 3 });
});

test('a write with If-Match that loses a race is a version mismatch and changes nothing of its own', async () => {
  const repo = new InMemoryTaskRepository();
  await repo.insert(Task.create({ id: ID, ownerId: ada.userId, title: 'A', now: new Date('2026-01-01T00:00:00Z') }));
  await expect(
    new UpdateTask(withOneInterloper(repo), new FixedClock()).execute(ada, {
      taskId: ID,
      expectedVersion: 1,
      changes: { title: 'B' },
    }),
  ).rejects.toThrow(TaskVersionMismatch);
  expect((await repo.findById(ID))!).toMatchObject({ title: 'A', version: 2 });
});
