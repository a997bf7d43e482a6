import type { Middleware } from 'koa';
import type { ResolveActor, ResolvedActor } from '../../../application/auth/resolve-actor.js';
import type { TokenVerifier } from '../../../application/ports/token-service.js';
import { TokenExpired, Unauthenticated } from '../../../domain/user/user-errors.js';
import { csrfRefused } from '../http-errors.js';

export const ACCESS_TOKEN_COOKIE = 'access_token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthDeps {
  readonly verifier: TokenVerifier;
  readonly resolveActor: ResolveActor;
  readonly allowedOrigins: readonly string[];
}

/**
 * Who is calling: a Bearer token, else the access_token cookie. A cookie is sent by the browser on its
 * own, so an unsafe request that relies on it must come from an allowed origin (CSRF defence).
 */
export function authenticate(deps: AuthDeps): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(header)?.[1];
    const cookie = bearer ? undefined : ctx.cookies.get(ACCESS_TOKEN_COOKIE);
    const token = bearer ?? cookie;
    if (!token) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw new Unauthenticated(header ? 'The Authorization header must be "Bearer <token>".' : 'Authentication is required.');
    }
    if (cookie && UNSAFE.has(ctx.method) && !deps.allowedOrigins.includes(ctx.get('Origin'))) throw csrfRefused();

    let actor: ResolvedActor;
    try {
      actor = await deps.resolveActor.execute(await deps.verifier.verify(token));
    } catch (error) {
      // RFC 6750: every 401 names the scheme, including a valid token whose user no longer exists.
      if (error instanceof Unauthenticated || error instanceof TokenExpired) {
        ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      }
      throw error;
    }
    ctx.state.actor = actor;
    // Authenticated data is per user: never let a shared cache keep it.
    ctx.set('Cache-Control', 'no-store');
    // Appended, not set: CORS has already put Origin there.
    ctx.vary(['Authorization', 'Cookie']);
    await next();
  };
}
