import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RequestContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Task } from '../../src/domain/task/task.js';
import { Email } from '../../src/domain/user/email.js';
import { User } from '../../src/domain/user/user.js';
import { MikroOrmTaskRepository } from '../../src/infrastructure/persistence/mikro-orm-task-repository.js';
import { MikroOrmUserRepository } from '../../src/infrastructure/persistence/mikro-orm-user-repository.js';
import { withRequestContext } from '../../src/infrastructure/persistence/request-context.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The request context every HTTP request, library call and retention run gets: its fork is made on
// first use, and statements find the transaction they must join without making one.
let db: TestDatabase;
let em: EntityManager;
let tasks: MikroOrmTaskRepository;
let ownerId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  em = db.orm.em as EntityManager;
  tasks = new MikroOrmTaskRepository(em);
  ownerId = randomUUID();
  await withRequestContext(em, () =>
    new MikroOrmUserRepository(em).insert(
      User.register({ id: ownerId, email: Email.parse(`${ownerId}@example.com`), passwordHash: 'x', now: new Date() }),
    ),
  );
});
afterAll(async () => {
  await db.drop();
});

const newTask = (title: string) => Task.create({ id: randomUUID(), ownerId, title, now: new Date() });

describe('withRequestContext', () => {
  test('the global entity manager resolves to one fork per context, the same one throughout it', async () => {
    const seen = await Promise.all(
      [1, 2].map(() =>
        withRequestContext(em, async () => {
          const first = em.getContext();
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { first, later: em.getContext() };
        }),
      ),
    );
    for (const { first, later } of seen) {
      expect(first).not.toBe(em);
      expect(later).toBe(first);
    }
    expect(seen[0]!.first).not.toBe(seen[1]!.first);
    // Outside any context the global entity manager still refuses to be used.
    expect(() => em.getContext()).toThrow(/global EntityManager/);
  });

  test('plain statements run without making a fork', async () => {
    const task = newTask('read without a fork');
    await withRequestContext(em, () => tasks.insert(task));
    const forks = await withRequestContext(em, async () => {
      expect(await tasks.findById(task.id)).not.toBeNull();
      return RequestContext.currentRequestContext()!.map.size;
    });
    expect(forks).toBe(0);
  });

  test('a statement joins the transaction the request began on the global entity manager', async () => {
    const rolledBack = newTask('rolled back');
    const committed = newTask('committed');
    await withRequestContext(em, async () => {
      await em.begin();
      await tasks.insert(rolledBack);
      // Visible inside the transaction, so it ran on the transaction's connection.
      expect(await tasks.findById(rolledBack.id)).not.toBeNull();
      await em.rollback();
      await em.begin();
      await tasks.insert(committed);
      await em.commit();
    });
    await withRequestContext(em, async () => {
      expect(await tasks.findById(rolledBack.id)).toBeNull();
      expect(await tasks.findById(committed.id)).not.toBeNull();
    });
  });

  test('a statement joins em.transactional, whose failure undoes it', async () => {
    const task = newTask('undone');
    await expect(
      withRequestContext(em, () =>
        em.transactional(async () => {
          await tasks.insert(task);
          throw new Error('changed my mind');
        }),
      ),
    ).rejects.toThrow('changed my mind');
    expect(await withRequestContext(em, () => tasks.findById(task.id))).toBeNull();
  });
});
