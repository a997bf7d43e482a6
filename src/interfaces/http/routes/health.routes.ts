import Router from '@koa/router';
import type { MikroORM } from '@mikro-orm/core';

export function healthRoutes(orm: MikroORM): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = await Promise.race([
      orm.em.getConnection().isConnected(),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref()),
    ]).catch(() => false);
    ctx.status = ready ? 200 : 503;
    ctx.body = ready ? { status: 'ready' } : { status: 'unavailable', database: 'unreachable' };
  });
  return router;
}
