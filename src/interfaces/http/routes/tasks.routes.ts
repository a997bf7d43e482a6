import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { TaskView } from '../../../application/tasks/task-view.js';
import { idempotencyKeyHeader, taskIdParams } from '../../schemas/task-schemas.js';
import { expectedVersion, notModified } from '../conditional.js';
import { etagOf } from '../presenters.js';
import type { TaskSurface } from './task-surface.js';
import type { TaskUseCases } from './task-use-cases.js';
import { caseSensitiveRouter } from './router.js';

const permanentQuery = z.strictObject({ permanent: z.enum(['true', 'false']).optional() });
const noQuery = z.strictObject({});

/**
 * Every task route, for one surface. Each handler does parse → execute → respond; errors travel to
 * the problem middleware. `before` runs ahead of every route (authentication, the path-user check):
 * it is attached to each route, not to the router, so reaching a route always means passing it.
 */
export function taskRoutes(prefix: string, surface: TaskSurface, useCases: TaskUseCases, before: Middleware[]): Router {
  const routes = caseSensitiveRouter(prefix);
  const u = useCases;
  const id = (ctx: Context) => taskIdParams.parse({ id: ctx.params.id }).id;
  const actor = (ctx: Context) => ctx.state.actor;

  const sendTask = (ctx: Context, task: TaskView, status = 200) => {
    ctx.status = status;
    ctx.set('ETag', etagOf(task));
    ctx.body = surface.taskBody(task);
  };

  const router = {
    get: (path: string, handler: Middleware) => routes.get(path, ...before, handler),
    post: (path: string, handler: Middleware) => routes.post(path, ...before, handler),
    put: (path: string, handler: Middleware) => routes.put(path, ...before, handler),
    patch: (path: string, handler: Middleware) => routes.patch(path, ...before, handler),
    delete: (path: string, handler: Middleware) => routes.delete(path, ...before, handler),
  };

  router.get('/', async (ctx) => {
    const input = surface.listInput(ctx.query);
    const page = await u.list.execute(actor(ctx), input);
    // A sync view (include_deleted) carries deleted_at on every item, null for live ones.
    surface.respondWithPage(ctx, page, input.filters?.includeDeleted === true);
  });

  router.post('/', async (ctx) => {
    noQuery.parse(ctx.query);
    const raw = ctx.headers['idempotency-key'];
    const key = idempotencyKeyHeader.parse({ 'Idempotency-Key': Array.isArray(raw) ? raw.join(', ') : raw })['Idempotency-Key'];
    const input = surface.createInput(ctx.state.body);
    let task: TaskView;
    if (key === undefined) {
      task = await u.create.execute(actor(ctx), input);
    } else {
      const result = await u.createIdempotently.execute(actor(ctx), { idempotencyKey: key, task: input });
      task = result.task;
      if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
    }
    // From the request path, not the route prefix: on the brief's surface that holds `:user_id`.
    ctx.set('Location', `${ctx.path.replace(/\/+$/, '')}/${task.id}`);
    sendTask(ctx, task, 201);
  });

  router.get('/trash', async (ctx) => {
    const page = await u.listTrash.execute(actor(ctx), surface.listInput(ctx.query));
    surface.respondWithPage(ctx, page, true);
  });

  router.get('/:id', async (ctx) => {
    noQuery.parse(ctx.query);
    const task = await u.get.execute(actor(ctx), { taskId: id(ctx) });
    if (notModified(ctx, etagOf(task))) {
      ctx.status = 304;
      ctx.set('ETag', etagOf(task));
      return;
    }
    sendTask(ctx, task);
  });

  router.put('/:id', async (ctx) => {
    noQuery.parse(ctx.query);
    const taskId = id(ctx);
    const ifMatch = expectedVersion(ctx);
    const task =
      surface.put === 'replace'
        ? await u.replace.execute(actor(ctx), { taskId, expectedVersion: ifMatch, ...surface.replaceInput(ctx.state.body) })
        : await u.update.execute(actor(ctx), { taskId, expectedVersion: ifMatch, changes: surface.updateChanges(ctx.state.body) });
    sendTask(ctx, task);
  });

  router.patch('/:id', async (ctx) => {
    noQuery.parse(ctx.query);
    const task = await u.update.execute(actor(ctx), {
      taskId: id(ctx),
      expectedVersion: expectedVersion(ctx),
      changes: surface.updateChanges(ctx.state.body),
    });
    sendTask(ctx, task);
  });

  router.patch('/:id/complete', async (ctx) => {
    noQuery.parse(ctx.query);
    const task = await u.toggle.execute(actor(ctx), {
      taskId: id(ctx),
      expectedVersion: expectedVersion(ctx),
      isCompleted: surface.completion(ctx.state.body),
    });
    sendTask(ctx, task);
  });

  router.delete('/:id', async (ctx) => {
    const { permanent } = permanentQuery.parse(ctx.query);
    const ref = { taskId: id(ctx), expectedVersion: expectedVersion(ctx) };
    if (permanent === 'true') await u.purge.execute(actor(ctx), ref);
    else await u.softDelete.execute(actor(ctx), ref);
    ctx.status = 204;
  });

  router.post('/:id/restore', async (ctx) => {
    noQuery.parse(ctx.query);
    sendTask(ctx, await u.restore.execute(actor(ctx), { taskId: id(ctx), expectedVersion: expectedVersion(ctx) }));
  });

  return routes;
}
