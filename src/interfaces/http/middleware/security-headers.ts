import type { Middleware } from 'koa';

const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Security headers on every response; the docs page sets its own, looser CSP. */
export function securityHeaders(): Middleware {
  // Not async: it only sets headers, so returning next() spares a promise per request.
  return (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
    ctx.set('Content-Security-Policy', STRICT_CSP);
    ctx.remove('X-Powered-By');
    return next();
  };
}
