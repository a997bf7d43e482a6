import { Container } from 'inversify';
import type { Clock } from '../application/ports/clock.js';
import type { IdGenerator } from '../application/ports/id-generator.js';
import { applicationModule } from '../infrastructure/container/application-module.js';
import type { TaskhexSettings } from '../infrastructure/container/settings.js';
import { TOKENS } from '../infrastructure/container/tokens.js';
import { taskhexCalls, type TaskhexCalls, type UnitOfWork } from '../interfaces/library/taskhex-calls.js';
import type { Taskhex } from '../interfaces/library/taskhex.js';
import { FakeTokens, FixedClock, PlainCursorCodec, PlainTextPasswordHasher, SequentialIds } from './fakes.js';
import { InMemoryTaskRepository } from './in-memory-task-repository.js';
import { InMemoryUserRepository } from './in-memory-user-repository.js';

export interface InMemoryTaskhexOptions {
  /** Default: a FixedClock at 2026-01-01T00:00:00Z that moves only when told to. */
  readonly clock?: Clock | undefined;
  /** Default: SequentialIds (…-000000000001, …02, …). */
  readonly ids?: IdGenerator | undefined;
  readonly autoProvision?: boolean | undefined;
}

export interface InMemoryTaskhex extends Taskhex {
  /** The stores behind it, for arranging and asserting in tests. */
  readonly tasksStore: InMemoryTaskRepository;
  readonly usersStore: InMemoryUserRepository;
}

/**
 * The library's API on in-memory fakes of every port, wired through the same application module as
 * the real container: the same validation, rules and error codes, no database. Tokens are
 * `token-for:<userId>`, passwords are kept as plain text (tests only). A transaction snapshots the
 * stores and puts them back when its function throws; calls made concurrently outside it are put back
 * too, so keep tests that use transactions sequential.
 */
export function createInMemoryTaskhex(options: InMemoryTaskhexOptions = {}): InMemoryTaskhex {
  const tasksStore: InMemoryTaskRepository = new InMemoryTaskRepository({ ownerExists: (id) => usersStore.has(id) });
  const usersStore: InMemoryUserRepository = new InMemoryUserRepository({ onDelete: (id) => tasksStore.deleteOwnedBy(id) });
  const tokens = new FakeTokens();
  const settings: TaskhexSettings = {
    secret: 'in-memory-taskhex-has-no-real-secret',
    tokenLifetimeSeconds: 3600,
    autoProvision: options.autoProvision ?? false,
    bcryptCost: 4,
  };

  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Settings).toConstantValue(settings);
  container.bind(TOKENS.TaskRepository).toConstantValue(tasksStore);
  container.bind(TOKENS.UserRepository).toConstantValue(usersStore);
  container.bind(TOKENS.PasswordHasher).toConstantValue(new PlainTextPasswordHasher());
  container.bind(TOKENS.TokenIssuer).toConstantValue(tokens);
  container.bind(TOKENS.TokenVerifier).toConstantValue(tokens);
  container.bind(TOKENS.CursorCodec).toConstantValue(new PlainCursorCodec());
  container.bind(TOKENS.Clock).toConstantValue(options.clock ?? new FixedClock());
  container.bind(TOKENS.IdGenerator).toConstantValue(options.ids ?? new SequentialIds());
  container.load(applicationModule);

  const direct: UnitOfWork = (work) => work();
  return {
    ...taskhexCalls(container, direct),
    tasksStore,
    usersStore,
    transaction: async <T>(fn: (tx: TaskhexCalls) => Promise<T>): Promise<T> => {
      const restoreTasks = tasksStore.snapshot();
      const restoreUsers = usersStore.snapshot();
      let open = true;
      const tx = taskhexCalls(container, (work) =>
        open ? work() : Promise.reject(new Error('This Taskhex transaction is over; make calls inside its function.')),
      );
      try {
        return await fn(tx);
      } catch (error) {
        restoreTasks();
        restoreUsers();
        throw error;
      } finally {
        open = false;
      }
    },
    close: async () => {},
  };
}
