import { CreateTask } from '../../../src/application/tasks/create-task.js';
import { CreateTaskIdempotently } from '../../../src/application/tasks/create-task-idempotently.js';
import { GetTask } from '../../../src/application/tasks/get-task.js';
import { ListTasks } from '../../../src/application/tasks/list-tasks.js';
import { PurgeTask } from '../../../src/application/tasks/purge-task.js';
import { ReplaceTask } from '../../../src/application/tasks/replace-task.js';
import { RestoreTask } from '../../../src/application/tasks/restore-task.js';
import { SoftDeleteTask } from '../../../src/application/tasks/soft-delete-task.js';
import { ToggleTaskCompletion } from '../../../src/application/tasks/toggle-task-completion.js';
import { UpdateTask } from '../../../src/application/tasks/update-task.js';
import { FixedClock, PlainCursorCodec, SequentialIds } from '../../../src/testing/fakes.js';
import { InMemoryIdempotencyStore } from '../../../src/testing/in-memory-idempotency-store.js';
import { InMemoryTaskRepository } from '../../../src/testing/in-memory-task-repository.js';

export const ALICE = { userId: 'a11ce000-0000-4000-8000-000000000001' };
export const BOB = { userId: 'b0b00000-0000-4000-8000-000000000002' };

/** Every task use case on one in-memory repository, clock and id sequence. */
export function taskWorld() {
  const tasks = new InMemoryTaskRepository();
  const clock = new FixedClock();
  const ids = new SequentialIds();
  const cursors = new PlainCursorCodec();
  const idempotencyKeys = new InMemoryIdempotencyStore();
  const create = new CreateTask(tasks, ids, clock);
  return {
    tasks,
    clock,
    ids,
    idempotencyKeys,
    create,
    createIdempotently: new CreateTaskIdempotently(create, idempotencyKeys, clock),
    get: new GetTask(tasks),
    list: new ListTasks(tasks, cursors, 'active'),
    listTrash: new ListTasks(tasks, cursors, 'trash'),
    replace: new ReplaceTask(tasks, clock),
    update: new UpdateTask(tasks, clock),
    toggle: new ToggleTaskCompletion(tasks, clock),
    softDelete: new SoftDeleteTask(tasks, clock),
    restore: new RestoreTask(tasks, clock),
    purge: new PurgeTask(tasks),
  };
}

export type TaskWorld = ReturnType<typeof taskWorld>;
