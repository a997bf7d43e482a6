import type { Clock } from '../application/ports/clock.js';
import type { CursorCodec } from '../application/ports/cursor-codec.js';
import type { IdGenerator } from '../application/ports/id-generator.js';
import type { PasswordHasher } from '../application/ports/password-hasher.js';
import type { IssuedToken, TokenIssuer, TokenVerifier, VerifiedClaims } from '../application/ports/token-service.js';
import type { KeysetPosition } from '../application/tasks/task-list-query.js';
import { ValidationFailed } from '../domain/shared/domain-error.js';
import { Unauthenticated } from '../domain/user/user-errors.js';

/** A clock that only moves when told to. */
export class FixedClock implements Clock {
  constructor(private current = new Date('2026-01-01T00:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

/** Predictable UUIDs: 00000000-0000-4000-8000-000000000001, …02, … */
export class SequentialIds implements IdGenerator {
  private n = 0;
  next(): string {
    this.n += 1;
    return `00000000-0000-4000-8000-${this.n.toString(16).padStart(12, '0')}`;
  }
}

/** Not a hash: reversible and instant. For tests only. */
export class PlainTextPasswordHasher implements PasswordHasher {
  async hash(password: string): Promise<string> {
    return `plain:${password}`;
  }
  async verify(password: string, hash: string): Promise<boolean> {
    return hash === `plain:${password}`;
  }
  async verifyAgainstDummy(): Promise<void> {}
}

/** Tokens are `token-for:<userId>`; the verifier reads them back as shared-secret claims. */
export class FakeTokens implements TokenIssuer, TokenVerifier {
  issue(userId: string): IssuedToken {
    return { accessToken: `token-for:${userId}`, expiresIn: 3600 };
  }
  async verify(token: string): Promise<VerifiedClaims> {
    if (!token.startsWith('token-for:')) throw new Unauthenticated('The access token is invalid.');
    return { via: 'shared-secret', issuer: 'taskhex', subject: token.slice('token-for:'.length) };
  }
}

/** Readable cursors that still refuse a cursor made for another query. */
export class PlainCursorCodec implements CursorCodec {
  encode(position: KeysetPosition, fingerprint: string): string {
    return Buffer.from(JSON.stringify({ position, fingerprint })).toString('base64url');
  }
  decode(cursor: string, fingerprint: string): KeysetPosition {
    try {
      const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
        position: KeysetPosition;
        fingerprint: string;
      };
      if (parsed.fingerprint === fingerprint && typeof parsed.position?.id === 'string') return parsed.position;
    } catch {
      // fall through
    }
    throw ValidationFailed.field('cursor', 'cursor is malformed, altered, or was made for another query.', 'invalid_cursor');
  }
}
