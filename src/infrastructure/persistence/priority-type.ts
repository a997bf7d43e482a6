import { Type } from '@mikro-orm/core';
import { PRIORITIES, PRIORITY_RANK, type Priority } from '../../domain/task/priority.js';

/** Stored as its rank (0 low, 1 normal, 2 high) so that a priority sort is a plain index scan. */
export class PriorityType extends Type<Priority, number> {
  override convertToDatabaseValue(value: Priority | number): number {
    return typeof value === 'number' ? value : PRIORITY_RANK[value];
  }

  override convertToJSValue(value: number | Priority): Priority {
    return typeof value === 'string' ? value : priorityOfRank(value);
  }

  override getColumnType(): string {
    return 'smallint';
  }

  override compareAsType(): string {
    return 'number';
  }
}

export function priorityOfRank(rank: number): Priority {
  const priority = PRIORITIES[rank];
  if (priority === undefined) throw new Error(`Unknown priority rank ${rank}`);
  return priority;
}
