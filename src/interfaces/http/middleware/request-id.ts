import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

// Echo a caller's id only when it is short and plain, so it is safe in logs and headers.
const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(): Middleware {
  // Not async: a middleware that only sets things and returns next() adds no promise of its own.
  return (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = SANE.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    return next();
  };
}
