export interface IssuedToken {
  readonly accessToken: string;
  /** Lifetime in seconds. */
  readonly expiresIn: number;
}

export interface TokenIssuer {
  issue(userId: string): IssuedToken;
}

/** What a verified token says about its bearer. The verifier knows no users. */
export interface VerifiedClaims {
  /**
   * `shared-secret`: signed with BETTER_AUTH_SECRET (Taskhex's own tokens, or a front end sharing the
   * secret), so the subject may be a Taskhex user id. `jwks`: a front end's asymmetric token, whose
   * subject only means something at its issuer.
   */
  readonly via: 'shared-secret' | 'jwks';
  readonly issuer: string;
  readonly subject: string;
  readonly email?: string | undefined;
  readonly name?: string | undefined;
}

export interface TokenVerifier {
  /** Throws Unauthenticated or TokenExpired. */
  verify(token: string): Promise<VerifiedClaims>;
}
