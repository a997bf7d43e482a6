import { createServer } from 'node:http';
import { Server as NetServer } from 'node:net';
import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { loadOrCreateLocalSecret } from './infrastructure/config/local-secret.js';
import { buildContainer } from './infrastructure/container/build-container.js';
import { settingsFromConfig } from './infrastructure/container/settings-from-config.js';
import { openOrm } from './infrastructure/database/open-orm.js';
import { resolveDatabase } from './infrastructure/database/resolve-database.js';
import { createLogger } from './infrastructure/logging/logger.js';
import { createApp } from './interfaces/http/app.js';

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
  const app = createApp(container, logger, {
    corsOrigins: config.corsOrigins,
    cookieSecure: config.cookieSecure,
    bodyLimitBytes: config.bodyLimitBytes,
    aliasListShape: config.aliasListShape,
    trustProxy: config.trustProxy,
  });

  let stopping = false;
  const handle = app.callback();
  // Slow clients cannot hold a connection open forever. Node enforces headersTimeout and requestTimeout
  // only when it sweeps its connections, every connectionsCheckingInterval (30 s by default): a
  // slowloris socket lived 30 s, a stuck body 60 s. Sweeping every second keeps them near their bounds.
  const server = createServer(
    { connectionsCheckingInterval: 1_000, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 },
    (req, res) => {
      // Once stopping, every answer says `Connection: close`, so keep-alive clients leave after the
      // request they are in rather than have their next one cut off when the grace period ends.
      if (stopping) res.setHeader('Connection', 'close');
      return handle(req, res);
    },
  );
  server.maxConnections = 10_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info({ host: config.host, port: config.port }, 'Taskhex listening');

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    // Stop listening but do not cut idle keep-alive connections now, as http.Server#close would: a
    // request may already be on its way on one (a reset for that client). Each open connection gets
    // its next answer with `Connection: close`, and quiet ones end at keepAliveTimeout.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
    await Promise.race([closed, grace]);
    server.closeAllConnections();
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
