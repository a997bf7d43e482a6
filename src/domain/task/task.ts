import { ValidationFailed } from '../shared/domain-error.js';
import { isPriority, type Priority } from './priority.js';

export const TITLE_MAX_LENGTH = 500;
export const DESCRIPTION_MAX_LENGTH = 5000;

export interface TaskEdits {
  readonly title?: string;
  readonly description?: string;
  readonly isCompleted?: boolean;
  readonly dueAt?: Date | null;
  readonly priority?: Priority;
}

export interface NewTask extends TaskEdits {
  readonly id: string;
  readonly ownerId: string;
  readonly title: string;
  readonly now: Date;
}

/**
 * The Task aggregate. Persisted fields are `readonly` in the type and only reassigned by the methods
 * below, so every change goes through a rule. No `#private` fields: the ORM loads instances without
 * calling the constructor.
 */
export class Task {
  readonly id!: string;
  readonly ownerId!: string;
  readonly title!: string;
  readonly description!: string;
  readonly isCompleted!: boolean;
  readonly completedAt!: Date | null;
  readonly dueAt!: Date | null;
  readonly priority!: Priority;
  /** Grows by one on every change; the HTTP ETag. */
  readonly version!: number;
  readonly createdAt!: Date;
  readonly updatedAt!: Date;
  readonly deletedAt!: Date | null;

  private constructor(fields: Omit<Task, MethodKeys>) {
    Object.assign(this, fields);
  }

  static create(input: NewTask): Task {
    const isCompleted = input.isCompleted ?? false;
    return new Task({
      id: input.id,
      ownerId: input.ownerId,
      title: checkTitle(input.title),
      description: checkDescription(input.description ?? ''),
      isCompleted,
      completedAt: isCompleted ? input.now : null,
      dueAt: checkDueAt(input.dueAt ?? null),
      priority: checkPriority(input.priority ?? 'normal'),
      version: 1,
      createdAt: input.now,
      updatedAt: input.now,
      deletedAt: null,
    });
  }

  isDeleted(): boolean {
    return this.deletedAt !== null;
  }

  /**
   * Applies edits all-or-nothing: every value is checked before any field changes. Returns whether
   * anything changed; an edit to the same values is not a change and keeps the version.
   */
  edit(edits: TaskEdits, now: Date): boolean {
    const next: Partial<Record<keyof TaskEdits, unknown>> = {};
    if (edits.title !== undefined) next.title = checkTitle(edits.title);
    if (edits.description !== undefined) next.description = checkDescription(edits.description);
    if (edits.dueAt !== undefined) next.dueAt = checkDueAt(edits.dueAt);
    if (edits.priority !== undefined) next.priority = checkPriority(edits.priority);

    let changed = false;
    const self = this as Mutable<Task>;
    if (next.title !== undefined && next.title !== this.title) {
      self.title = next.title as string;
      changed = true;
    }
    if (next.description !== undefined && next.description !== this.description) {
      self.description = next.description as string;
      changed = true;
    }
    if (next.dueAt !== undefined && !sameInstant(next.dueAt as Date | null, this.dueAt)) {
      self.dueAt = next.dueAt as Date | null;
      changed = true;
    }
    if (next.priority !== undefined && next.priority !== this.priority) {
      self.priority = next.priority as Priority;
      changed = true;
    }
    if (edits.isCompleted !== undefined && edits.isCompleted !== this.isCompleted) {
      self.isCompleted = edits.isCompleted;
      self.completedAt = edits.isCompleted ? now : null;
      changed = true;
    }
    if (changed) this.touch(now);
    return changed;
  }

  /** Sets completion; setting the state it already has is a no-op, so retries are safe. */
  setCompleted(completed: boolean, now: Date): boolean {
    return this.edit({ isCompleted: completed }, now);
  }

  toggleCompleted(now: Date): void {
    this.edit({ isCompleted: !this.isCompleted }, now);
  }

  /** Moves the task to the trash; deleting a trashed task again changes nothing. */
  softDelete(now: Date): boolean {
    if (this.deletedAt !== null) return false;
    (this as Mutable<Task>).deletedAt = now;
    this.touch(now);
    return true;
  }

  restore(now: Date): boolean {
    if (this.deletedAt === null) return false;
    (this as Mutable<Task>).deletedAt = null;
    this.touch(now);
    return true;
  }

  private touch(now: Date): void {
    const self = this as Mutable<Task>;
    self.version = this.version + 1;
    // Never let updated_at go backwards when the clock does (or two writes share a millisecond).
    self.updatedAt = now > this.updatedAt ? now : new Date(this.updatedAt.getTime() + 1);
  }
}

type MethodKeys = 'edit' | 'setCompleted' | 'toggleCompleted' | 'softDelete' | 'restore' | 'isDeleted';
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function checkTitle(raw: string): string {
  if (typeof raw !== 'string') throw ValidationFailed.field('title', 'Title must be a string.', 'invalid_type');
  const title = raw.trim();
  if (title.length === 0) throw ValidationFailed.field('title', 'Title must not be empty.', 'too_small');
  if (title.includes('\u0000')) throw ValidationFailed.field('title', 'Title must not contain NUL characters.', 'invalid_string');
  if ([...title].length > TITLE_MAX_LENGTH) {
    throw ValidationFailed.field('title', `Title must be at most ${TITLE_MAX_LENGTH} characters.`, 'too_big');
  }
  return title;
}

function checkDescription(raw: string): string {
  if (typeof raw !== 'string') {
    throw ValidationFailed.field('description', 'Description must be a string.', 'invalid_type');
  }
  if (raw.includes('\u0000')) {
    throw ValidationFailed.field('description', 'Description must not contain NUL characters.', 'invalid_string');
  }
  if ([...raw].length > DESCRIPTION_MAX_LENGTH) {
    throw ValidationFailed.field(
      'description',
      `Description must be at most ${DESCRIPTION_MAX_LENGTH} characters.`,
      'too_big',
    );
  }
  return raw;
}

function checkDueAt(raw: Date | null): Date | null {
  if (raw === null) return null;
  // Years 1 to 9999: what RFC 3339 can write and PostgreSQL can store (it has no year 0).
  if (!(raw instanceof Date) || Number.isNaN(raw.getTime()) || raw.getUTCFullYear() < 1 || raw.getUTCFullYear() > 9999) {
    throw ValidationFailed.field('due_at', 'Due date must be a valid date between years 1 and 9999.', 'invalid_date');
  }
  return raw;
}

function checkPriority(raw: string): Priority {
  if (!isPriority(raw)) throw ValidationFailed.field('priority', 'Priority must be low, normal or high.', 'invalid_enum');
  return raw;
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === b || (a !== null && b !== null && a.getTime() === b.getTime());
}
