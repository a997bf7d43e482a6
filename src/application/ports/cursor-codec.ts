import type { KeysetPosition } from '../tasks/task-list-query.js';

/**
 * Turns a page position into an opaque, tamper-evident cursor bound to the query that made it
 * (`fingerprint`: sort, filters and scope), and back.
 */
export interface CursorCodec {
  encode(position: KeysetPosition, fingerprint: string): string;
  /** Throws ValidationFailed (path `cursor`) for a malformed, altered or foreign cursor. */
  decode(cursor: string, fingerprint: string): KeysetPosition;
}
