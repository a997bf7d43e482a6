import { z } from 'zod';
import type { Actor } from '../../application/actor.js';
import type { Priority } from '../../domain/task/priority.js';
import { parseInput } from '../schemas/field-problems.js';

/**
 * In-process inputs are the HTTP request bodies and query parameters, field for field (snake_case), and
 * go through the same zod schemas, so a call is accepted or refused exactly as the request would be.
 * The only liberty: values JSON or a URL would carry as text may be given as they are (a Date for a
 * timestamp, a number or boolean for a query parameter); they are turned into that text first.
 */

/** POST /tasks and PUT /tasks/{id}. */
export interface TaskBody {
  readonly title: string;
  readonly description?: string | undefined;
  readonly is_completed?: boolean | undefined;
  readonly due_at?: string | Date | null | undefined;
  readonly priority?: Priority | undefined;
}

/** PATCH /tasks/{id}: only the given fields change. */
export type TaskChanges = Partial<TaskBody>;

/** GET /tasks and /tasks/trash query parameters. */
export interface TaskListQuery {
  readonly limit?: number | string | undefined;
  readonly offset?: number | string | undefined;
  readonly cursor?: string | undefined;
  readonly include_total?: boolean | string | undefined;
  readonly completed?: boolean | string | undefined;
  readonly q?: string | undefined;
  readonly priority?: Priority | undefined;
  readonly due_before?: string | Date | undefined;
  readonly due_after?: string | Date | undefined;
  readonly updated_since?: string | Date | undefined;
  readonly include_deleted?: boolean | string | undefined;
  /** created_at, updated_at, due_at, priority, title (deleted_at in the trash); `-` for descending. */
  readonly sort?: string | undefined;
}

/** If-Match: the version the caller last saw; a stale one is `precondition_failed` and changes nothing. */
export interface Conditions {
  readonly expectedVersion?: number | undefined;
}

export interface RegisterBody {
  readonly email: string;
  readonly password: string;
  readonly name?: string | null | undefined;
}

export interface LogInBody {
  readonly email: string;
  readonly password: string;
}

const asText = (v: unknown): unknown =>
  v instanceof Date ? (Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()) : v;

/** A body as JSON would carry it: Dates become RFC 3339 text. Anything else is left for the schema to judge. */
export function asJsonBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, asText(v)]));
}

/** Query parameters as a URL would carry them: text. Absent (undefined) parameters are dropped. */
export function asQuery(query: unknown): unknown {
  if (query === undefined || query === null) return {};
  if (typeof query !== 'object' || Array.isArray(query)) return query;
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : asText(v)]),
  );
}

const actorSchema = z.object({ userId: z.uuid({ message: 'The acting user id must be a UUID.' }) });
const conditionsSchema = z
  .strictObject({
    expectedVersion: z.number().int({ message: 'expectedVersion must be an integer.' }).min(0).optional(),
  })
  .optional();

/** Every task call names its user; a malformed actor is refused before anything is read. */
export function parseActor(actor: unknown): Actor {
  return { userId: parseInput(z.object({ actor: actorSchema }), { actor }, 'The acting user is not valid.').actor.userId };
}

export function parseConditions(conditions: unknown): number | undefined {
  return parseInput(conditionsSchema, conditions)?.expectedVersion;
}
