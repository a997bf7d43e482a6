import { afterAll, beforeAll } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroOrmUserRepository } from '../../src/infrastructure/persistence/mikro-orm-user-repository.js';
import { userRepositoryContract } from '../contract/user-repository.contract.js';
import { inRequestContext } from '../support/in-request-context.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

// Each call runs in its own RequestContext, so the concurrency tests of the contract race separate
// transactions on separate connections, as concurrent HTTP requests do.
userRepositoryContract('MikroORM on PostgreSQL', () => ({
  users: inRequestContext(db.orm, new MikroOrmUserRepository(db.orm.em as EntityManager)),
  reset: () => db.truncate(),
}));
