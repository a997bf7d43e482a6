import { MikroORM } from '@mikro-orm/postgresql';
import type { MikroORM as AnyOrm } from '@mikro-orm/core';
import { ormOptions } from '../persistence/orm-options.js';

/**
 * Taskhex's migrations on a host's database. The host's ORM carries the host's own migration settings,
 * so Taskhex's run through a short-lived ORM of its own on the same connection settings (and record
 * themselves in the same default table as a standalone Taskhex, so either can take over).
 * `check` only refuses to start when some are pending.
 */
export async function migrateAlongside(host: AnyOrm, mode: 'apply' | 'check'): Promise<void> {
  const c = host.config;
  const orm = await MikroORM.init({
    ...ormOptions({ clientUrl: c.get('clientUrl') ?? '', pool: { min: 0, max: 1 } }),
    clientUrl: c.get('clientUrl'),
    host: c.get('host'),
    port: c.get('port'),
    user: c.get('user'),
    password: c.get('password'),
    dbName: c.get('dbName'),
    schema: c.get('schema'),
    driverOptions: c.get('driverOptions'),
  });
  try {
    if (mode === 'apply') await orm.getMigrator().up();
    else await assertMigrated(orm);
  } finally {
    await orm.close(true);
  }
}

/** Refuses to go on while some of Taskhex's migrations are not applied. */
export async function assertMigrated(orm: MikroORM): Promise<void> {
  const pending = await orm.getMigrator().getPendingMigrations();
  if (pending.length > 0) {
    throw new Error(`Taskhex migrations are pending on this database: ${pending.map((m) => m.name).join(', ')}`);
  }
}
