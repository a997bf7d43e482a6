import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { withRequestContext } from '../../infrastructure/persistence/request-context.js';
import type { UnitOfWork } from './taskhex-calls.js';

/**
 * Outside a transaction, a call gets its own request context (the global em throws without one).
 * Inside one — Taskhex's own, or a host's `em.transactional(...)` — it joins it.
 */
export function ormUnitOfWork(orm: MikroORM): UnitOfWork {
  return (work) => {
    const current = orm.em.getContext(false);
    if (current !== orm.em && current.isInTransaction()) return inTransaction(current, work);
    return withRequestContext(orm.em, work);
  };
}

const queues = new WeakMap<object, Promise<unknown>>();

/**
 * One call inside the transaction `tx`, as a savepoint: a call that fails undoes only its own writes
 * and leaves the transaction usable (PostgreSQL aborts a whole transaction after a failed statement,
 * e.g. a duplicate e-mail). Savepoints on one connection must nest, not interleave, so calls in the
 * same transaction run one at a time even when the caller starts them together.
 */
export function inTransaction<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
  const key = (tx.getTransactionContext() as object | undefined) ?? tx;
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(() => tx.transactional(() => work()));
  queues.set(
    key,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}
