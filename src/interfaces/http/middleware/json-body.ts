import type { Context, Middleware, Next } from 'koa';
import getRawBody from 'raw-body';
import { malformedJson, payloadTooLarge, unsupportedMediaType } from '../http-errors.js';

/**
 * Parses JSON bodies. A request with no body is a request with no body, whatever its Content-Type
 * says (front ends send `Content-Type: application/json` on GET and DELETE); a body must be JSON,
 * within the limit, and parse. Parsed with JSON.parse, whose `__proto__` keys stay plain data.
 */
export function jsonBody(limitBytes: number): Middleware {
  // Bodiless requests (most reads) take the synchronous path and add no promise of their own.
  return (ctx, next) => {
    ctx.state.body = undefined;
    const length = ctx.get('Content-Length');
    const chunked = ctx.get('Transfer-Encoding') !== '';
    const hasBody = chunked || (length !== '' && length !== '0');
    return hasBody ? parseBody(ctx, next, length, limitBytes) : next();
  };
}

async function parseBody(ctx: Context, next: Next, length: string, limitBytes: number): Promise<unknown> {
  if (length !== '' && Number(length) > limitBytes) throw payloadTooLarge(limitBytes);
  if (!ctx.is('application/json', 'application/*+json')) throw unsupportedMediaType();
  let text: string;
  try {
    text = await getRawBody(ctx.req, { limit: limitBytes, encoding: 'utf8', length: length || undefined });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw payloadTooLarge(limitBytes);
    throw malformedJson();
  }
  if (text.trim() === '') return next();
  try {
    ctx.state.body = JSON.parse(text);
  } catch {
    throw malformedJson();
  }
  return next();
}
