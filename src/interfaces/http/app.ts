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

  // The routers decide alone which route, and so which guards, a request reaches (case-sensitively).
  const routers: Router[] = [
    healthRoutes(orm),
    openApiRoutes({ aliasListShape: options.aliasListShape, bodyLimitBytes: options.bodyLimitBytes }),
    authRoutes(container, {
      cookieSecure: options.cookieSecure,
      signedIn,
      publicGuards: options.publicGuards ?? [],
    }),
    taskRoutes('/api/v1/tasks', v1Surface, useCases, signedIn),
    taskRoutes('/api/:user_id/tasks', briefSurface(options.aliasListShape), useCases, [notV1(), ...signedIn, requirePathUser()]),
  ];

  app.use(requestId());
  app.use(accessLog(logger));
  app.use(securityHeaders());
  app.use(problemErrors());
  app.use(corsAllowList(options.corsOrigins));
  app.use(ormContext(orm));
  app.use(jsonBody(options.bodyLimitBytes));
  for (const router of routers) app.use(router.routes() as unknown as Middleware);
  app.use(() => {
    throw routeNotFound();
  });

  app.on('error', (error: unknown, ctx?: Koa.Context) => {
    (ctx?.state.log?.() ?? logger).error({ err: error }, 'unexpected error');
  });
  return app;
}

/**
 * `/api/v1/tasks…` with a method v1 lacks, or a case variant such as `/api/V1/tasks`, must not fall
 * through to the brief's `/api/{user_id}` routes: it is an unknown route, not a foreign user id.
 */
function notV1(): Middleware {
  return async (ctx, next) => {
    if (ctx.params.user_id?.toLowerCase() === 'v1') throw routeNotFound();
    await next();
  };
}
