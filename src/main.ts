import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { loadOrCreateLocalSecret } from './infrastructure/config/local-secret.js';
import { buildContainer } from './infrastructure/container/build-container.js';
import { settingsFromConfig } from './infrastructure/container/settings-from-config.js';
import { openOrm } from './infrastructure/database/open-orm.js';
import { resolveDatabase } from './infrastructure/database/resolve-database.js';
import { createLogger } from './infrastructure/logging/logger.js';
import { TOKENS } from './infrastructure/container/tokens.js';
import { startRetentionScheduler } from './infrastructure/scheduling/retention-scheduler.js';
import { createRateLimiters } from './infrastructure/rate-limit/rate-limiters.js';
import { createApp } from './interfaces/http/app.js';
import { rateLimitGuards } from './interfaces/http/middleware/rate-limit.js';
import { startHttpServer } from './interfaces/http/server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, pretty: config.env === 'development' && process.stdout.isTTY });
  const secret = config.auth.secret ?? (await loadOrCreateLocalSecret(config.dataDir));
  if (!config.auth.secret) logger.warn('BETTER_AUTH_SECRET is not set: using a generated development secret kept in %s', config.dataDir);

  const db = await resolveDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'));
  if (db.embedded) logger.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'embedded PostgreSQL started');
  const orm = await openOrm({ url: db.url, pool: config.pool, migrate: config.migrateOnStart });

  const container = buildContainer({ orm, settings: settingsFromConfig(config, secret) });
  const limiters = createRateLimiters({
    perUser: config.rateLimit.perHour,
    perAddress: config.rateLimit.authPerHour,
    redisUrl: config.redisUrl,
    onStoreError: (error) => logger.warn({ err: error }, 'Redis unreachable: rate limits are counted per instance in memory until it is back'),
  });
  const app = createApp(container, logger, {
    corsOrigins: config.corsOrigins,
    cookieSecure: config.cookieSecure,
    bodyLimitBytes: config.bodyLimitBytes,
    aliasListShape: config.aliasListShape,
    trustProxy: config.trustProxy,
    ...rateLimitGuards(limiters),
  });

  const http = await startHttpServer(app.callback(), {
    host: config.host,
    port: config.port,
    shutdownGraceMs: config.shutdownGraceMs,
  });
  logger.info({ host: config.host, port: http.address.port }, 'Taskhex listening');
  const retention = startRetentionScheduler({
    orm,
    purge: container.get(TOKENS.PurgeExpiredTrash),
    logger,
    intervalMs: config.trashPurgeIntervalMs,
    firstRunAfterMs: Math.min(60_000, config.trashPurgeIntervalMs),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const { drained } = await http.stop();
    if (!drained) logger.warn({ graceMs: config.shutdownGraceMs }, 'grace period over: closed the remaining connections');
    await retention.stop();
    await limiters.close().catch((error: unknown) => logger.error({ err: error }, 'closing Redis failed'));
    await orm.close(true).catch((error: unknown) => logger.error({ err: error }, 'closing the pool failed'));
    await db.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping PostgreSQL failed'));
    logger.info('stopped');
    logger.flush?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Taskhex failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
