import { ZodError } from 'zod';
import { DomainError, ValidationFailed, type FieldProblem } from '../../domain/shared/domain-error.js';
import { TaskVersionMismatch } from '../../domain/task/task-errors.js';
import { isDatabaseUnavailable } from '../../infrastructure/persistence/database-errors.js';
import { zodProblems } from '../schemas/field-problems.js';
import { HttpProblem } from './http-errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
  request_id?: string;
}

/** Domain error code → HTTP status: the one table. */
const STATUS_OF_CODE: Record<string, number> = {
  validation_failed: 422,
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  token_expired: 401,
  invalid_credentials: 401,
  conflict: 409,
  precondition_failed: 412,
  rate_limited: 429,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface MappedProblem {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  /** Unexpected: log it with its stack. */
  readonly unexpected: boolean;
}

/** Turns anything thrown into the contract's problem body; never leaks a message it did not write. */
export function toProblem(error: unknown): MappedProblem {
  if (error instanceof ZodError) {
    return mapped(422, 'validation_failed', 'The request is not valid.', zodProblems(error));
  }
  if (error instanceof ValidationFailed) {
    return mapped(422, error.code, error.message, [...error.errors]);
  }
  if (error instanceof TaskVersionMismatch) {
    return { ...mapped(412, error.code, error.message), headers: { ETag: `"${error.currentVersion}"` } };
  }
  if (error instanceof DomainError) {
    return mapped(STATUS_OF_CODE[error.code] ?? 400, error.code, error.message);
  }
  if (error instanceof HttpProblem) {
    return { ...mapped(error.status, error.code, error.message), headers: error.headers };
  }
  if (isDatabaseUnavailable(error)) {
    return { ...mapped(503, 'unavailable', 'The database is unavailable; try again shortly.'), headers: { 'Retry-After': '5' } };
  }
  return { ...mapped(500, 'internal', 'Something went wrong on our side.'), unexpected: true };
}

function mapped(status: number, code: string, detail: string, errors?: FieldProblem[]): MappedProblem {
  const problem: Problem = { type: `/problems/${code}`, title: TITLES[status] ?? 'Error', status, detail, code };
  if (errors && errors.length > 0) problem.errors = errors;
  return { problem, headers: {}, unexpected: false };
}
