import type { Clock } from '../application/ports/clock.js';
import type { IdGenerator } from '../application/ports/id-generator.js';
import { taskhexCalls, type TaskhexCalls, type UnitOfWork } from '../interfaces/library/taskhex-calls.js';
import type { Taskhex } from '../interfaces/library/taskhex.js';
import { buildInMemoryContainer } from './in-memory-container.js';
import type { InMemoryTaskRepository } from './in-memory-task-repository.js';
import type { InMemoryUserRepository } from './in-memory-user-repository.js';

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
  const { container, tasksStore, usersStore } = buildInMemoryContainer(options);

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
