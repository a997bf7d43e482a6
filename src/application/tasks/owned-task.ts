import type { Task } from '../../domain/task/task.js';
import { TaskForbidden, TaskNotFound, TaskVersionMismatch } from '../../domain/task/task-errors.js';
import type { Actor } from '../actor.js';
import type { TaskRepository } from '../ports/task-repository.js';

export type Visibility = 'active' | 'trashed' | 'any';

/**
 * The ownership rule every task use case goes through: someone else's task is forbidden whether or not
 * it is trashed; a missing task, or one outside the requested visibility, is not found.
 */
export async function loadOwnedTask(
  tasks: TaskRepository,
  actor: Actor,
  taskId: string,
  visibility: Visibility = 'active',
): Promise<Task> {
  const task = await tasks.findById(taskId);
  if (!task) throw new TaskNotFound(taskId);
  if (task.ownerId !== actor.userId) throw new TaskForbidden(taskId);
  if (visibility === 'active' && task.isDeleted()) throw new TaskNotFound(taskId);
  if (visibility === 'trashed' && !task.isDeleted()) throw new TaskNotFound(taskId);
  return task;
}

/** If-Match: a stale expected version fails before anything changes. */
export function checkExpectedVersion(task: Task, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== task.version) {
    throw new TaskVersionMismatch(task.id, task.version);
  }
}

/** Persists a change made on a task loaded at `loadedVersion`; losing a race is a version mismatch. */
export async function saveChange(tasks: TaskRepository, task: Task, loadedVersion: number): Promise<void> {
  if (!(await tasks.update(task, loadedVersion))) {
    const current = await tasks.findById(task.id);
    throw new TaskVersionMismatch(task.id, current?.version ?? loadedVersion);
  }
}
