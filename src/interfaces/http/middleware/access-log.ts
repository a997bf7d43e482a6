import type { Logger } from 'pino';
import type { Middleware } from 'koa';

/**
 * One line per request: method, route, status, duration, request id. Never headers or bodies, so no
 * password, token or cookie can reach the log.
 *
 * `ctx.state.log()` (the request's child logger, for errors) is built on first call: a pino child with
 * redaction costs more than the line itself, and most requests never log anything else. The access
 * line carries the request id itself, so it needs no child.
 */
export function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    let child: Logger | undefined;
    ctx.state.log = () => (child ??= logger.child({ request_id: ctx.state.requestId }));
    try {
      await next();
    } finally {
      const level = ctx.status >= 500 ? 'error' : 'info';
      if (logger.isLevelEnabled(level)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const line = {
          request_id: ctx.state.requestId,
          method: ctx.method,
          route: ctx._matchedRoute ?? null,
          path: ctx.path,
          status: ctx.status,
          duration_ms: Math.round(ms * 10) / 10,
          user_id: ctx.state.actor?.userId,
        };
        if (level === 'error') logger.error(line, 'request failed');
        else logger.info(line, 'request');
      }
    }
  };
}
