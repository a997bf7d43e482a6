import { ContainerModule } from 'inversify';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DeleteAccount } from '../../application/auth/delete-account.js';
import { GetCurrentUser } from '../../application/auth/get-current-user.js';
import { LogIn } from '../../application/auth/log-in.js';
import { RegisterUser } from '../../application/auth/register-user.js';
import { ResolveActor } from '../../application/auth/resolve-actor.js';
import { CreateTask } from '../../application/tasks/create-task.js';
import { GetTask } from '../../application/tasks/get-task.js';
import { ListTasks } from '../../application/tasks/list-tasks.js';
import { PurgeTask } from '../../application/tasks/purge-task.js';
import { ReplaceTask } from '../../application/tasks/replace-task.js';
import { RestoreTask } from '../../application/tasks/restore-task.js';
import { SoftDeleteTask } from '../../application/tasks/soft-delete-task.js';
import { ToggleTaskCompletion } from '../../application/tasks/toggle-task-completion.js';
import { UpdateTask } from '../../application/tasks/update-task.js';
import { MikroOrmTaskRepository } from '../persistence/mikro-orm-task-repository.js';
import { MikroOrmUserRepository } from '../persistence/mikro-orm-user-repository.js';
import { CachingUserRepository } from '../persistence/caching-user-repository.js';
import { BcryptPasswordHasher } from '../security/bcrypt-password-hasher.js';
import { HmacCursorCodec } from '../security/hmac-cursor-codec.js';
import { Hs256TokenService } from '../security/hs256-token-service.js';
import { JwksTokenVerifier } from '../security/jwks-token-verifier.js';
import { AlgorithmRoutingTokenVerifier } from '../security/token-verifier.js';
import { SystemClock } from '../system/system-clock.js';
import { UuidGenerator } from '../system/uuid-generator.js';
import type { TaskhexSettings } from './settings.js';
import { TOKENS } from './tokens.js';

/**
 * The repositories hold the ORM's global EntityManager, which resolves to the current request's (or
 * transaction's) fork through AsyncLocalStorage; so they are singletons and need no request scope.
 */
/** How long a found user is trusted without asking the database (see CachingUserRepository). */
const USER_CACHE_TTL_MS = 5_000;
const USER_CACHE_MAX_ENTRIES = 10_000;

export const persistenceModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.TaskRepository)
    .toResolvedValue((orm) => new MikroOrmTaskRepository(orm.em as EntityManager), [TOKENS.Orm])
    .inSingletonScope();
  bind(TOKENS.UserRepository)
    .toResolvedValue(
      (orm) =>
        new CachingUserRepository(new MikroOrmUserRepository(orm.em as EntityManager), {
          ttlMs: USER_CACHE_TTL_MS,
          maxEntries: USER_CACHE_MAX_ENTRIES,
        }),
      [TOKENS.Orm],
    )
    .inSingletonScope();
});

export const securityModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.PasswordHasher)
    .toResolvedValue((s: TaskhexSettings) => new BcryptPasswordHasher(s.bcryptCost), [TOKENS.Settings])
    .inSingletonScope();
  const hs256 = Symbol('Hs256TokenService');
  bind<Hs256TokenService>(hs256)
    .toResolvedValue(
      (s: TaskhexSettings) =>
        new Hs256TokenService({
          secret: s.secret,
          expiresInSeconds: s.tokenLifetimeSeconds,
          // With a JWKS front end, JWT_ISSUER/JWT_AUDIENCE describe its tokens, not Taskhex's own.
          issuer: s.jwksUrl ? undefined : s.jwtIssuer,
          audience: s.jwksUrl ? undefined : s.jwtAudience,
        }),
      [TOKENS.Settings],
    )
    .inSingletonScope();
  bind(TOKENS.TokenIssuer).toService(hs256);
  bind(TOKENS.TokenVerifier)
    .toResolvedValue(
      (s: TaskhexSettings, hs: Hs256TokenService) =>
        new AlgorithmRoutingTokenVerifier(
          hs,
          s.jwksUrl ? new JwksTokenVerifier({ jwksUrl: s.jwksUrl, issuer: s.jwtIssuer, audience: s.jwtAudience }) : undefined,
        ),
      [TOKENS.Settings, hs256],
    )
    .inSingletonScope();
  bind(TOKENS.CursorCodec)
    .toResolvedValue((s: TaskhexSettings) => new HmacCursorCodec(s.secret), [TOKENS.Settings])
    .inSingletonScope();
});

export const systemModule = new ContainerModule(({ bind, isBound }) => {
  if (!isBound(TOKENS.Clock)) bind(TOKENS.Clock).toConstantValue(new SystemClock());
  if (!isBound(TOKENS.IdGenerator)) bind(TOKENS.IdGenerator).toConstantValue(new UuidGenerator());
});

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
});
