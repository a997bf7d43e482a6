import { Unauthenticated } from '../domain/user/user-errors.js';
import { PRIORITY_RANK } from '../domain/task/priority.js';
import type { Task } from '../domain/task/task.js';
import type { TaskPage, TaskRepository } from '../application/ports/task-repository.js';
import type { KeysetPosition, SortField, TaskListQuery } from '../application/tasks/task-list-query.js';
import { toTaskView, type TaskView } from '../application/tasks/task-view.js';

/**
 * A Map behind the TaskRepository port, with the same list semantics as the PostgreSQL adapter
 * (filters, sorts, keyset and offset pages, version-conditioned writes). Stores copies, so a use case
 * that forgets to save leaves no trace, exactly as with a real database.
 */
export class InMemoryTaskRepository implements TaskRepository {
  private readonly rows = new Map<string, Task>();

  /**
   * `ownerExists`, when given, plays the database's foreign key: a task for an unknown user is refused
   * as the PostgreSQL adapter refuses it.
   */
  constructor(private readonly options: { ownerExists?: (userId: string) => boolean } = {}) {}

  async findById(id: string): Promise<Task | null> {
    const row = this.rows.get(id);
    return row ? clone(row) : null;
  }

  async insert(task: Task): Promise<void> {
    if (this.rows.has(task.id)) throw new Error(`duplicate task id ${task.id}`);
    if (this.options.ownerExists && !this.options.ownerExists(task.ownerId)) {
      throw new Unauthenticated('The acting user does not exist.');
    }
    this.rows.set(task.id, clone(task));
  }

  async update(task: Task, expectedVersion: number): Promise<boolean> {
    const current = this.rows.get(task.id);
    if (!current || current.version !== expectedVersion) return false;
    this.rows.set(task.id, clone(task));
    return true;
  }

  async delete(id: string, expectedVersion: number): Promise<boolean> {
    const current = this.rows.get(id);
    if (!current || current.version !== expectedVersion) return false;
    return this.rows.delete(id);
  }

  async list(query: TaskListQuery): Promise<TaskPage> {
    const matching = [...this.rows.values()].filter((t) => matches(t, query)).map(toTaskView);
    const sorted = matching.sort(comparator(query.sort.field, query.sort.direction));
    const after = query.after;
    const start = after ? sorted.filter((t) => isAfter(t, after, query)) : sorted.slice(query.offset);
    return { rows: start.slice(0, query.limit + 1), total: query.includeTotal ? matching.length : null };
  }

  async purgeTrashedBefore(cutoff: Date, batchSize: number): Promise<number> {
    const doomed = [...this.rows.values()].filter((t) => t.deletedAt !== null && t.deletedAt < cutoff).slice(0, batchSize);
    for (const t of doomed) this.rows.delete(t.id);
    return doomed.length;
  }

  /** ON DELETE CASCADE: the user's tasks go with the account. */
  deleteOwnedBy(userId: string): void {
    for (const [id, t] of this.rows) if (t.ownerId === userId) this.rows.delete(id);
  }

  /** The current contents; calling the returned function puts them back (the in-memory kit's rollback). */
  snapshot(): () => void {
    const saved = new Map(this.rows);
    return () => {
      this.rows.clear();
      for (const [k, v] of saved) this.rows.set(k, v);
    };
  }

  /** Everything stored, for assertions in tests. */
  all(): TaskView[] {
    return [...this.rows.values()].map(toTaskView);
  }
}

function clone(task: Task): Task {
  return Object.assign(Object.create(Object.getPrototypeOf(task) as object) as Task, task);
}

function matches(t: Task, q: TaskListQuery): boolean {
  const f = q.filters;
  if (t.ownerId !== q.ownerId) return false;
  if (q.scope === 'trash' ? t.deletedAt === null : !f.includeDeleted && t.deletedAt !== null) return false;
  if (f.completed !== undefined && t.isCompleted !== f.completed) return false;
  if (f.q) {
    const needle = f.q.toLowerCase();
    if (!t.title.toLowerCase().includes(needle) && !t.description.toLowerCase().includes(needle)) return false;
  }
  if (f.priority !== undefined && t.priority !== f.priority) return false;
  if (f.dueBefore !== undefined && !(t.dueAt !== null && t.dueAt < f.dueBefore)) return false;
  if (f.dueAfter !== undefined && !(t.dueAt !== null && t.dueAt >= f.dueAfter)) return false;
  if (f.updatedSince !== undefined && t.updatedAt < f.updatedSince) return false;
  return true;
}

/** Sort keys as the SQL adapter orders them: a missing due date sorts as +infinity. */
function key(t: TaskView, field: SortField): number | string {
  switch (field) {
    case 'created_at':
      return t.createdAt.getTime();
    case 'updated_at':
      return t.updatedAt.getTime();
    case 'deleted_at':
      return t.deletedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    case 'due_at':
      return t.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
    case 'priority':
      return PRIORITY_RANK[t.priority];
    case 'title':
      return t.title;
  }
}

function positionKey(p: KeysetPosition, field: SortField): number | string {
  if (field === 'title') return p.key as string;
  if (field === 'priority') return PRIORITY_RANK[p.key as keyof typeof PRIORITY_RANK];
  return p.key === null ? Number.POSITIVE_INFINITY : new Date(p.key as string).getTime();
}

function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
}

function comparator(field: SortField, direction: 'asc' | 'desc') {
  const sign = direction === 'asc' ? 1 : -1;
  return (a: TaskView, b: TaskView) => sign * (compareKeys(key(a, field), key(b, field)) || compareKeys(a.id, b.id));
}

function isAfter(t: TaskView, p: KeysetPosition, q: TaskListQuery): boolean {
  const sign = q.sort.direction === 'asc' ? 1 : -1;
  const c = compareKeys(key(t, q.sort.field), positionKey(p, q.sort.field)) || compareKeys(t.id, p.id);
  return sign * c > 0;
}
