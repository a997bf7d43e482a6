/**
 * Base of every expected failure. `code` is the stable machine string that HTTP problem bodies and
 * in-process callers branch on; the HTTP adapter maps codes to statuses in one table.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

/** A value breaks an invariant of the domain (HTTP 422). */
export class ValidationFailed extends DomainError {
  readonly code = 'validation_failed';

  constructor(
    message: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(message);
  }

  static field(path: string, message: string, code = 'invalid'): ValidationFailed {
    return new ValidationFailed(message, [{ path, message, code }]);
  }
}
