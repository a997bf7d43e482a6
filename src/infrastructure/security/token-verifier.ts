import type { TokenVerifier, VerifiedClaims } from '../../application/ports/token-service.js';
import { Unauthenticated } from '../../domain/user/user-errors.js';
import type { Hs256TokenService } from './hs256-token-service.js';
import { JWKS_ALGORITHMS, type JwksTokenVerifier } from './jwks-token-verifier.js';
import { MAX_TOKEN_LENGTH } from './token-limits.js';

/**
 * Routes a token to the verifier of its algorithm, and refuses anything else (alg `none`, HS384, a
 * `crit` header, an oversized token) before any signature work.
 */
export class AlgorithmRoutingTokenVerifier implements TokenVerifier {
  constructor(
    private readonly hs256: Hs256TokenService,
    private readonly jwks: JwksTokenVerifier | undefined,
  ) {}

  async verify(token: string): Promise<VerifiedClaims> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new Unauthenticated('The access token is invalid.');
    // Only an HS256 token without `crit` is ever remembered, so a known one skips the header decoding.
    const known = this.hs256.remembered(token);
    if (known !== undefined) return known;
    const header = decodeHeader(token);
    if (header.crit !== undefined) throw new Unauthenticated('The access token is invalid.');
    if (header.alg === 'HS256') return this.hs256.verifyAndRemember(token);
    if (this.jwks && typeof header.alg === 'string' && JWKS_ALGORITHMS.includes(header.alg)) {
      return this.jwks.verify(token);
    }
    throw new Unauthenticated('The access token is invalid.');
  }
}

function decodeHeader(token: string): Record<string, unknown> {
  const [encoded, , , extra] = token.split('.');
  if (!encoded || extra !== undefined) throw new Unauthenticated('The access token is invalid.');
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new Error('not an object');
    return header as Record<string, unknown>;
  } catch {
    throw new Unauthenticated('The access token is invalid.');
  }
}
