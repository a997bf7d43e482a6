import type Router from '@koa/router';
import type { MikroORM } from '@mikro-orm/core';
import { caseSensitiveRouter } from './router.js';

const READY_TIMEOUT_MS = 2_000;

export function healthRoutes(orm: MikroORM): Router {
  const router = caseSensitiveRouter();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    });
    // Cleared once the ping answers: a probe every second must not leave two seconds of timers behind.
    const ready = await Promise.race([orm.em.getConnection().isConnected(), timedOut])
      .catch(() => false)
      .finally(() => clearTimeout(timer));
    ctx.status = ready ? 200 : 503;
    ctx.body = ready ? { status: 'ready' } : { status: 'unavailable', database: 'unreachable' };
  });
  return router;
}
