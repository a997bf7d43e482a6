import type { MikroORM } from '@mikro-orm/core';
import type { Middleware } from 'koa';
import { withRequestContext } from '../../../infrastructure/persistence/request-context.js';

/** A fork of the entity manager per request (made on first use); adapters holding the global em resolve to it. */
export function ormContext(orm: MikroORM): Middleware {
  return (_ctx, next) => withRequestContext(orm.em, next);
}
