import cors from '@koa/cors';
import type { Middleware } from 'koa';

/**
 * Credentials are allowed only for origins on the allow-list; never `*` with credentials. A request
 * without an Origin header is not a CORS request: it only gets `Vary: Origin` (as @koa/cors gives it),
 * without a trip through @koa/cors's asynchronous origin check.
 */
export function corsAllowList(origins: readonly string[]): Middleware {
  const handle = cors({
    origin: (ctx) => (origins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: [
      'ETag',
      'Location',
      'Idempotent-Replayed',
      'X-Request-Id',
      'X-Total-Count',
      'Link',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
    maxAge: 600,
  });
  return (ctx, next) => {
    if (ctx.get('Origin') !== '') return handle(ctx, next);
    ctx.vary('Origin');
    return next();
  };
}
