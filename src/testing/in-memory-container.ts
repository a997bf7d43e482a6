import { Container } from 'inversify';
import type { Clock } from '../application/ports/clock.js';
import type { IdGenerator } from '../application/ports/id-generator.js';
import { applicationModule } from '../infrastructure/container/application-module.js';
import type { TaskhexSettings } from '../infrastructure/container/settings.js';
import { TOKENS } from '../infrastructure/container/tokens.js';
import { FakeTokens, FixedClock, PlainCursorCodec, PlainTextPasswordHasher, SequentialIds } from './fakes.js';
import { InMemoryIdempotencyStore } from './in-memory-idempotency-store.js';
import { InMemoryTaskRepository } from './in-memory-task-repository.js';
import { InMemoryUserRepository } from './in-memory-user-repository.js';

export interface InMemoryContainerOptions {
  readonly clock?: Clock | undefined;
  readonly ids?: IdGenerator | undefined;
  readonly autoProvision?: boolean | undefined;
}

/**
 * The test-only composition root: every port bound to an in-memory fake, and the use cases bound by
 * the production `applicationModule` itself, so the wiring is the real one minus the database, bcrypt
 * and JWT. Nothing here opens a connection.
 */
export function buildInMemoryContainer(options: InMemoryContainerOptions = {}) {
  const tasksStore: InMemoryTaskRepository = new InMemoryTaskRepository({ ownerExists: (id) => usersStore.has(id) });
  const usersStore: InMemoryUserRepository = new InMemoryUserRepository({ onDelete: (id) => tasksStore.deleteOwnedBy(id) });
  const idempotencyStore = new InMemoryIdempotencyStore();
  const tokens = new FakeTokens();
  const clock = options.clock ?? new FixedClock();
  const ids = options.ids ?? new SequentialIds();
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
  container.bind(TOKENS.IdempotencyStore).toConstantValue(idempotencyStore);
  container.bind(TOKENS.PasswordHasher).toConstantValue(new PlainTextPasswordHasher());
  container.bind(TOKENS.TokenIssuer).toConstantValue(tokens);
  container.bind(TOKENS.TokenVerifier).toConstantValue(tokens);
  container.bind(TOKENS.CursorCodec).toConstantValue(new PlainCursorCodec());
  container.bind(TOKENS.Clock).toConstantValue(clock);
  container.bind(TOKENS.IdGenerator).toConstantValue(ids);
  container.load(applicationModule);
  return { container, tasksStore, usersStore, idempotencyStore, tokens, clock, ids };
}
