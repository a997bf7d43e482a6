import { RequestContext, type MikroORM } from '@mikro-orm/core';
import type { Middleware } from 'koa';

/** A fork of the entity manager per request; adapters holding the global em resolve to it. */
export function ormContext(orm: MikroORM): Middleware {
  return (_ctx, next) => RequestContext.create(orm.em, next);
}
