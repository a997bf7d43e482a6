import { ValidationFailed } from '../shared/domain-error.js';

export const SUBJECT_MAX_LENGTH = 255;

/**
 * Who a user is at an external issuer (a Better Auth front end, say): an (issuer, subject) pair.
 * The subject is an opaque string, never parsed as a UUID.
 */
export class Identity {
  readonly issuer!: string;
  readonly subject!: string;
  readonly userId!: string;
  readonly createdAt!: Date;

  private constructor(fields: Identity) {
    Object.assign(this, fields);
  }

  static link(input: { issuer: string; subject: string; userId: string; now: Date }): Identity {
    if (!isAcceptableSubject(input.subject) || !isAcceptableSubject(input.issuer)) {
      throw ValidationFailed.field('sub', 'Token subject must be 1 to 255 characters.', 'invalid_subject');
    }
    return new Identity({ issuer: input.issuer, subject: input.subject, userId: input.userId, createdAt: input.now });
  }
}

// A lone surrogate cannot be stored: PostgreSQL would receive U+FFFD, so "\uD800" and "\uD801" would
// become one identity. NUL cannot be stored in text at all.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** 1 to 255 characters (code points, as PostgreSQL counts them), all of them storable. */
export function isAcceptableSubject(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || UNSTORABLE.test(value)) return false;
  return value.length <= SUBJECT_MAX_LENGTH || [...value].length <= SUBJECT_MAX_LENGTH;
}
