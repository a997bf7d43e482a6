import type { Logger } from 'pino';
import type { Middleware } from 'koa';

/**
 * One line per request: method, route, status, duration, request id. Never headers or bodies, so no
 * password, token or cookie can reach the log.
 */
export function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    ctx.state.log = logger.child({ request_id: ctx.state.requestId });
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: ctx.method,
        route: ctx._matchedRoute ?? null,
        path: ctx.path,
        status: ctx.status,
        duration_ms: Math.round(ms * 10) / 10,
        user_id: ctx.state.actor?.userId,
      };
      if (ctx.status >= 500) ctx.state.log.error(line, 'request failed');
      else ctx.state.log.info(line, 'request');
    }
  };
}
