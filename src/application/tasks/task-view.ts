import type { Priority } from '../../domain/task/priority.js';

/** A task as use cases return it: plain data, never the entity (so callers cannot bypass its rules). */
export interface TaskView {
  readonly id: string;
  readonly ownerId: string;
  readonly title: string;
  readonly description: string;
  readonly isCompleted: boolean;
  readonly completedAt: Date | null;
  readonly dueAt: Date | null;
  readonly priority: Priority;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly deletedAt: Date | null;
}

export function toTaskView(task: TaskView): TaskView {
  return {
    id: task.id,
    ownerId: task.ownerId,
    title: task.title,
    description: task.description,
    isCompleted: task.isCompleted,
    completedAt: task.completedAt,
    dueAt: task.dueAt,
    priority: task.priority,
    version: task.version,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    deletedAt: task.deletedAt,
  };
}

export interface TaskPageView {
  readonly items: TaskView[];
  /** Exact; null on a cursor page unless asked for. */
  readonly total: number | null;
  readonly limit: number;
  readonly offset: number;
  readonly hasMore: boolean;
  readonly nextCursor: string | null;
}
