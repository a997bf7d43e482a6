import type { Task } from '../../domain/task/task.js';
import { TaskForbidden, TaskNotFound, TaskVersionMismatch } from '../../domain/task/task-errors.js';
import type { Actor } from '../actor.js';
import type { TaskRepository } from '../ports/task-repository.js';

export type Visibility = 'active' | 'trashed' | 'any';

/**
 * How many times a write without If-Match re-reads and re-applies after losing a race. Each round has
 * one winner, so N clients hammering one task need up to N rounds; the fault suite's 50 concurrent
 * toggles got 412s at 5. A caller who sent no If-Match asked for no precondition, so a 412 is a last resort.
 */
const RACE_RETRIES = 64;

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

export interface TaskChange {
  readonly taskId: string;
  /** If-Match: the version the caller last saw. */
  readonly expectedVersion?: number | undefined;
}

/**
 * Load → check ownership and If-Match → change → conditional save. The save is an UPDATE conditioned on
 * the loaded version, so of two concurrent writers exactly one wins. The loser fails with a version
 * mismatch only if it sent If-Match; without one it never stated a precondition, so it re-reads the
 * task and applies its change again on top of the winner's.
 */
export async function changeOwnedTask(
  tasks: TaskRepository,
  actor: Actor,
  input: TaskChange,
  visibility: Visibility,
  change: (task: Task) => boolean,
): Promise<Task> {
  for (let attempt = 0; ; attempt++) {
    const task = await loadOwnedTask(tasks, actor, input.taskId, visibility);
    checkExpectedVersion(task, input.expectedVersion);
    const loadedVersion = task.version;
    if (!change(task)) return task;
    if (await tasks.update(task, loadedVersion)) return task;
    if (input.expectedVersion !== undefined || attempt >= RACE_RETRIES) {
      const current = await tasks.findById(task.id);
      throw new TaskVersionMismatch(task.id, current?.version ?? loadedVersion);
    }
  }
}
