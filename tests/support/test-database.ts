import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { openOrm } from '../../src/infrastructure/database/open-orm.js';

export interface TestDatabase {
  readonly url: string;
  readonly orm: MikroORM;
  /** Empties every table (between tests of one file). */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A private database for one test file (or a blank one). The first file of a run migrates a template database (under
 * an advisory lock, so parallel workers do it once); every file clones the template, which is fast.
 */
export async function createTestDatabase(options: { blank?: boolean } = {}): Promise<TestDatabase> {
  const admin = process.env.TASKHEX_TEST_ADMIN_URL;
  const run = process.env.TASKHEX_TEST_RUN;
  if (!admin || !run) throw new Error('Jest global setup did not run');
  // blank: an empty database with no tables, for tests that build the schema another way.
  const template = options.blank ? 'template0' : `taskhex_tpl_${run}`;
  if (!options.blank) await withAdmin(admin, async (client) => {
    await client.query('select pg_advisory_lock(7243901)');
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) {
        await client.query(`create database "${template}"`);
        const orm = await openOrm({ url: withDatabase(admin, template), migrate: true, pool: { min: 0, max: 1 } });
        await orm.close(true);
      }
    } finally {
      await client.query('select pg_advisory_unlock(7243901)');
    }
  });

  const name = `taskhex_t_${run}_${process.pid}_${counter++}`;
  await withAdmin(admin, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        // Two clones of one template at the same instant can collide; a retry a moment later succeeds.
        if (attempt >= 30 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      }
    }
  });
  const url = withDatabase(admin, name);
  const orm = await openOrm({ url, migrate: false, pool: { min: 0, max: 10 } });
  return {
    url,
    orm,
    truncate: async () => {
      await orm.em.fork().getConnection().execute('truncate table tasks, user_identities, users cascade');
    },
    drop: async () => {
      await orm.close(true);
      await withAdmin(admin, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
