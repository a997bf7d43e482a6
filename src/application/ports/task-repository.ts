import type { Task } from '../../domain/task/task.js';
import type { TaskListQuery } from '../tasks/task-list-query.js';
import type { TaskView } from '../tasks/task-view.js';

export interface TaskPage {
  /** Up to `limit + 1` rows: the extra one only tells that there is more. */
  readonly rows: TaskView[];
  readonly total: number | null;
}

export interface TaskRepository {
  /** Not owner-scoped, so a use case can tell another user's task (403) from a missing one (404). */
  findById(id: string): Promise<Task | null>;
  insert(task: Task): Promise<void>;
  /**
   * Writes the task only if its stored version is still `expectedVersion`, in one conditional UPDATE,
   * so of two concurrent writers exactly one wins. Returns false for the loser.
   */
  update(task: Task, expectedVersion: number): Promise<boolean>;
  /** Deletes for good, under the same version condition as update. */
  delete(id: string, expectedVersion: number): Promise<boolean>;
  list(query: TaskListQuery): Promise<TaskPage>;
  /** Permanently removes up to `batchSize` tasks trashed before `cutoff`; returns how many. */
  purgeTrashedBefore(cutoff: Date, batchSize: number): Promise<number>;
}
