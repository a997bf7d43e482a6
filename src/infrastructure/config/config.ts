import { z } from 'zod';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** "24h", "15m", "30s", "7d" or plain seconds. */
const duration = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const m = /^(\d+)\s*(s|m|h|d)?$/.exec((v ?? fallback).trim());
      const seconds = m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's'] : 0;
      if (!m || seconds <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 24h, 15m or 3600' });
        return z.NEVER;
      }
      return seconds;
    });

const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || (URL.canParse(v) && protocols.includes(new URL(v).protocol)), {
      message: `must be a URL (${protocols.join(' or ')})`,
    });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(3000, 0, 65535),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_PG_PORT: int(54329, 1024, 65535),
  MIGRATE_ON_START: bool(true),
  BETTER_AUTH_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  JWT_EXPIRES_IN: duration('24h'),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: url(['http:', 'https:']),
  AUTH_AUTO_PROVISION: bool(false),
  BCRYPT_COST: int(12, 4, 15),
  RATE_LIMIT_PER_HOUR: int(100, 1, 10_000_000),
  AUTH_RATE_LIMIT_PER_HOUR: int(60, 1, 10_000_000),
  REDIS_URL: url(['redis:', 'rediss:']),
  TRUST_PROXY: bool(false),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((o) => o.trim()).filter(Boolean))
    .refine((origins) => origins.every((o) => o !== '*' && URL.canParse(o)), {
      message: 'must be a comma-separated list of origins such as https://app.example.com (no *)',
    }),
  COOKIE_SECURE: bool(false).optional(),
  ALIAS_LIST_SHAPE: z.enum(['object', 'array']).default('object'),
  TRASH_RETENTION_DAYS: int(30, 1, 3650),
  TRASH_PURGE_INTERVAL_MS: int(3_600_000, 1_000, 7 * 86_400_000),
  BODY_LIMIT_BYTES: int(64 * 1024, 1024, 10 * 1024 * 1024),
  DB_POOL_MIN: int(2, 0, 1000),
  DB_POOL_MAX: int(30, 1, 1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 600_000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly host: string;
  readonly port: number;
  /** Unset: an embedded PostgreSQL under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly migrateOnStart: boolean;
  readonly auth: {
    /** Unset outside production: generated and kept under dataDir. */
    readonly secret: string | undefined;
    readonly expiresInSeconds: number;
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
    readonly jwksUrl: string | undefined;
    readonly autoProvision: boolean;
    readonly bcryptCost: number;
  };
  readonly rateLimit: { readonly perHour: number; readonly authPerHour: number };
  readonly redisUrl: string | undefined;
  readonly trustProxy: boolean;
  readonly corsOrigins: readonly string[];
  readonly cookieSecure: boolean;
  readonly aliasListShape: 'object' | 'array';
  readonly trashRetentionDays: number;
  /** How often each instance runs the retention purge. */
  readonly trashPurgeIntervalMs: number;
  readonly bodyLimitBytes: number;
  readonly pool: { readonly min: number; readonly max: number };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly shutdownGraceMs: number;
}

export class ConfigError extends Error {}

const invalid = (variable: string, message: string) => `Invalid configuration: ${variable} ${message}`;

/**
 * Parses the environment. Every bad value is reported on one line of its own that names the
 * variable. An empty variable counts as unset (compose files pass `VAR: ${VAR}` through as "").
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => invalid(String(i.path[0]), i.message));
    throw new ConfigError([...new Set(lines)].join('\n'));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.BETTER_AUTH_SECRET) {
    throw new ConfigError(invalid('BETTER_AUTH_SECRET', 'is required in production (32+ random characters)'));
  }
  if (e.DB_POOL_MIN > e.DB_POOL_MAX) {
    throw new ConfigError(invalid('DB_POOL_MIN', 'must not exceed DB_POOL_MAX'));
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    migrateOnStart: e.MIGRATE_ON_START,
    auth: {
      secret: e.BETTER_AUTH_SECRET,
      expiresInSeconds: e.JWT_EXPIRES_IN,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      jwksUrl: e.AUTH_JWKS_URL,
      autoProvision: e.AUTH_AUTO_PROVISION,
      bcryptCost: e.BCRYPT_COST,
    },
    rateLimit: { perHour: e.RATE_LIMIT_PER_HOUR, authPerHour: e.AUTH_RATE_LIMIT_PER_HOUR },
    redisUrl: e.REDIS_URL,
    trustProxy: e.TRUST_PROXY,
    corsOrigins: e.CORS_ORIGINS,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    aliasListShape: e.ALIAS_LIST_SHAPE,
    trashRetentionDays: e.TRASH_RETENTION_DAYS,
    trashPurgeIntervalMs: e.TRASH_PURGE_INTERVAL_MS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    pool: { min: e.DB_POOL_MIN, max: e.DB_POOL_MAX },
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
