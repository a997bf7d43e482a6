import { createTaskhex, type Taskhex } from '../../src/index.js';
import { TEST_SECRET } from '../support/http-harness.js';
import type { TestDatabase } from '../support/test-database.js';

/** A Taskhex on the test database's own ORM, as a host that owns its ORM would build it. */
export function taskhexOn(db: TestDatabase): Promise<Taskhex> {
  return createTaskhex({ orm: db.orm, secret: TEST_SECRET, bcryptCost: 4 });
}

export const PASSWORD = 'correct horse battery';
let seq = 0;
export const email = () => `lib${++seq}-${Date.now()}@example.com`;

/** What a rejected promise was rejected with, for asserting on its `code`. */
export async function failure(p: Promise<unknown>): Promise<{ code?: string; name?: string; errors?: unknown }> {
  try {
    await p;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected the call to fail');
}
