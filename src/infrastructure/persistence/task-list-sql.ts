import { PRIORITY_RANK } from '../../domain/task/priority.js';
import type { KeysetPosition, SortField, TaskListQuery } from '../../application/tasks/task-list-query.js';

/** The key each sort orders by; these expressions match the list indexes of the task schema exactly. */
const SORT_KEY: Record<SortField, string> = {
  created_at: 't.created_at',
  updated_at: 't.updated_at',
  deleted_at: 't.deleted_at',
  due_at: `coalesce(t.due_at, 'infinity'::timestamptz)`,
  priority: 't.priority',
  title: 't.title',
};

const KEY_CAST: Record<SortField, string> = {
  created_at: '?::timestamptz',
  updated_at: '?::timestamptz',
  deleted_at: '?::timestamptz',
  due_at: '?::timestamptz',
  priority: '?::smallint',
  title: '?::text',
};

export const TASK_COLUMNS =
  't.id, t.user_id, t.title, t.description, t.is_completed, t.completed_at, t.due_at, t.priority, t.version, t.created_at, t.updated_at, t.deleted_at';

export interface Sql {
  readonly text: string;
  readonly params: unknown[];
}

/**
 * One statement per page. With a total, the count and the page travel together (a lateral join keeps
 * the count even when the page is empty), so a list costs one round trip. Where the filters allow, the
 * count is read from the counters the task_counts triggers keep, not counted (O(1) at any size).
 */
export function buildTaskListSql(query: TaskListQuery): Sql {
  const where = whereClause(query);
  const { field, direction } = query.sort;
  const dir = direction === 'desc' ? 'desc' : 'asc';
  const key = SORT_KEY[field];

  const pageWhere = [...where.parts];
  const pageParams = [...where.params];
  if (query.after) {
    pageWhere.push(`(${key}, t.id) ${dir === 'desc' ? '<' : '>'} (${KEY_CAST[field]}, ?::uuid)`);
    pageParams.push(keyParam(field, query.after), query.after.id);
  }
  const page =
    `select ${TASK_COLUMNS} from tasks t where ${pageWhere.join(' and ')} ` +
    `order by ${key} ${dir}, t.id ${dir} limit ? offset ?`;
  pageParams.push(query.limit + 1, query.offset);

  if (!query.includeTotal) return { text: page, params: pageParams };
  const counter = counterOf(query);
  const count = counter
    ? { text: `select coalesce(sum(${counter}), 0)::int as total from task_counts where user_id = ?`, params: [query.ownerId] }
    : { text: `select count(*)::int as total from tasks t where ${where.parts.join(' and ')}`, params: where.params };
  return {
    text:
      `select c.total, p.* from (${count.text}) c ` +
      `left join lateral (${page}) p on true order by ${key.replace(/\bt\./g, 'p.')} ${dir}, p.id ${dir}`,
    params: [...count.params, ...pageParams],
  };
}

/**
 * The task_counts expression that equals the count of this query's tasks, when its filters allow one:
 * none, or only `completed`, for the normal view; none for the trash. Other filters need a real count.
 */
function counterOf(query: TaskListQuery): string | null {
  const { completed, q, priority, dueBefore, dueAfter, updatedSince, includeDeleted } = query.filters;
  const onlyCompleted =
    (q === undefined || q === '') &&
    priority === undefined &&
    dueBefore === undefined &&
    dueAfter === undefined &&
    updatedSince === undefined &&
    includeDeleted !== true;
  if (!onlyCompleted) return null;
  if (query.scope === 'trash') return completed === undefined ? 'trashed' : null;
  if (completed === undefined) return 'live';
  return completed ? 'live_completed' : 'live - live_completed';
}

function whereClause(query: TaskListQuery): { parts: string[]; params: unknown[] } {
  const parts = ['t.user_id = ?'];
  const params: unknown[] = [query.ownerId];
  const f = query.filters;
  if (query.scope === 'trash') parts.push('t.deleted_at is not null');
  else if (!f.includeDeleted) parts.push('t.deleted_at is null');
  if (f.completed !== undefined) {
    parts.push('t.is_completed = ?');
    params.push(f.completed);
  }
  if (f.q !== undefined && f.q !== '') {
    parts.push(`(t.title ilike ? escape '\\' or t.description ilike ? escape '\\')`);
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(pattern, pattern);
  }
  if (f.priority !== undefined) {
    parts.push('t.priority = ?');
    params.push(PRIORITY_RANK[f.priority]);
  }
  if (f.dueBefore !== undefined) {
    parts.push('t.due_at < ?');
    params.push(f.dueBefore);
  }
  if (f.dueAfter !== undefined) {
    parts.push('t.due_at >= ?');
    params.push(f.dueAfter);
  }
  if (f.updatedSince !== undefined) {
    parts.push('t.updated_at >= ?');
    params.push(f.updatedSince);
  }
  return { parts, params };
}

function keyParam(field: SortField, after: KeysetPosition): string | number {
  if (field === 'due_at' || field === 'deleted_at') return after.key ?? 'infinity';
  if (field === 'priority') return PRIORITY_RANK[after.key as keyof typeof PRIORITY_RANK];
  return after.key as string;
}
