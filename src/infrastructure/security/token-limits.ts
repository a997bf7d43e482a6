/** Tokens longer than this are refused before any parsing (a Better Auth JWT with claims is ~1 KiB). */
export const MAX_TOKEN_LENGTH = 8192;
/** Seconds of clock skew tolerated between Taskhex and whoever signed the token. */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** The subject of Taskhex's own tokens, and of shared-secret tokens that carry no `iss`. */
export const DEFAULT_ISSUER = 'taskhex';
