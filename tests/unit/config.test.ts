import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/infrastructure/config/config.js';
import { loadOrCreateLocalSecret } from '../../src/infrastructure/config/local-secret.js';

const SECRET = 'a-production-secret-of-more-than-32-chars';

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

test('the defaults of the contract', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({
    env: 'development',
    host: '0.0.0.0',
    port: 3000,
    databaseUrl: undefined,
    dataDir: './.data',
    embeddedPgPort: 54329,
    migrateOnStart: true,
    auth: { secret: undefined, expiresInSeconds: 86400, autoProvision: false, bcryptCost: 12 },
    rateLimit: { perHour: 100, authPerHour: 60 },
    redisUrl: undefined,
    trustProxy: false,
    corsOrigins: [],
    cookieSecure: false,
    aliasListShape: 'object',
    trashRetentionDays: 30,
    trashPurgeIntervalMs: 3_600_000,
    bodyLimitBytes: 65536,
    pool: { min: 2, max: 30 },
    logLevel: 'info',
    shutdownGraceMs: 10000,
  });
});

test('every variable is read', () => {
  const c = loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '8080',
    DATABASE_URL: 'postgresql://u:p@db:5432/taskhex',
    DATA_DIR: '/var/lib/taskhex',
    EMBEDDED_PG_PORT: '55000',
    MIGRATE_ON_START: 'false',
    BETTER_AUTH_SECRET: SECRET,
    JWT_EXPIRES_IN: '15m',
    JWT_ISSUER: 'https://app.example.com',
    JWT_AUDIENCE: 'https://app.example.com',
    AUTH_JWKS_URL: 'https://app.example.com/api/auth/jwks',
    AUTH_AUTO_PROVISION: 'true',
    BCRYPT_COST: '10',
    RATE_LIMIT_PER_HOUR: '500',
    AUTH_RATE_LIMIT_PER_HOUR: '20',
    REDIS_URL: 'redis://cache:6379',
    TRUST_PROXY: 'true',
    CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
    ALIAS_LIST_SHAPE: 'array',
    TRASH_RETENTION_DAYS: '7',
    TRASH_PURGE_INTERVAL_MS: '60000',
    BODY_LIMIT_BYTES: '131072',
    DB_POOL_MIN: '1',
    DB_POOL_MAX: '10',
    LOG_LEVEL: 'debug',
    SHUTDOWN_GRACE_MS: '5000',
  });
  expect(c).toMatchObject({
    env: 'production',
    host: '127.0.0.1',
    port: 8080,
    databaseUrl: 'postgresql://u:p@db:5432/taskhex',
    dataDir: '/var/lib/taskhex',
    embeddedPgPort: 55000,
    migrateOnStart: false,
    auth: {
      secret: SECRET,
      expiresInSeconds: 900,
      issuer: 'https://app.example.com',
      audience: 'https://app.example.com',
      jwksUrl: 'https://app.example.com/api/auth/jwks',
      autoProvision: true,
      bcryptCost: 10,
    },
    rateLimit: { perHour: 500, authPerHour: 20 },
    redisUrl: 'redis://cache:6379',
    trustProxy: true,
    corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
    cookieSecure: true,
    aliasListShape: 'array',
    trashRetentionDays: 7,
    trashPurgeIntervalMs: 60_000,
    bodyLimitBytes: 131072,
    pool: { min: 1, max: 10 },
    logLevel: 'debug',
    shutdownGraceMs: 5000,
  });
});

