import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Unauthenticated } from '../../domain/user/user-errors.js';
import { Task } from '../../domain/task/task.js';
import type { TaskPage, TaskRepository } from '../../application/ports/task-repository.js';
import type { TaskListQuery } from '../../application/tasks/task-list-query.js';
import type { TaskView } from '../../application/tasks/task-view.js';
import { PRIORITY_RANK } from '../../domain/task/priority.js';
import { fromPgTimestamp, fromPgTimestampOrNull } from './pg-timestamp.js';
import { priorityOfRank } from './priority-type.js';
import { loadedEntity } from './loaded-entity.js';
import { numbered, runStatement } from './pg-statement.js';
import { buildTaskListSql, TASK_COLUMNS } from './task-list-sql.js';
import { TaskSchema } from './task.schema.js';
import { isUuid } from './uuid.js';

interface TaskRow {
  total?: number;
  id: string | null;
  user_id: string;
  title: string;
  description: string;
  is_completed: boolean;
  completed_at: Date | string | null;
  due_at: Date | string | null;
  priority: number;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
}

/**
 * Raw statements go through runStatement, which runs them in the entity manager's current transaction
 * when there is one.
 *
 * Writes are single native statements (insert, conditional update, delete) rather than unit-of-work
 * flushes: the version condition lives in the UPDATE itself, and loaded tasks stay out of the identity
 * map so that no later flush can write them behind the use case's back. Reads are plain projections
 * mapped by hand (no ORM hydration): lists straight to views, findById to an entity.
 */
export class MikroOrmTaskRepository implements TaskRepository {
  constructor(private readonly em: EntityManager) {}

  async findById(id: string): Promise<Task | null> {
    if (!isUuid(id)) return null;
    const { rows } = await runStatement<TaskRow>(this.em, FIND_BY_ID, [id], 'taskhex_task_by_id');
    return rows[0] ? loadedEntity(Task, rowToView(rows[0])) : null;
  }

  async insert(task: Task): Promise<void> {
    try {
      await runStatement(
        this.em,
        INSERT,
        [task.id, task.ownerId, task.createdAt.toISOString(), ...editableValues(task)],
        'taskhex_task_insert',
      );
    } catch (error) {
      // In-process hosts name the acting user themselves; one that does not exist (any more) owns nothing.
      if (isForeignKeyViolation(error)) throw new Unauthenticated('The acting user does not exist.');
      throw error;
    }
  }

  async update(task: Task, expectedVersion: number): Promise<boolean> {
    const { rowCount } = await runStatement(this.em, UPDATE, [...editableValues(task), task.id, expectedVersion], 'taskhex_task_update');
    return rowCount === 1;
  }

  async delete(id: string, expectedVersion: number): Promise<boolean> {
    return (await this.em.nativeDelete(TaskSchema, { id, version: expectedVersion })) === 1;
  }

  async list(query: TaskListQuery): Promise<TaskPage> {
    const sql = buildTaskListSql(query);
    const { rows } = await runStatement<TaskRow>(this.em, numbered(sql.text), sql.params);
    const total = query.includeTotal ? (rows[0]?.total ?? 0) : null;
    return { rows: rows.filter((r) => r.id !== null).map(rowToView), total };
  }

  async purgeTrashedBefore(cutoff: Date, batchSize: number): Promise<number> {
    const { rowCount } = await runStatement(
      this.em,
      'delete from tasks where id in (select id from tasks where deleted_at < $1::timestamptz order by deleted_at limit $2 for update skip locked)',
      [cutoff.toISOString(), batchSize],
    );
    return rowCount ?? 0;
  }
}

/**
 * What a write sets besides the id, owner and creation time. Timestamps travel as ISO strings with an
 * explicit cast, so no driver or session time zone can shift them.
 */
const EDITABLE_COLUMNS = [
  'title',
  'description',
  'is_completed',
  'completed_at',
  'due_at',
  'priority',
  'version',
  'updated_at',
  'deleted_at',
] as const;

const PLACEHOLDER: Record<(typeof EDITABLE_COLUMNS)[number], string> = {
  title: '?',
  description: '?',
  is_completed: '?',
  completed_at: '?::timestamptz',
  due_at: '?::timestamptz',
  priority: '?',
  version: '?',
  updated_at: '?::timestamptz',
  deleted_at: '?::timestamptz',
};

const FIND_BY_ID = numbered(`select ${TASK_COLUMNS} from tasks t where t.id = ?`);
const INSERT = numbered(
  `insert into tasks (id, user_id, created_at, ${EDITABLE_COLUMNS.join(', ')}) ` +
    `values (?, ?, ?::timestamptz, ${EDITABLE_COLUMNS.map((c) => PLACEHOLDER[c]).join(', ')})`,
);
const UPDATE = numbered(
  `update tasks set ${EDITABLE_COLUMNS.map((c) => `${c} = ${PLACEHOLDER[c]}`).join(', ')} where id = ? and version = ?`,
);

/** Raw statements surface the driver's error (SQLSTATE 23503), the ORM's own calls a mapped exception. */
function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof ForeignKeyConstraintViolationException || (error as { code?: unknown })?.code === '23503';
}

const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

function editableValues(task: Task): unknown[] {
  return [
    task.title,
    task.description,
    task.isCompleted,
    isoOrNull(task.completedAt),
    isoOrNull(task.dueAt),
    PRIORITY_RANK[task.priority],
    task.version,
    task.updatedAt.toISOString(),
    isoOrNull(task.deletedAt),
  ];
}

function rowToView(r: TaskRow): TaskView {
  return {
    id: r.id as string,
    ownerId: r.user_id,
    title: r.title,
    description: r.description,
    isCompleted: r.is_completed,
    completedAt: fromPgTimestampOrNull(r.completed_at),
    dueAt: fromPgTimestampOrNull(r.due_at),
    priority: priorityOfRank(r.priority),
    version: r.version,
    createdAt: fromPgTimestamp(r.created_at),
    updatedAt: fromPgTimestamp(r.updated_at),
    deletedAt: fromPgTimestampOrNull(r.deleted_at),
  };
}
