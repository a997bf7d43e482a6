import type { Middleware } from 'koa';
import type { ResolvedActor } from '../../../application/auth/resolve-actor.js';
import { UserForbidden } from '../../../domain/user/user-errors.js';

/**
 * `/api/{user_id}/…` must name the caller: their Taskhex id or the subject their token carries.
 * Anything else is a 403, never a 422, whatever it looks like. Runs after authentication (401 first).
 */
export function requirePathUser(): Middleware {
  return async (ctx, next) => {
    const actor = ctx.state.actor as ResolvedActor;
    const named = ctx.params.user_id;
    if (named !== actor.userId && named !== actor.subject) throw new UserForbidden();
    await next();
  };
}
