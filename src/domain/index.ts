// The `/domain` entry: entities, value objects and errors only. Loads no database, ORM or HTTP code.
export { DomainError, ValidationFailed, type FieldProblem } from './shared/domain-error.js';
export { Task, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, type TaskEdits, type NewTask } from './task/task.js';
export { PRIORITIES, PRIORITY_RANK, isPriority, type Priority } from './task/priority.js';
export { TaskNotFound, TaskForbidden, TaskVersionMismatch } from './task/task-errors.js';
export { User, NAME_MAX_LENGTH } from './user/user.js';
export { Email } from './user/email.js';
export { Identity, SUBJECT_MAX_LENGTH, isAcceptableSubject } from './user/identity.js';
export { checkPassword, PASSWORD_MIN_BYTES, PASSWORD_MAX_BYTES } from './user/password-policy.js';
export {
  EmailAlreadyRegistered,
  InvalidCredentials,
  Unauthenticated,
  TokenExpired,
  UserForbidden,
} from './user/user-errors.js';
