// The main entry: the in-process library, and the domain's types and errors.
export {
  createTaskhex,
  taskhexEntities,
  type Taskhex,
  type TaskhexOptions,
  type TaskhexCommonOptions,
  type TaskhexDatabaseUrlOptions,
  type TaskhexOrmOptions,
} from './interfaces/library/taskhex.js';
export type { AuthCalls, TaskCalls, TaskhexCalls } from './interfaces/library/taskhex-calls.js';
export type {
  Conditions,
  LogInBody,
  RegisterBody,
  TaskBody,
  TaskChanges,
  TaskListQuery,
} from './interfaces/library/inputs.js';
export type { Actor } from './application/actor.js';
export type { ResolvedActor } from './application/auth/resolve-actor.js';
export type { SessionView, UserView } from './application/auth/user-view.js';
export type { TaskPageView, TaskView } from './application/tasks/task-view.js';
export { IdempotencyKeyReused } from './application/tasks/create-task-idempotently.js';
export type { Clock } from './application/ports/clock.js';
export type { IdGenerator } from './application/ports/id-generator.js';
export * from './domain/index.js';
