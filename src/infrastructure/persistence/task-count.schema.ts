import { EntitySchema } from '@mikro-orm/core';
import { User } from '../../domain/user/user.js';

/**
 * A user's task counters, kept by PostgreSQL triggers on `tasks` (see the TaskCounts migration), so an
 * unfiltered list total is a read of a few rows rather than a count over every task.
 *
 * A user's counters are spread over up to TASK_COUNT_SLOTS rows (one per slot; a statement adds to the
 * slot of its server process), and the total is their sum: with one row per user, every write of the
 * same user would wait on that row's lock until the writer's commit.
 */
export interface TaskCountRow {
  userId: string;
  slot: number;
  live: number;
  liveCompleted: number;
  trashed: number;
}

export const TASK_COUNT_SLOTS = 16;

/** Mapped so that the schema check sees the table; only the triggers write it, plain SQL reads it. */
export const TaskCountSchema = new EntitySchema<TaskCountRow>({
  name: 'TaskCount',
  tableName: 'task_counts',
  properties: {
    userId: {
      kind: 'm:1',
      entity: () => User,
      fieldName: 'user_id',
      mapToPk: true,
      primary: true,
      deleteRule: 'cascade',
    },
    slot: { type: 'smallint', primary: true },
    live: { type: 'integer', default: 0 },
    liveCompleted: { type: 'integer', fieldName: 'live_completed', default: 0 },
    trashed: { type: 'integer', default: 0 },
  },
});
