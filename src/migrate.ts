import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { openOrm } from './infrastructure/database/open-orm.js';
import { resolveDatabase } from './infrastructure/database/resolve-database.js';

/** `npm run migrate`: apply pending migrations to DATABASE_URL (or the embedded database) and exit. */
async function migrate(): Promise<void> {
  const config = loadConfig();
  const db = await resolveDatabase(config, () => {});
  const orm = await openOrm({ url: db.url, migrate: false });
  try {
    const applied = await orm.getMigrator().up();
    process.stdout.write(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'no pending migrations\n');
  } finally {
    await orm.close(true);
    await db.stop();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `migration failed: ${String(error)}`}\n`);
  process.exit(1);
});
