import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Email } from '../../src/domain/user/email.js';
import { User } from '../../src/domain/user/user.js';
import { MikroOrmTaskRepository } from '../../src/infrastructure/persistence/mikro-orm-task-repository.js';
import { MikroOrmUserRepository } from '../../src/infrastructure/persistence/mikro-orm-user-repository.js';
import { taskRepositoryContract } from '../contract/task-repository.contract.js';
import { inRequestContext } from '../support/in-request-context.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

taskRepositoryContract('MikroORM on PostgreSQL', () => {
  const em = db.orm.em as EntityManager;
  const users = inRequestContext(db.orm, new MikroOrmUserRepository(em));
  return {
    tasks: inRequestContext(db.orm, new MikroOrmTaskRepository(em)),
    createOwner: async () => {
      // tasks.user_id is a foreign key: owners must be real users.
      const id = randomUUID();
      await users.insert(User.register({ id, email: Email.parse(`${id}@example.com`), passwordHash: 'x', now: new Date() }));
      return id;
    },
    reset: () => db.truncate(),
  };
});
