import { z } from 'zod';
import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH } from '../../domain/task/task.js';
import { PRIORITIES } from '../../domain/task/priority.js';
import { SORT_FIELDS } from '../../application/tasks/task-list-query.js';
import { MAX_PAGE_SIZE } from '../../application/tasks/list-tasks.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../../application/tasks/create-task-idempotently.js';

/**
 * The zod schemas every edge validates with: HTTP bodies and queries, and the in-process entry. Field
 * names are the contract's snake_case; `.transform` hands use cases their camelCase inputs. Bounds
 * come from the domain, so the edge and the entity never disagree.
 */

const codePoints = (s: string) => [...s].length;

export const titleSchema = z
  .string()
  .refine((s) => s.trim().length > 0, { message: 'Title must not be empty.' })
  .refine((s) => codePoints(s.trim()) <= TITLE_MAX_LENGTH, {
    message: `Title must be at most ${TITLE_MAX_LENGTH} characters.`,
  })
  .refine((s) => !s.includes('\u0000'), { message: 'Title must not contain NUL characters.' })
  .meta({ description: `1 to ${TITLE_MAX_LENGTH} characters after trimming.`, example: 'Buy milk' });

export const descriptionSchema = z
  .string()
  .refine((s) => codePoints(s) <= DESCRIPTION_MAX_LENGTH, {
    message: `Description must be at most ${DESCRIPTION_MAX_LENGTH} characters.`,
  })
  .refine((s) => !s.includes('\u0000'), { message: 'Description must not contain NUL characters.' })
  .meta({ description: `0 to ${DESCRIPTION_MAX_LENGTH} characters.`, example: 'Two litres, semi-skimmed' });

export const prioritySchema = z.enum(PRIORITIES).meta({ description: 'Defaults to normal.', example: 'high' });

/** RFC 3339 with an offset or Z; stored and returned in UTC. */
export const timestampSchema = z.iso
  .datetime({ offset: true, message: 'Must be an RFC 3339 timestamp such as 2026-12-01T09:00:00Z.' })
  .transform((s) => new Date(s))
  // Years 1–9999 in UTC: PostgreSQL's timestamptz has no year 0 as written by toISOString ("0000-…"),
  // and an offset can carry 0001-01-01T00:00+14:00 into it.
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, {
    message: 'Must be a real date between years 1 and 9999 (UTC).',
  });

export const dueAtSchema = timestampSchema.nullable().meta({ description: 'When the task is due; null for none.' });

const editable = {
  title: titleSchema,
  description: descriptionSchema,
  is_completed: z.boolean(),
  due_at: dueAtSchema,
  priority: prioritySchema,
};

const toEdits = (b: {
  title?: string | undefined;
  description?: string | undefined;
  is_completed?: boolean | undefined;
  due_at?: Date | null | undefined;
  priority?: (typeof PRIORITIES)[number] | undefined;
}) => ({
  ...(b.title !== undefined && { title: b.title }),
  ...(b.description !== undefined && { description: b.description }),
  ...(b.is_completed !== undefined && { isCompleted: b.is_completed }),
  ...(b.due_at !== undefined && { dueAt: b.due_at }),
  ...(b.priority !== undefined && { priority: b.priority }),
});

/** POST /tasks. Unknown fields (id, user_id, version, …) are refused, never ignored. */
export const createTaskBody = z
  .strictObject({
    title: editable.title,
    description: editable.description.optional(),
    is_completed: editable.is_completed.optional(),
    due_at: editable.due_at.optional(),
    priority: editable.priority.optional(),
  })
  .meta({ id: 'CreateTask' });

/** PUT /api/v1/tasks/{id}: a full replace; fields left out take their defaults. */
export const replaceTaskBody = createTaskBody.meta({ id: 'ReplaceTask' });

/** PATCH /tasks/{id}: only the given fields change. */
export const updateTaskBody = z
  .strictObject({
    title: editable.title.optional(),
    description: editable.description.optional(),
    is_completed: editable.is_completed.optional(),
    due_at: editable.due_at.optional(),
    priority: editable.priority.optional(),
  })
  .meta({ id: 'UpdateTask' });

/** PATCH /tasks/{id}/complete: no body toggles; a body sets. */
export const completeTaskBody = z.strictObject({ is_completed: z.boolean() }).meta({ id: 'SetCompletion' });

export const toCreateInput = (b: z.output<typeof createTaskBody>) => ({ ...toEdits(b), title: b.title });
export const toUpdateChanges = toEdits;

/** The `Idempotency-Key` request header of POST /tasks. */
export const idempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, { message: 'Idempotency-Key must be 1 to 255 visible ASCII characters.' })
    .optional()
    .meta({ description: 'Retrying a create with the same key and body within 24 h replays the first response.' }),
});

/** Free text searched in title and description. PostgreSQL text cannot hold NUL: refused here, by name. */
export const searchTextSchema = (name: string) =>
  z
    .string()
    .max(200, { message: `${name} must be at most 200 characters.` })
    .refine((s) => !s.includes('\u0000'), { message: `${name} must not contain NUL characters.` });

export const taskIdParams = z.object({ id: z.uuid({ message: 'Task id must be a UUID.' }) });

const boolParam = z.enum(['true', 'false'], { message: 'Must be true or false.' }).transform((v) => v === 'true');
const intParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { message: `${name} must be an integer from ${min} to ${max}.` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${name} must be an integer from ${min} to ${max}.` });

const sortParam = z
  .string()
  .transform((v, ctx) => {
    const direction = v.startsWith('-') ? ('desc' as const) : ('asc' as const);
    const field = v.replace(/^[-+]/, '');
    if (!(SORT_FIELDS as readonly string[]).includes(field)) {
      ctx.addIssue({ code: 'custom', message: `sort must be one of ${SORT_FIELDS.join(', ')}, with - for descending.` });
      return z.NEVER;
    }
    return { field: field as (typeof SORT_FIELDS)[number], direction };
  });

/** GET /tasks and /tasks/trash. Every parameter arrives as a string; an unknown one is a 422. */
export const listTasksQuery = z
  .strictObject({
    limit: intParam('limit', 1, MAX_PAGE_SIZE).optional(),
    offset: intParam('offset', 0, 1_000_000_000).optional(),
    cursor: z.string().min(1).max(2048).optional(),
    include_total: boolParam.optional(),
    completed: boolParam.optional(),
    q: searchTextSchema('q').optional(),
    priority: prioritySchema.optional(),
    due_before: timestampSchema.optional(),
    due_after: timestampSchema.optional(),
    updated_since: timestampSchema.optional(),
    include_deleted: boolParam.optional(),
    sort: sortParam.optional(),
  })
  .refine((q) => !(q.cursor !== undefined && q.offset !== undefined), {
    message: 'Use either cursor or offset, not both.',
    path: ['cursor'],
  })
  .refine((q) => !q.include_deleted || q.updated_since !== undefined, {
    message: 'include_deleted needs updated_since.',
    path: ['include_deleted'],
  })
  .meta({ id: 'ListTasksQuery' });

export const toListInput = (q: z.output<typeof listTasksQuery>) => ({
  limit: q.limit,
  offset: q.offset,
  cursor: q.cursor,
  includeTotal: q.include_total,
  sort: q.sort,
  filters: {
    completed: q.completed,
    q: q.q,
    priority: q.priority,
    dueBefore: q.due_before,
    dueAfter: q.due_after,
    updatedSince: q.updated_since,
    includeDeleted: q.include_deleted,
  },
});
