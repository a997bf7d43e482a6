import { EntitySchema } from '@mikro-orm/core';
import { Task } from '../../domain/task/task.js';
import { User } from '../../domain/user/user.js';
import { PriorityType } from './priority-type.js';

/**
 * The list indexes are partial (live tasks only) and end in `id`, the tie-breaker of every sort, so a
 * keyset page is one index range scan at any depth. `due_at` sorts through coalesce(…, 'infinity') so
 * tasks with no due date have a key too.
 */
const listIndex = (name: string, key: string, where = 'deleted_at is null') => ({
  name,
  expression: `create index "${name}" on "tasks" ("user_id", ${key}, "id") where ${where}`,
});

/**
 * `trackChanges: false` on every field: tasks are written by the repository's own statements, never by a
 * unit-of-work flush, so MikroORM need not install its change-tracking accessors on the domain class.
 * With them, every loaded or new Task defined twelve properties and built an ORM helper (~10 µs per task).
 */
export const TaskSchema = new EntitySchema<Task>({
  class: Task as any,
  tableName: 'tasks',
  properties: {
    id: { type: 'uuid', primary: true },
    ownerId: {
      kind: 'm:1',
      entity: () => User,
      fieldName: 'user_id',
      mapToPk: true,
      deleteRule: 'cascade',
      index: 'tasks_user_id_index',
      trackChanges: false,
    },
    title: { type: 'text', trackChanges: false },
    description: { type: 'text', default: '', trackChanges: false },
    isCompleted: { type: 'boolean', fieldName: 'is_completed', default: false, trackChanges: false },
    completedAt: { type: 'Date', fieldName: 'completed_at', columnType: 'timestamptz', nullable: true, trackChanges: false },
    dueAt: { type: 'Date', fieldName: 'due_at', columnType: 'timestamptz', nullable: true, trackChanges: false },
    priority: { type: PriorityType, default: 1, trackChanges: false },
    version: { type: 'integer', default: 1, trackChanges: false },
    createdAt: { type: 'Date', fieldName: 'created_at', columnType: 'timestamptz', trackChanges: false },
    updatedAt: { type: 'Date', fieldName: 'updated_at', columnType: 'timestamptz', trackChanges: false },
    deletedAt: { type: 'Date', fieldName: 'deleted_at', columnType: 'timestamptz', nullable: true, trackChanges: false },
  },
  indexes: [
    { name: 'tasks_user_id_created_at_index', properties: ['ownerId', 'createdAt'] },
    listIndex('tasks_live_created_idx', '"created_at"'),
    listIndex('tasks_live_updated_idx', '"updated_at"'),
    listIndex('tasks_live_due_idx', `(coalesce("due_at", 'infinity'::timestamptz))`),
    listIndex('tasks_live_priority_idx', '"priority"'),
    listIndex('tasks_live_title_idx', '"title"'),
    listIndex('tasks_trash_idx', '"deleted_at"', 'deleted_at is not null'),
    {
      name: 'tasks_purge_idx',
      expression: 'create index "tasks_purge_idx" on "tasks" ("deleted_at") where deleted_at is not null',
    },
  ],
});
