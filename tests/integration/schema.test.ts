import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let migrated: TestDatabase;
let generated: TestDatabase;
beforeAll(async () => {
  migrated = await createTestDatabase();
  generated = await createTestDatabase({ blank: true });
  await generated.orm.getSchemaGenerator().createSchema();
});
afterAll(async () => {
  await migrated.drop();
  await generated.drop();
});

test('after the migrations, MikroORM sees no difference between the database and the EntitySchemas', async () => {
  const diff = await migrated.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
  expect(diff.trim()).toBe('');
});

/**
 * MikroORM 6.6 compares indexes declared with `expression` by name only (SchemaComparator.diffIndex),
 * so a migration whose index has other columns or another WHERE would pass the check above. Comparing
 * PostgreSQL's own catalog of a migrated database with that of one created from the EntitySchemas
 * catches that, and any drift in columns, defaults and constraints.
 */
async function catalog(orm: MikroORM) {
  const conn = orm.em.fork().getConnection();
  const columns = await conn.execute(
    `select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
       from information_schema.columns where table_schema = 'public' and table_name in ('users', 'user_identities', 'tasks')
      order by table_name, column_name`,
  );
  const indexes = await conn.execute(
    `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in ('users', 'user_identities', 'tasks')
      order by indexname`,
  );
  const constraints = await conn.execute(
    `select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as def from pg_constraint
      where connamespace = 'public'::regnamespace and conrelid::regclass::text in ('users', 'user_identities', 'tasks') order by conname`,
  );
  return { columns, indexes, constraints };
}

test('the migrated catalog equals the catalog created from the EntitySchemas (columns, indexes with expressions, constraints)', async () => {
  const fromMigrations = await catalog(migrated.orm);
  const fromSchemas = await catalog(generated.orm);
  expect(fromMigrations.indexes.length).toBeGreaterThan(10);
  expect(fromMigrations).toEqual(fromSchemas);
});
