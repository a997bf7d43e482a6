import Router from '@koa/router';

/**
 * Every router of the app is made here. Paths are case-sensitive (contract): `/API/V1/tasks` is an
 * unknown route. The routers themselves decide which route (and so which guards) a request reaches,
 * so nothing can match a route while skipping the middleware attached to it.
 */
export function caseSensitiveRouter(prefix?: string): Router {
  return new Router({ sensitive: true, ...(prefix === undefined ? {} : { prefix }) });
}
