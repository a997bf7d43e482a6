import { DomainError } from '../shared/domain-error.js';

/** Missing, or soft-deleted and looked up outside the trash. */
export class TaskNotFound extends DomainError {
  readonly code = 'not_found';
  constructor(readonly taskId: string) {
    super('Task not found.');
  }
}

/** The task exists but belongs to another user. */
export class TaskForbidden extends DomainError {
  readonly code = 'forbidden';
  constructor(readonly taskId: string) {
    super('This task belongs to another user.');
  }
}

/** The caller's expected version (If-Match) is not the task's current one. */
export class TaskVersionMismatch extends DomainError {
  readonly code = 'precondition_failed';
  constructor(
    readonly taskId: string,
    readonly currentVersion: number,
  ) {
    super('The task has changed since you last read it.');
  }
}
