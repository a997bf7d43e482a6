import { DomainError, ValidationFailed } from '../../domain/shared/domain-error.js';
import { isPriority } from '../../domain/task/priority.js';
import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { CreateTask, CreateTaskInput } from './create-task.js';
import type { TaskView } from './task-view.js';

/** How long a key remembers its first response. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** 1 to 255 visible ASCII characters (no spaces), enough for a UUID or any client's scheme. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key was used before, within the window, for a request with another body. */
export class IdempotencyKeyReused extends DomainError {
  readonly code = 'conflict';
  constructor() {
    super('This Idempotency-Key was already used with a different request body.');
  }
}

export interface CreateTaskIdempotentlyInput {
  readonly idempotencyKey: string;
  readonly task: CreateTaskInput;
}

export interface IdempotentCreation {
  readonly task: TaskView;
  /** True when this is the stored response of an earlier request; nothing was created now. */
  readonly replayed: boolean;
}

/**
 * CreateTask behind an idempotency key: the same user, key and request within 24 h get the first
 * response (the task as it was created) and create nothing; the same key with another request is a
 * conflict. Requests are compared by their meaning, not their bytes: key order and whitespace in the
 * JSON do not matter, but leaving a field out is not the same as sending its default.
 */
export class CreateTaskIdempotently {
  constructor(
    private readonly createTask: CreateTask,
    private readonly keys: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateTaskIdempotentlyInput): Promise<IdempotentCreation> {
    if (typeof input.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(input.idempotencyKey)) {
      throw ValidationFailed.field(
        'Idempotency-Key',
        'Idempotency-Key must be 1 to 255 visible ASCII characters.',
        'invalid_string',
      );
    }
    const now = this.clock.now();
    const outcome = await this.keys.run(
      {
        userId: actor.userId,
        key: input.idempotencyKey,
        fingerprint: fingerprintOf(input.task),
        now,
        notBefore: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS),
      },
      async () => JSON.stringify(await this.createTask.execute(actor, input.task)),
    );
    if (outcome.kind === 'existing' && !outcome.sameRequest) throw new IdempotencyKeyReused();
    return { task: parseTaskView(outcome.response), replayed: outcome.kind === 'existing' };
  }
}

function fingerprintOf(t: CreateTaskInput): string {
  // Keys in a fixed order; undefined fields drop out, so "left out" and "null" stay different.
  return JSON.stringify({
    op: 'tasks.create',
    title: t.title,
    description: t.description,
    isCompleted: t.isCompleted,
    dueAt: t.dueAt === undefined || t.dueAt === null ? t.dueAt : t.dueAt.toISOString(),
    priority: t.priority,
  });
}

function parseTaskView(json: string): TaskView {
  const v = JSON.parse(json) as Record<string, unknown>;
  const date = (x: unknown) => new Date(x as string);
  const maybeDate = (x: unknown) => (x === null || x === undefined ? null : date(x));
  if (!isPriority(v.priority)) throw new Error('stored idempotent response is not a task');
  return {
    id: v.id as string,
    ownerId: v.ownerId as string,
    title: v.title as string,
    description: v.description as string,
    isCompleted: v.isCompleted as boolean,
    completedAt: maybeDate(v.completedAt),
    dueAt: maybeDate(v.dueAt),
    priority: v.priority,
    version: v.version as number,
    createdAt: date(v.createdAt),
    updatedAt: date(v.updatedAt),
    deletedAt: maybeDate(v.deletedAt),
  };
}
