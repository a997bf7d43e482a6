import { Container } from 'inversify';
import { applicationModule } from '../../src/infrastructure/container/modules.js';
import type { TaskhexSettings } from '../../src/infrastructure/container/settings.js';
import { TOKENS } from '../../src/infrastructure/container/tokens.js';
import { FakeTokens, FixedClock, PlainCursorCodec, PlainTextPasswordHasher, SequentialIds } from '../../src/testing/fakes.js';
import { InMemoryTaskRepository } from '../../src/testing/in-memory-task-repository.js';
import { InMemoryUserRepository } from '../../src/testing/in-memory-user-repository.js';

/**
 * The test-only composition root: every port bound to an in-memory fake of src/testing, and the use
 * cases bound by the production `applicationModule` itself, so the wiring under test is the real one
 * minus the database, bcrypt and JWT. Nothing here opens a connection.
 */
export function buildInMemoryContainer(settings: Partial<TaskhexSettings> = {}) {
  const fakes = {
    tasks: new InMemoryTaskRepository(),
    users: new InMemoryUserRepository(),
    clock: new FixedClock(),
    ids: new SequentialIds(),
    tokens: new FakeTokens(),
  };
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Settings).toConstantValue({
    secret: 'unused-by-fakes',
    tokenLifetimeSeconds: 3600,
    autoProvision: false,
    bcryptCost: 4,
    ...settings,
  });
  container.bind(TOKENS.TaskRepository).toConstantValue(fakes.tasks);
  container.bind(TOKENS.UserRepository).toConstantValue(fakes.users);
  container.bind(TOKENS.Clock).toConstantValue(fakes.clock);
  container.bind(TOKENS.IdGenerator).toConstantValue(fakes.ids);
  container.bind(TOKENS.TokenIssuer).toConstantValue(fakes.tokens);
  container.bind(TOKENS.TokenVerifier).toConstantValue(fakes.tokens);
  container.bind(TOKENS.PasswordHasher).toConstantValue(new PlainTextPasswordHasher());
  container.bind(TOKENS.CursorCodec).toConstantValue(new PlainCursorCodec());
  container.load(applicationModule);
  return { container, fakes };
}