describe('a bad value is one clear line naming the variable', () => {
  const cases: [string, string][] = [
    ['NODE_ENV', 'staging'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/taskhex'],
    ['DATABASE_URL', 'not a url'],
    ['EMBEDDED_PG_PORT', '80'],
    ['MIGRATE_ON_START', 'maybe'],
    ['BETTER_AUTH_SECRET', 'too-short'],
    ['JWT_EXPIRES_IN', 'forever'],
    ['JWT_EXPIRES_IN', '0'],
    ['AUTH_JWKS_URL', 'ftp://keys.example.com'],
    ['AUTH_AUTO_PROVISION', '2'],
    ['BCRYPT_COST', '3'],
    ['RATE_LIMIT_PER_HOUR', '0'],
    ['AUTH_RATE_LIMIT_PER_HOUR', '-1'],
    ['REDIS_URL', 'http://cache:6379'],
    ['TRUST_PROXY', 'on'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://ok.example.com,not-an-origin'],
    ['COOKIE_SECURE', 'sometimes'],
    ['ALIAS_LIST_SHAPE', 'list'],
    ['TRASH_RETENTION_DAYS', '0'],
    ['TRASH_PURGE_INTERVAL_MS', '999'],
    ['BODY_LIMIT_BYTES', '10'],
    ['DB_POOL_MIN', '-1'],
    ['DB_POOL_MAX', '0'],
    ['LOG_LEVEL', 'verbose'],
    ['SHUTDOWN_GRACE_MS', '1.5'],
  ];
  test.each(cases)('%s=%s', (variable, value) => {
    const lines = failure({ [variable]: value }).split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} \\S`));
    expect(lines[0]).not.toContain('\n');
  });

  test('several bad values: one line each', () => {
    const lines = failure({ PORT: 'x', LOG_LEVEL: 'loud', REDIS_URL: 'nope' }).split('\n');
    expect(lines.map((l) => l.split(' ')[2])).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'REDIS_URL']));
    expect(lines).toHaveLength(3);
  });

  test('DB_POOL_MIN above DB_POOL_MAX', () => {
    expect(failure({ DB_POOL_MIN: '20', DB_POOL_MAX: '10' })).toBe('Invalid configuration: DB_POOL_MIN must not exceed DB_POOL_MAX');
  });
});

test('production without BETTER_AUTH_SECRET refuses to start; development does not', () => {
  expect(failure({ NODE_ENV: 'production' })).toMatch(/^Invalid configuration: BETTER_AUTH_SECRET is required in production/);
  expect(failure({ NODE_ENV: 'production', BETTER_AUTH_SECRET: '' })).toMatch(/BETTER_AUTH_SECRET is required/);
  expect(loadConfig({ NODE_ENV: 'development' }).auth.secret).toBeUndefined();
  expect(loadConfig({ NODE_ENV: 'production', BETTER_AUTH_SECRET: SECRET }).auth.secret).toBe(SECRET);
});

test('an empty variable counts as unset', () => {
  expect(loadConfig({ PORT: '', REDIS_URL: '', JWT_ISSUER: '', HOST: '' })).toMatchObject({ port: 3000, redisUrl: undefined, host: '0.0.0.0' });
});

test('in development a generated secret is kept under DATA_DIR, so tokens survive restarts', async () => {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'taskhex-secret-')), 'nested', '.data');
  try {
    const first = await loadOrCreateLocalSecret(dataDir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await readFile(join(dataDir, 'auth-secret'), 'utf8')).trim()).toBe(first);
    expect((await stat(join(dataDir, 'auth-secret'))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateLocalSecret(dataDir)).toBe(first);
  } finally {
    await rm(join(dataDir, '..', '..'), { recursive: true, force: true });
  }
});

test('.env.example lists every variable, and its values are accepted as they stand', async () => {
  const text = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
  const entries = Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const source = await readFile(new URL('../../src/infrastructure/config/config.ts', import.meta.url), 'utf8');
  const schemaKeys = [...source.matchAll(/^ {2}([A-Z][A-Z_]+): /gm)].map((m) => m[1]);
  expect(schemaKeys.length).toBeGreaterThan(20);
  expect(Object.keys(entries).sort()).toEqual([...schemaKeys].sort());
  expect(() => loadConfig(entries)).not.toThrow();
});
