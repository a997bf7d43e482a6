import { ContainerModule } from 'inversify';
import { DeleteAccount } from '../../application/auth/delete-account.js';
import { GetCurrentUser } from '../../application/auth/get-current-user.js';
import { LogIn } from '../../application/auth/log-in.js';
import { RegisterUser } from '../../application/auth/register-user.js';
import { ResolveActor } from '../../application/auth/resolve-actor.js';
import { CreateTask } from '../../application/tasks/create-task.js';
import { CreateTaskIdempotently } from '../../application/tasks/create-task-idempotently.js';
import { GetTask } from '../../application/tasks/get-task.js';
import { ListTasks } from '../../application/tasks/list-tasks.js';
import { PurgeExpiredTrash } from '../../application/tasks/purge-expired-trash.js';
import { PurgeTask } from '../../application/tasks/purge-task.js';
import { ReplaceTask } from '../../application/tasks/replace-task.js';
import { RestoreTask } from '../../application/tasks/restore-task.js';
import { SoftDeleteTask } from '../../application/tasks/soft-delete-task.js';
import { ToggleTaskCompletion } from '../../application/tasks/toggle-task-completion.js';
import { UpdateTask } from '../../application/tasks/update-task.js';
import type { TaskhexSettings } from './settings.js';
import { TOKENS } from './tokens.js';

/**
 * The use cases, bound to whatever serves the ports. Kept apart from the adapter modules so that the
 * in-memory kit (src/testing) wires its fakes through the same bindings without loading any adapter.
 */
export const applicationModule = new ContainerModule(({ bind }) => {
  const T = TOKENS;
  bind(T.RegisterUser)
    .toResolvedValue((u, h, t, i, c) => new RegisterUser(u, h, t, i, c), [
      T.UserRepository,
      T.PasswordHasher,
      T.TokenIssuer,
      T.IdGenerator,
      T.Clock,
    ])
    .inSingletonScope();
  bind(T.LogIn)
    .toResolvedValue((u, h, t) => new LogIn(u, h, t), [T.UserRepository, T.PasswordHasher, T.TokenIssuer])
    .inSingletonScope();
  bind(T.GetCurrentUser).toResolvedValue((u) => new GetCurrentUser(u), [T.UserRepository]).inSingletonScope();
  bind(T.DeleteAccount).toResolvedValue((u) => new DeleteAccount(u), [T.UserRepository]).inSingletonScope();
  bind(T.ResolveActor)
    .toResolvedValue(
      (u, i, c, s: TaskhexSettings) => new ResolveActor(u, i, c, { autoProvision: s.autoProvision }),
      [T.UserRepository, T.IdGenerator, T.Clock, T.Settings],
    )
    .inSingletonScope();

  bind(T.CreateTask)
    .toResolvedValue((r, i, c) => new CreateTask(r, i, c), [T.TaskRepository, T.IdGenerator, T.Clock])
    .inSingletonScope();
  bind(T.GetTask).toResolvedValue((r) => new GetTask(r), [T.TaskRepository]).inSingletonScope();
  bind(T.ListTasks)
    .toResolvedValue((r, k) => new ListTasks(r, k, 'active'), [T.TaskRepository, T.CursorCodec])
    .inSingletonScope();
  bind(T.ListTrash)
    .toResolvedValue((r, k) => new ListTasks(r, k, 'trash'), [T.TaskRepository, T.CursorCodec])
    .inSingletonScope();
  bind(T.ReplaceTask).toResolvedValue((r, c) => new ReplaceTask(r, c), [T.TaskRepository, T.Clock]).inSingletonScope();
  bind(T.UpdateTask).toResolvedValue((r, c) => new UpdateTask(r, c), [T.TaskRepository, T.Clock]).inSingletonScope();
  bind(T.ToggleTaskCompletion)
    .toResolvedValue((r, c) => new ToggleTaskCompletion(r, c), [T.TaskRepository, T.Clock])
    .inSingletonScope();
  bind(T.SoftDeleteTask)
    .toResolvedValue((r, c) => new SoftDeleteTask(r, c), [T.TaskRepository, T.Clock])
    .inSingletonScope();
  bind(T.RestoreTask).toResolvedValue((r, c) => new RestoreTask(r, c), [T.TaskRepository, T.Clock]).inSingletonScope();
  bind(T.PurgeTask).toResolvedValue((r) => new PurgeTask(r), [T.TaskRepository]).inSingletonScope();
  bind(T.CreateTaskIdempotently)
    .toResolvedValue((create, k, c) => new CreateTaskIdempotently(create, k, c), [T.CreateTask, T.IdempotencyStore, T.Clock])
    .inSingletonScope();
  bind(T.PurgeExpiredTrash)
    .toResolvedValue(
      (r, k, c, s: TaskhexSettings) => new PurgeExpiredTrash(r, k, c, { retentionDays: s.trashRetentionDays ?? 30 }),
      [T.TaskRepository, T.IdempotencyStore, T.Clock, T.Settings],
    )
    .inSingletonScope();
});
