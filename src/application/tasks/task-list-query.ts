import type { Priority } from '../../domain/task/priority.js';

export const SORT_FIELDS = ['created_at', 'updated_at', 'due_at', 'priority', 'title', 'deleted_at'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

export interface TaskSort {
  readonly field: SortField;
  readonly direction: SortDirection;
}

export interface TaskFilters {
  readonly completed?: boolean | undefined;
  /** Case-insensitive text in title or description. */
  readonly q?: string | undefined;
  readonly priority?: Priority | undefined;
  readonly dueBefore?: Date | undefined;
  readonly dueAfter?: Date | undefined;
  readonly updatedSince?: Date | undefined;
  /** With updatedSince: also return tasks deleted since then, as tombstones. */
  readonly includeDeleted?: boolean | undefined;
}

/** Where the previous page ended: the last item's sort key and id. */
export interface KeysetPosition {
  /** ISO timestamp, number or string, as the sort field dictates; null for a missing due date. */
  readonly key: string | number | null;
  readonly id: string;
}

/** What the repository is asked for. `scope` says which tasks: the normal view or the trash. */
export interface TaskListQuery {
  readonly ownerId: string;
  readonly scope: 'active' | 'trash';
  readonly filters: TaskFilters;
  readonly sort: TaskSort;
  readonly limit: number;
  readonly offset: number;
  readonly after: KeysetPosition | null;
  readonly includeTotal: boolean;
}
