// The `/testing` entry: in-memory fakes of every port, and the library API running on them, for hosts'
// unit tests. Loads no database, ORM or HTTP code.
export { createInMemoryTaskhex, type InMemoryTaskhex, type InMemoryTaskhexOptions } from './in-memory-taskhex.js';
export { InMemoryTaskRepository } from './in-memory-task-repository.js';
export { InMemoryUserRepository } from './in-memory-user-repository.js';
export { InMemoryIdempotencyStore } from './in-memory-idempotency-store.js';
export { buildInMemoryContainer, type InMemoryContainerOptions } from './in-memory-container.js';
export { FakeTokens, FixedClock, PlainCursorCodec, PlainTextPasswordHasher, SequentialIds } from './fakes.js';
export type { Clock } from '../application/ports/clock.js';
export type { CursorCodec } from '../application/ports/cursor-codec.js';
export type { IdGenerator } from '../application/ports/id-generator.js';
export type { PasswordHasher } from '../application/ports/password-hasher.js';
export type { TaskPage, TaskRepository } from '../application/ports/task-repository.js';
export type { IssuedToken, TokenIssuer, TokenVerifier, VerifiedClaims } from '../application/ports/token-service.js';
export type { UserRepository } from '../application/ports/user-repository.js';
export type { TaskListQuery as TaskListRequest } from '../application/tasks/task-list-query.js';
