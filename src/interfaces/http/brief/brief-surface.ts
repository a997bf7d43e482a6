import type { Context } from 'koa';
import type { TaskPageView, TaskView } from '../../../application/tasks/task-view.js';
import { ValidationFailed } from '../../../domain/shared/domain-error.js';
import { taskJson } from '../presenters.js';
import { v1Surface, type TaskSurface } from '../routes/task-surface.js';
import { searchTextSchema } from '../../schemas/task-schemas.js';

/**
 * The original brief's `/api/{user_id}/tasks…` surface, as its published front ends were measured to
 * use it. Requests are translated into `/api/v1` terms and responses back; the use cases are the same.
 * - `completed` is another name for `is_completed` (422 when both disagree), `priority: "medium"` is
 *   `normal`, `?search=` is `?q=`;
 * - PUT changes only the fields it is given (a title edit must not reopen a completed task);
 * - task bodies also carry `completed`; lists use `{tasks, total, limit, offset, has_more}`, or a bare
 *   array (ALIAS_LIST_SHAPE=array) with X-Total-Count and an RFC 8288 Link header.
 */
export function briefSurface(listShape: 'object' | 'array'): TaskSurface {
  const taskBody = (task: TaskView, withDeletedAt = false) => {
    const json = taskJson(task, withDeletedAt);
    return { ...json, completed: json.is_completed };
  };

  return {
    put: 'merge',
    createInput: (body) => v1Surface.createInput(translateBody(body)),
    replaceInput: (body) => v1Surface.replaceInput(translateBody(body)),
    updateChanges: (body) => v1Surface.updateChanges(translateBody(body)),
    completion: (body) => v1Surface.completion(body === undefined ? undefined : translateBody(body)),
    listInput: (query) => v1Surface.listInput(translateQuery(query)),
    taskBody,
    respondWithPage(ctx: Context, page: TaskPageView, withDeletedAt: boolean) {
      const tasks = page.items.map((t) => taskBody(t, withDeletedAt));
      if (listShape === 'array') {
        if (page.total !== null) ctx.set('X-Total-Count', String(page.total));
        const next = nextLink(ctx, page);
        if (next) ctx.set('Link', `<${next}>; rel="next"`);
        ctx.body = tasks;
        return;
      }
      ctx.body = {
        tasks,
        total: page.total,
        limit: page.limit,
        offset: page.offset,
        has_more: page.hasMore,
        next_cursor: page.nextCursor,
      };
    },
  };
}

function translateBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  if ('completed' in out) {
    if ('is_completed' in out && out.is_completed !== out.completed) {
      throw ValidationFailed.field('completed', 'completed and is_completed disagree.', 'conflicting_fields');
    }
    out.is_completed = out.completed;
    delete out.completed;
  }
  if (out.priority === 'medium') out.priority = 'normal';
  return out;
}

function translateQuery(query: unknown): unknown {
  const out: Record<string, unknown> = { ...(query as Record<string, unknown>) };
  if ('search' in out) {
    // Checked under its own name: after the translation a problem would be reported on `q`.
    const search = searchTextSchema('search').safeParse(out.search);
    if (!search.success) throw ValidationFailed.field('search', search.error.issues[0]?.message ?? 'search is invalid.', 'invalid_string');
    if ('q' in out && out.q !== out.search) throw ValidationFailed.field('search', 'search and q disagree.', 'conflicting_fields');
    out.q = out.search;
    delete out.search;
  }
  if (out.priority === 'medium') out.priority = 'normal';
  return out;
}

function nextLink(ctx: Context, page: TaskPageView): string | null {
  if (!page.hasMore) return null;
  const params = new URLSearchParams(ctx.querystring);
  if (page.nextCursor && params.has('cursor')) {
    params.set('cursor', page.nextCursor);
  } else {
    params.delete('cursor');
    params.set('offset', String(page.offset + page.limit));
    params.set('limit', String(page.limit));
  }
  return `${ctx.path}?${params.toString()}`;
}
