import type { Context } from 'koa';
import { ValidationFailed } from '../../domain/shared/domain-error.js';

/**
 * If-Match → the version the caller expects. `*` or no header: no condition. An ETag that is not one
 * of ours can never match, so it becomes a version no task has (→ 412, nothing written).
 */
export function expectedVersion(ctx: Context): number | undefined {
  const header = ctx.get('If-Match').trim();
  if (header === '' || header === '*') return undefined;
  if (header.length > 200) throw ValidationFailed.field('If-Match', 'If-Match is too long.', 'too_big');
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header);
  return match ? Number(match[1]) : -1;
}

/** If-None-Match on a GET: does the caller already hold this version? */
export function notModified(ctx: Context, etag: string): boolean {
  const header = ctx.get('If-None-Match');
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
