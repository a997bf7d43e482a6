import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../application/ports/clock.js';
import type { VerifiedClaims } from '../../application/ports/token-service.js';
import { TokenExpired, Unauthenticated } from '../../domain/user/user-errors.js';
import { CLOCK_TOLERANCE_SECONDS } from './token-limits.js';

/** The only algorithms a front end's asymmetric tokens may use. Never `none`, never HS* here. */
export const JWKS_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];

export interface JwksOptions {
  readonly jwksUrl: string;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
}

/**
 * Tokens of a front end that publishes its public keys as JWKS (Better Auth's JWT plugin). jose caches
 * the key set and refetches on an unknown `kid` at most once a minute, so forged kids cannot make
 * Taskhex hammer the key server.
 */
export class JwksTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly options: JwksOptions,
    private readonly clock: Clock,
  ) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), {
      cooldownDuration: 60_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
  }

  async verify(token: string): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: JWKS_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.clock.now(),
        requiredClaims: ['exp', 'sub'],
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenExpired();
      throw new Unauthenticated('The access token is invalid.');
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new Unauthenticated('The access token does not name a user.');
    }
    return {
      via: 'jwks',
      issuer: typeof payload.iss === 'string' ? payload.iss : this.options.jwksUrl,
      subject: payload.sub,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
  }
}
