import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../application/ports/clock.js';
import type { IssuedToken, TokenIssuer, VerifiedClaims } from '../../application/ports/token-service.js';
import { TokenExpired, Unauthenticated } from '../../domain/user/user-errors.js';
import { CLOCK_TOLERANCE_SECONDS, DEFAULT_ISSUER } from './token-limits.js';

const VERIFIED_TOKENS_KEPT = 10_000;

export interface Hs256Options {
  readonly secret: string;
  readonly expiresInSeconds: number;
  /** Checked on incoming tokens when set, and put in the tokens Taskhex issues. */
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  /**
   * The issuer of an incoming token that carries no `iss` (default `taskhex`). Better Auth's HS256
   * cookie cache has none; with a JWKS front end this is its JWT_ISSUER, so a Better Auth user is the
   * same Taskhex user whichever of its two tokens it presents.
   */
  readonly issuerWhenAbsent?: string | undefined;
}

/**
 * HS256 tokens signed with BETTER_AUTH_SECRET: the ones Taskhex issues, and those a front end mints
 * with the same secret. The key object is built once: given a string, jsonwebtoken would retry
 * parsing it as a public key on every request.
 */
export class Hs256TokenService implements TokenIssuer {
  private readonly key: KeyObject;
  /**
   * Tokens that passed verification, with their expiry: a signature check and two JSON parses cost
   * ~10 µs per request, a lookup well under 1 µs. Bounded; the oldest entry goes first.
   */
  private readonly verified = new Map<string, { claims: VerifiedClaims; exp: number; verifiedAt: number }>();

  constructor(
    private readonly options: Hs256Options,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  issue(userId: string): IssuedToken {
    const accessToken = jwt.sign({ iat: this.nowSeconds() }, this.key, {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: this.options.expiresInSeconds,
      issuer: this.options.issuer ?? DEFAULT_ISSUER,
      ...(this.options.audience ? { audience: this.options.audience } : {}),
    });
    return { accessToken, expiresIn: this.options.expiresInSeconds };
  }

  verify(token: string): VerifiedClaims {
    return this.remembered(token) ?? this.verifyAndRemember(token);
  }

  /** The full check, whose success is remembered: for a caller that has just found `remembered` empty. */
  verifyAndRemember(token: string): VerifiedClaims {
    const now = this.nowSeconds();
    const fresh = this.verifyAnew(token, now);
    this.verified.delete(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { ...fresh, verifiedAt: now });
    return fresh.claims;
  }

  /**
   * The claims of a token that verified before and has not expired since, else undefined. The same
   * string carries the same signature and claims, so only the time checks are made again: it stays
   * valid until its expiry (with the tolerance), as a fresh check would say.
   */
  remembered(token: string): VerifiedClaims | undefined {
    const known = this.verified.get(token);
    if (known === undefined) return undefined;
    const now = this.nowSeconds();
    return now >= known.verifiedAt && now < known.exp + CLOCK_TOLERANCE_SECONDS ? known.claims : undefined;
  }

  private verifyAnew(token: string, now: number): { claims: VerifiedClaims; exp: number } {
    let payload: jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        clockTimestamp: now,
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
        complete: false,
      }) as jwt.JwtPayload;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new TokenExpired();
      throw new Unauthenticated('The access token is invalid.');
    }
    if (typeof payload !== 'object' || typeof payload.exp !== 'number') {
      throw new Unauthenticated('The access token must expire (exp).');
    }
    if (payload.iss !== undefined && typeof payload.iss !== 'string') {
      throw new Unauthenticated('The access token is invalid.');
    }
    const claims: VerifiedClaims = {
      via: 'shared-secret',
      issuer: typeof payload.iss === 'string' ? payload.iss : (this.options.issuerWhenAbsent ?? DEFAULT_ISSUER),
      subject: subjectOf(payload),
      email: stringClaim(payload.email) ?? stringClaim(nested(payload.user, 'email')),
      name: stringClaim(payload.name) ?? stringClaim(nested(payload.user, 'name')),
    };
    return { claims, exp: payload.exp };
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

/** `sub`, else `user_id` (the original notes' tokens), else `user.id` (Better Auth's cookie cache). */
function subjectOf(payload: jwt.JwtPayload): string {
  const candidate = payload.sub ?? payload.user_id ?? nested(payload.user, 'id');
  if (typeof candidate !== 'string' || candidate.length === 0) {
    throw new Unauthenticated('The access token does not name a user.');
  }
  return candidate;
}

function nested(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
