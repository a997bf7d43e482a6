import type { Actor } from '../actor.js';
import type { CursorCodec } from '../ports/cursor-codec.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { ValidationFailed } from '../../domain/shared/domain-error.js';
import type { KeysetPosition, TaskFilters, TaskListQuery, TaskSort } from './task-list-query.js';
import { toTaskView, type TaskPageView, type TaskView } from './task-view.js';

export interface ListTasksInput {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  readonly cursor?: string | undefined;
  readonly includeTotal?: boolean | undefined;
  readonly filters?: TaskFilters | undefined;
  readonly sort?: TaskSort | undefined;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

type Scope = TaskListQuery['scope'];

/**
 * Lists the actor's tasks, newest first unless told otherwise, by offset or by keyset cursor. Always
 * scoped to the actor: there is no way to name another owner.
 */
export class ListTasks {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly cursors: CursorCodec,
    private readonly scope: Scope = 'active',
  ) {}

  async execute(actor: Actor, input: ListTasksInput = {}): Promise<TaskPageView> {
    const limit = input.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw ValidationFailed.field('limit', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`, 'out_of_range');
    }
    const offset = input.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw ValidationFailed.field('offset', 'offset must be an integer of 0 or more.', 'out_of_range');
    }
    if (input.cursor !== undefined && input.offset !== undefined) {
      throw ValidationFailed.field('cursor', 'Use either cursor or offset, not both.', 'exclusive');
    }
    const filters = input.filters ?? {};
    if (filters.includeDeleted && !filters.updatedSince) {
      throw ValidationFailed.field('include_deleted', 'include_deleted needs updated_since.', 'requires');
    }
    const sort = input.sort ?? defaultSort(this.scope);
    if (sort.field === 'deleted_at' && this.scope !== 'trash') {
      throw ValidationFailed.field('sort', 'deleted_at is a sort of the trash only.', 'invalid_enum');
    }

    const fingerprint = JSON.stringify([this.scope, sort, normalizeFilters(filters)]);
    const after = input.cursor !== undefined ? this.cursors.decode(input.cursor, fingerprint) : null;
    const page = await this.tasks.list({
      ownerId: actor.userId,
      scope: this.scope,
      filters,
      sort,
      limit,
      offset: after ? 0 : offset,
      after,
      includeTotal: after === null || input.includeTotal === true,
    });

    const hasMore = page.rows.length > limit;
    const items = page.rows.slice(0, limit).map(toTaskView);
    const last = items.at(-1);
    return {
      items,
      total: page.total,
      limit,
      offset: after ? 0 : offset,
      hasMore,
      nextCursor: hasMore && last ? this.cursors.encode(positionOf(last, sort), fingerprint) : null,
    };
  }
}

function defaultSort(scope: Scope): TaskSort {
  return scope === 'trash' ? { field: 'deleted_at', direction: 'desc' } : { field: 'created_at', direction: 'desc' };
}

function normalizeFilters(f: TaskFilters): unknown[] {
  return [
    f.completed ?? null,
    f.q ?? null,
    f.priority ?? null,
    f.dueBefore?.toISOString() ?? null,
    f.dueAfter?.toISOString() ?? null,
    f.updatedSince?.toISOString() ?? null,
    f.includeDeleted ?? false,
  ];
}

export function positionOf(task: TaskView, sort: TaskSort): KeysetPosition {
  switch (sort.field) {
    case 'created_at':
      return { key: task.createdAt.toISOString(), id: task.id };
    case 'updated_at':
      return { key: task.updatedAt.toISOString(), id: task.id };
    case 'deleted_at':
      return { key: task.deletedAt?.toISOString() ?? null, id: task.id };
    case 'due_at':
      return { key: task.dueAt?.toISOString() ?? null, id: task.id };
    case 'title':
      return { key: task.title, id: task.id };
    case 'priority':
      return { key: task.priority, id: task.id };
  }
}
