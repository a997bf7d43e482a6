import type { Middleware } from 'koa';
import { toProblem } from '../problem-details.js';

/**
 * Head of the chain: every error below becomes an RFC 9457 problem. Unexpected ones are logged with
 * the request id and answered with a generic 500; nothing internal reaches the client.
 */
export function problemErrors(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const { problem, headers, unexpected } = toProblem(error);
      if (unexpected) ctx.app.emit('error', error, ctx);
      else if (problem.status === 503) ctx.state.log?.().warn({ err: error }, 'database unavailable');
      ctx.status = problem.status;
      ctx.set(headers);
      ctx.type = 'application/problem+json';
      ctx.body = { ...problem, request_id: ctx.state.requestId };
    }
  };
}
