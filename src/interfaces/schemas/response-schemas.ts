import { z } from 'zod';
import { PRIORITIES } from '../../domain/task/priority.js';

/**
 * What the HTTP edge answers. The OpenAPI document is generated from these, and the HTTP tests parse
 * real responses with them, so the document cannot drift from what the server sends.
 */

const instant = (example: string) => z.iso.datetime({ offset: true }).meta({ example });
const nullableInstant = (example: string | null, description: string) =>
  z.iso.datetime({ offset: true }).nullable().meta({ example, description });

const taskFields = {
  id: z.uuid().meta({ example: '0b7f6a2e-7c1b-4a59-9f53-2f8a3c1d9e41' }),
  user_id: z.uuid().meta({ example: '6f1c2b9a-3d4e-4f50-8a6b-7c8d9e0f1a2b' }),
  title: z.string().meta({ example: 'Buy milk' }),
  description: z.string().meta({ example: 'Two litres, semi-skimmed' }),
  is_completed: z.boolean().meta({ example: false }),
  completed_at: nullableInstant(null, 'When the task was completed; null while open.'),
  due_at: nullableInstant('2026-12-01T09:00:00.000Z', 'When the task is due; null for none.'),
  priority: z.enum(PRIORITIES).meta({ example: 'high' }),
  version: z.int().min(1).meta({ example: 1, description: 'Bumped by every change; the ETag is its quoted value.' }),
  created_at: instant('2026-11-23T10:00:00.000Z'),
  updated_at: instant('2026-11-23T10:00:00.000Z'),
  deleted_at: nullableInstant(null, 'Only in trash and sync views: when the task went to the trash.').optional(),
};

export const taskResponse = z.strictObject(taskFields).meta({ id: 'Task', description: 'A task.' });

const pageFields = {
  total: z.int().min(0).nullable().meta({
    example: 1,
    description: 'Exact count; with `cursor` it may be null unless `include_total=true`.',
  }),
  limit: z.int().min(1).max(100).meta({ example: 50 }),
  offset: z.int().min(0).meta({ example: 0 }),
  has_more: z.boolean().meta({ example: false }),
  next_cursor: z.string().nullable().meta({ example: null, description: 'Pass as `cursor` for the next page.' }),
};

export const taskPageResponse = z
  .strictObject({ items: z.array(taskResponse), ...pageFields })
  .meta({ id: 'TaskPage', description: 'One page of tasks, ordered by `sort` with ties broken on `id`.' });

/** The brief's surface adds `completed`, a read-only mirror of `is_completed`. */
export const briefTaskResponse = z
  .strictObject({ ...taskFields, completed: z.boolean().meta({ example: false, description: 'Mirror of is_completed.' }) })
  .meta({ id: 'BriefTask', description: 'A task as the brief’s /api/{user_id} surface answers it.' });

export const briefTaskListResponse = z
  .strictObject({ tasks: z.array(briefTaskResponse), ...pageFields })
  .meta({ id: 'BriefTaskList', description: 'The original notes’ list shape (ALIAS_LIST_SHAPE=object, the default).' });

export const briefTaskArrayResponse = z
  .array(briefTaskResponse)
  .meta({ id: 'BriefTaskArray', description: 'A bare array (ALIAS_LIST_SHAPE=array); the page is in X-Total-Count and Link.' });

export const userResponse = z
  .strictObject({
    id: z.uuid().meta({ example: '6f1c2b9a-3d4e-4f50-8a6b-7c8d9e0f1a2b' }),
    email: z.string().nullable().meta({ example: 'ada@example.com' }),
    name: z.string().nullable().meta({ example: 'Ada Lovelace' }),
    created_at: instant('2026-11-23T10:00:00.000Z'),
  })
  .meta({ id: 'User' });

export const sessionResponse = z
  .strictObject({
    user: userResponse,
    access_token: z.string().meta({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2ZjFj…' }),
    token_type: z.literal('Bearer'),
    expires_in: z.int().min(1).meta({ example: 86400, description: 'Seconds until the token expires.' }),
  })
  .meta({ id: 'Session' });

export const fieldProblem = z
  .strictObject({
    path: z.string().meta({ example: 'title' }),
    message: z.string().meta({ example: 'Title must not be empty.' }),
    code: z.string().meta({ example: 'custom' }),
  })
  .meta({ id: 'FieldProblem' });

export const problemResponse = z
  .strictObject({
    type: z.string().meta({ example: '/problems/validation_failed' }),
    title: z.string().meta({ example: 'Unprocessable Content' }),
    status: z.int().min(400).max(599).meta({ example: 422 }),
    detail: z.string().meta({ example: 'The request is not valid.' }),
    code: z.string().meta({
      example: 'validation_failed',
      description:
        'Stable machine string: malformed_json, unauthorized, token_expired, invalid_credentials, forbidden, not_found, ' +
        'conflict, precondition_failed, payload_too_large, unsupported_media_type, validation_failed, rate_limited, internal, unavailable.',
    }),
    errors: z.array(fieldProblem).optional(),
    request_id: z.string().optional().meta({ example: '3f2b8c1e-2a4d-4c6b-9e8f-1a2b3c4d5e6f' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with the contract’s extension members.' });

export const healthResponse = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });

export const readinessResponse = z
  .strictObject({
    status: z.enum(['ready', 'unavailable']),
    database: z.literal('unreachable').optional(),
  })
  .meta({ id: 'Readiness', example: { status: 'ready' } });
