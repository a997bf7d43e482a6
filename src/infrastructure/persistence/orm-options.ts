import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export interface OrmOptionsInput {
  readonly clientUrl: string;
  readonly pool?: { readonly min: number; readonly max: number } | undefined;
  readonly debug?: boolean | undefined;
}

/**
 * The one MikroORM configuration, used by the server, the CLI config (mikro-orm.config.ts), the
 * library entry and the tests. Migrations are listed explicitly (no folder scanning), so the same
 * code runs from src/ under Jest and from dist/ after a build.
 */
export function ormOptions(input: OrmOptionsInput): Options {
  return defineConfig({
    clientUrl: input.clientUrl,
    entities: ENTITIES,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      path: 'src/infrastructure/persistence/migrations',
      pathTs: 'src/infrastructure/persistence/migrations',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    pool: {
      min: input.pool?.min ?? 2,
      max: input.pool?.max ?? 30,
      // Fail fast (503) instead of queueing forever when the database is gone.
      acquireTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
    driverOptions: {
      connection: { connectionTimeoutMillis: 3_000, statement_timeout: 15_000, application_name: 'taskhex' },
    },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: input.debug ?? false,
  });
}
