import type Koa from 'koa';
import type Router from '@koa/router';

/**
 * Every "METHOD /path" the app routes, read from the @koa/router instances it mounted (each
 * `router.routes()` middleware carries its router). Paths use OpenAPI's `{param}` form; HEAD is left
 * out where GET exists (Koa answers it from GET), and method-less layers (router.use) are skipped.
 */
export function appRoutes(app: Koa): string[] {
  const routes = new Set<string>();
  for (const middleware of app.middleware) {
    const router = (middleware as { router?: Router }).router;
    if (!router) continue;
    for (const layer of router.stack) {
      const methods = layer.methods.filter((m) => !(m === 'HEAD' && layer.methods.includes('GET')));
      const path = String(layer.path).replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/(.)\/$/, '$1');
      for (const method of methods) routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}
