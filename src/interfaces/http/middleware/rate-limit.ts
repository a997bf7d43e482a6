import type { Context, Middleware } from 'koa';
import type { RateLimiter } from '../../../infrastructure/rate-limit/rate-limiter.js';
import type { RateLimiters } from '../../../infrastructure/rate-limit/rate-limiters.js';
import { rateLimited } from '../http-errors.js';

/**
 * Consumes one request from the caller's budget. Limited responses carry RateLimit-Limit,
 * RateLimit-Remaining and RateLimit-Reset whether they succeed or fail; over budget is a 429 with
 * Retry-After. The headers are set before the handler runs so error responses keep them.
 */
export function rateLimit(limiter: RateLimiter, keyOf: (ctx: Context) => string): Middleware {
  return async (ctx, next) => {
    const decision = await limiter.consume(keyOf(ctx));
    const headers = {
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(decision.resetSeconds),
    };
    ctx.set(headers);
    if (!decision.allowed) throw rateLimited({ ...headers, 'Retry-After': String(decision.resetSeconds) });
    await next();
  };
}

/** The guards createApp takes: per user after authentication, per client address on public auth routes. */
export function rateLimitGuards(limiters: Pick<RateLimiters, 'perUser' | 'perAddress'>): {
  userGuards: Middleware[];
  publicGuards: Middleware[];
} {
  return {
    userGuards: [rateLimit(limiters.perUser, (ctx) => `user:${(ctx.state.actor as { userId: string }).userId}`)],
    // ctx.ip honours X-Forwarded-For only when the app trusts its proxy (TRUST_PROXY).
    publicGuards: [rateLimit(limiters.perAddress, (ctx) => `addr:${ctx.ip || 'unknown'}`)],
  };
}
