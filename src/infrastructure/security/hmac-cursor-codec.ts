import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CursorCodec } from '../../application/ports/cursor-codec.js';
import type { KeysetPosition } from '../../application/tasks/task-list-query.js';
import { ValidationFailed } from '../../domain/shared/domain-error.js';

/**
 * Cursor = base64url(JSON position) "." base64url(HMAC-SHA256(payload + fingerprint)). The fingerprint
 * of the query (sort, filters, scope) is in the MAC, so a cursor made for another query fails like an
 * altered one.
 */
export class HmacCursorCodec implements CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('taskhex cursor key').digest();
  }

  encode(position: KeysetPosition, fingerprint: string): string {
    const payload = Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
    return `${payload}.${this.mac(payload, fingerprint).toString('base64url')}`;
  }

  decode(cursor: string, fingerprint: string): KeysetPosition {
    const invalid = () =>
      ValidationFailed.field('cursor', 'cursor is malformed, altered, or was made for another query.', 'invalid_cursor');
    const [payload, mac, extra] = cursor.split('.');
    if (!payload || !mac || extra !== undefined || cursor.length > 2048) throw invalid();
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(payload, fingerprint);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    try {
      const [key, id] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [unknown, unknown];
      if (typeof id !== 'string' || !(key === null || typeof key === 'string' || typeof key === 'number')) throw invalid();
      return { key, id };
    } catch {
      throw invalid();
    }
  }

  private mac(payload: string, fingerprint: string): Buffer {
    return createHmac('sha256', this.key).update(payload).update('\n').update(fingerprint).digest();
  }
}
