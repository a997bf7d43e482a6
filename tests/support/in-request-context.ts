import type { MikroORM } from '@mikro-orm/core';
import { withRequestContext } from '../../src/infrastructure/persistence/request-context.js';

/**
 * Runs every method of an adapter in its own request context (its own fork of the entity manager, made
 * on first use), as each HTTP request does; concurrent calls get separate forks and connections.
 */
export function inRequestContext<T extends object>(orm: MikroORM, adapter: T): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => withRequestContext(orm.em, () => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
