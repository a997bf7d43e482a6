import type { Context } from 'koa';
import type { CreateTaskInput } from '../../../application/tasks/create-task.js';
import type { ListTasksInput } from '../../../application/tasks/list-tasks.js';
import type { TaskPageView, TaskView } from '../../../application/tasks/task-view.js';
import type { TaskEdits } from '../../../domain/task/task.js';
import {
  completeTaskBody,
  createTaskBody,
  listTasksQuery,
  replaceTaskBody,
  toCreateInput,
  toListInput,
  toUpdateChanges,
  updateTaskBody,
} from '../../schemas/task-schemas.js';
import { taskJson } from '../presenters.js';

/**
 * How one URL surface reads requests and writes responses. The task routes are written once against
 * this; `/api/v1` uses it as is, and the brief's `/api/{user_id}` surface (../brief/) wraps it.
 */
export interface TaskSurface {
  /** PUT semantics: `replace` (full, defaults for what is left out) or `merge` (only the given fields). */
  readonly put: 'replace' | 'merge';
  createInput(body: unknown): CreateTaskInput;
  replaceInput(body: unknown): CreateTaskInput;
  updateChanges(body: unknown): TaskEdits;
  /** undefined: toggle. */
  completion(body: unknown): boolean | undefined;
  listInput(query: unknown): ListTasksInput;
  taskBody(task: TaskView, withDeletedAt?: boolean): object;
  respondWithPage(ctx: Context, page: TaskPageView, withDeletedAt: boolean): void;
}

const object = (body: unknown) => body ?? {};

export const v1Surface: TaskSurface = {
  put: 'replace',
  createInput: (body) => toCreateInput(createTaskBody.parse(body)),
  replaceInput: (body) => toCreateInput(replaceTaskBody.parse(body)),
  updateChanges: (body) => toUpdateChanges(updateTaskBody.parse(object(body))),
  completion: (body) => (body === undefined ? undefined : completeTaskBody.parse(body).is_completed),
  listInput: (query) => toListInput(listTasksQuery.parse(query)),
  taskBody: (task, withDeletedAt = false) => taskJson(task, withDeletedAt),
  respondWithPage(ctx, page, withDeletedAt) {
    ctx.body = {
      items: page.items.map((t) => taskJson(t, withDeletedAt)),
      total: page.total,
      limit: page.limit,
      offset: page.offset,
      has_more: page.hasMore,
      next_cursor: page.nextCursor,
    };
  },
};
