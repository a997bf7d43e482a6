import type { ServiceIdentifier } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../application/ports/clock.js';
import type { CursorCodec } from '../../application/ports/cursor-codec.js';
import type { IdempotencyStore } from '../../application/ports/idempotency-store.js';
import type { IdGenerator } from '../../application/ports/id-generator.js';
import type { PasswordHasher } from '../../application/ports/password-hasher.js';
import type { TaskRepository } from '../../application/ports/task-repository.js';
import type { TokenIssuer, TokenVerifier } from '../../application/ports/token-service.js';
import type { UserRepository } from '../../application/ports/user-repository.js';
import type { DeleteAccount } from '../../application/auth/delete-account.js';
import type { GetCurrentUser } from '../../application/auth/get-current-user.js';
import type { LogIn } from '../../application/auth/log-in.js';
import type { RegisterUser } from '../../application/auth/register-user.js';
import type { ResolveActor } from '../../application/auth/resolve-actor.js';
import type { CreateTask } from '../../application/tasks/create-task.js';
import type { CreateTaskIdempotently } from '../../application/tasks/create-task-idempotently.js';
import type { GetTask } from '../../application/tasks/get-task.js';
import type { ListTasks } from '../../application/tasks/list-tasks.js';
import type { PurgeExpiredTrash } from '../../application/tasks/purge-expired-trash.js';
import type { PurgeTask } from '../../application/tasks/purge-task.js';
import type { ReplaceTask } from '../../application/tasks/replace-task.js';
import type { RestoreTask } from '../../application/tasks/restore-task.js';
import type { SoftDeleteTask } from '../../application/tasks/soft-delete-task.js';
import type { ToggleTaskCompletion } from '../../application/tasks/toggle-task-completion.js';
import type { UpdateTask } from '../../application/tasks/update-task.js';
import type { TaskhexSettings } from './settings.js';

const id = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`taskhex.${name}`);

/** Every service identifier, typed, in one place. */
export const TOKENS = {
  Settings: id<TaskhexSettings>('Settings'),
  Orm: id<MikroORM>('Orm'),
  // ports
  TaskRepository: id<TaskRepository>('TaskRepository'),
  UserRepository: id<UserRepository>('UserRepository'),
  PasswordHasher: id<PasswordHasher>('PasswordHasher'),
  TokenIssuer: id<TokenIssuer>('TokenIssuer'),
  TokenVerifier: id<TokenVerifier>('TokenVerifier'),
  CursorCodec: id<CursorCodec>('CursorCodec'),
  IdempotencyStore: id<IdempotencyStore>('IdempotencyStore'),
  Clock: id<Clock>('Clock'),
  IdGenerator: id<IdGenerator>('IdGenerator'),
  // use cases
  RegisterUser: id<RegisterUser>('RegisterUser'),
  LogIn: id<LogIn>('LogIn'),
  GetCurrentUser: id<GetCurrentUser>('GetCurrentUser'),
  DeleteAccount: id<DeleteAccount>('DeleteAccount'),
  ResolveActor: id<ResolveActor>('ResolveActor'),
  CreateTask: id<CreateTask>('CreateTask'),
  GetTask: id<GetTask>('GetTask'),
  ListTasks: id<ListTasks>('ListTasks'),
  ListTrash: id<ListTasks>('ListTrash'),
  ReplaceTask: id<ReplaceTask>('ReplaceTask'),
  UpdateTask: id<UpdateTask>('UpdateTask'),
  ToggleTaskCompletion: id<ToggleTaskCompletion>('ToggleTaskCompletion'),
  SoftDeleteTask: id<SoftDeleteTask>('SoftDeleteTask'),
  RestoreTask: id<RestoreTask>('RestoreTask'),
  PurgeTask: id<PurgeTask>('PurgeTask'),
  CreateTaskIdempotently: id<CreateTaskIdempotently>('CreateTaskIdempotently'),
  PurgeExpiredTrash: id<PurgeExpiredTrash>('PurgeExpiredTrash'),
} as const;
