import { RequestContext, type MikroORM } from '@mikro-orm/core';

/**
 * Runs every method of an adapter in its own RequestContext (a fresh fork of the entity manager),
 * as each HTTP request does; concurrent calls get separate forks and connections.
 */
export function inRequestContext<T extends object>(orm: MikroORM, adapter: T): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => RequestContext.create(orm.em, () => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
