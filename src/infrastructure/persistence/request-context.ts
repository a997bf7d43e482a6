import type { AsyncLocalStorage } from 'node:async_hooks';
import { RequestContext, TransactionContext, type EntityManager } from '@mikro-orm/core';

/**
 * MikroORM's RequestContext, with the fork made the first time something asks for it rather than up
 * front. Most requests only run plain statements (a task by id, a page of tasks) and never touch the
 * fork; making one anyway cost about a tenth of the CPU of a GET by id (bench/optimisations.md).
 */
class LazyForks extends Map<string, EntityManager> {
  private forking = false;

  constructor(private readonly root: EntityManager) {
    super();
  }

  override get(name: string): EntityManager | undefined {
    let fork = super.get(name);
    if (fork === undefined && name === this.root.name && !this.forking) {
      // The fork's constructor asks for its context; answering "none" then makes it use itself, as
      // it does when RequestContext.create forks before entering the context.
      this.forking = true;
      try {
        fork = this.root.fork({ useContext: true, disableContextResolution: true });
      } finally {
        this.forking = false;
      }
      super.set(name, fork);
    }
    return fork;
  }

  /** The fork if one was made, without making it. */
  peek(name: string): EntityManager | undefined {
    return super.get(name);
  }
}

// RequestContext.create runs its context in this static AsyncLocalStorage; the typings mark it private,
// but it is the one the global entity manager reads, so a context run in it is a request context.
const storage = (RequestContext as unknown as { storage: AsyncLocalStorage<RequestContext> }).storage;

/** Runs `work` in a request context of its own: the global em resolves to a fork private to it. */
export function withRequestContext<T>(em: EntityManager, work: () => T): T {
  return storage.run(new RequestContext(new LazyForks(em)), work);
}

/**
 * The transaction a statement through `em` must join, as `em.getTransactionContext()` finds it, but
 * without making the request's fork when there is none yet (a fork that does not exist is in no transaction).
 */
export function currentTransaction(em: EntityManager): ReturnType<EntityManager['getTransactionContext']> {
  if (em.global) {
    const transactional = TransactionContext.getEntityManager(em.name);
    if (transactional) return transactional.getTransactionContext();
    const forks = RequestContext.currentRequestContext()?.map;
    if (forks instanceof LazyForks) return forks.peek(em.name)?.getTransactionContext();
  }
  return em.getTransactionContext();
}
