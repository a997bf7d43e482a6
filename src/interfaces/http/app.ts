import type Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import type { Container } from 'inversify';
import type { Logger } from 'pino';
import { TOKENS } from '../../infrastructure/container/tokens.js';
import { briefSurface } from './brief/brief-surface.js';
import { requirePathUser } from './brief/path-user.js';
import { routeNotFound } from './http-errors.js';
import { accessLog } from './middleware/access-log.js';
import { authenticate } from './middleware/authenticate.js';
import { corsAllowList } from './middleware/cors.js';
import { jsonBody } from './middleware/json-body.js';
import { ormContext } from './middleware/orm-context.js';
import { problemErrors } from './middleware/problem-errors.js';
import { requestId } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { authRoutes } from './routes/auth.routes.js';
import { openApiRoutes } from './openapi/openapi.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { v1Surface } from './routes/task-surface.js';
import { taskUseCases } from './routes/task-use-cases.js';
import { taskRoutes } from './routes/tasks.routes.js';

export interface HttpOptions {
  readonly corsOrigins: readonly string[];
  readonly cookieSecure: boolean;
  readonly bodyLimitBytes: number;
  readonly aliasListShape: 'object' | 'array';
  readonly trustProxy: boolean;
  /** Extra guards: per-user limit after authentication, per-address limit on the public auth routes. */
  readonly userGuards?: Middleware[] | undefined;
  readonly publicGuards?: Middleware[] | undefined;
}

/** Builds the Koa application from a composition root. It does not listen; the caller decides. */
export function createApp(container: Container, logger: Logger, options: HttpOptions): Koa {
  // Behind a trusted proxy, the client is the last X-Forwarded-For entry (the one the proxy appended);
  // entries before it are whatever the client chose to send.
  const app = new Koa({ proxy: options.trustProxy, maxIpsCount: 1 });
  const orm = container.get(TOKENS.Orm);
  const auth = authenticate({
    verifier: container.get(TOKENS.TokenVerifier),
    resolveActor: container.get(TOKENS.ResolveActor),
    allowedOrigins: options.corsOrigins,
  });
  const signedIn = [auth, ...(options.userGuards ?? [])];
  const useCases = taskUseCases(container);

  // Each router is tried only for paths under its prefix (matched as @koa/router does: case-insensitive),
  // so a request does not run every router's route list.
  const routers: [RegExp, Router][] = [
    [/^\/(healthz|readyz)(\/|$)/i, healthRoutes(orm)],
    [
      /^\/(openapi\.json|docs)(\/|$)/i,
      openApiRoutes({ aliasListShape: options.aliasListShape, bodyLimitBytes: options.bodyLimitBytes }),
    ],
    [
      /^\/api\/v1\/auth(\/|$)/i,
      authRoutes(container, {
        cookieSecure: options.cookieSecure,
        authenticate: compose(signedIn),
        publicGuards: options.publicGuards ?? [],
      }),
    ],
    [/^\/api\/v1\/tasks(\/|$)/i, taskRoutes('/api/v1/tasks', v1Surface, useCases, signedIn)],
    [
      /^\/api\/[^/]+\/tasks(\/|$)/i,
      taskRoutes('/api/:user_id/tasks', briefSurface(options.aliasListShape), useCases, [
        notV1(),
        ...signedIn,
        requirePathUser(),
      ]),
    ],
  ];

  app.use(requestId());
  app.use(accessLog(logger));
  app.use(securityHeaders());
  app.use(problemErrors());
  app.use(corsAllowList(options.corsOrigins));
  app.use(ormContext(orm));
  app.use(jsonBody(options.bodyLimitBytes));
  for (const [prefix, router] of routers) app.use(underPrefix(prefix, router.routes() as unknown as Middleware & { router: Router }));
  app.use(() => {
    throw routeNotFound();
  });

  app.on('error', (error: unknown, ctx?: Koa.Context) => {
    (ctx?.state.log?.() ?? logger).error({ err: error }, 'unexpected error');
  });
  return app;
}

/** Keeps the `router` property @koa/router puts on its middleware, which route listings read. */
function underPrefix(prefix: RegExp, routes: Middleware & { router?: Router }): Middleware {
  const guarded: Middleware = (ctx, next) => (prefix.test(ctx.path) ? routes(ctx, next) : next());
  return Object.assign(guarded, { router: routes.router });
}

function compose(middleware: Middleware[]): Middleware {
  return (ctx, next) => {
    const run = (i: number): Promise<unknown> => (i < middleware.length ? Promise.resolve(middleware[i]!(ctx, () => run(i + 1))) : next());
    return run(0) as Promise<void>;
  };
}

/** `/api/v1/tasks…` with a method v1 lacks must not fall through to the brief's `/api/{user_id}` routes. */
function notV1(): Middleware {
  return async (ctx, next) => {
    if (ctx.params.user_id === 'v1') throw routeNotFound();
    await next();
  };
}
