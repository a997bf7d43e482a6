import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { openOrm } from './infrastructure/database/open-orm.js';
import { resolveDatabase } from './infrastructure/database/resolve-database.js';

const MIGRATIONS_DIR = 'src/infrastructure/persistence/migrations';

/**
 * `npm run migration:create [-- name]`: brings DATABASE_URL (or the embedded database) up to date,
 * then writes a TypeScript migration for whatever the EntitySchema mappings add on top, and lists
 * it in migrations/index.ts (migrations are listed explicitly, never found by scanning a folder).
 */
async function createMigration(): Promise<void> {
  const name = process.argv[2];
  if (name !== undefined && !/^[A-Za-z0-9_]{1,60}$/.test(name)) throw new ConfigError('the migration name may use letters, digits and _ only');
  const config = loadConfig();
  const db = await resolveDatabase(config, () => {});
  const orm = await openOrm({ url: db.url, migrate: true });
  try {
    const result = await orm.getMigrator().createMigration(MIGRATIONS_DIR, false, false, name);
    if (!result.fileName) {
      process.stdout.write('no changes: the database already matches the mappings\n');
      return;
    }
    const className = basename(result.fileName).replace(/\.ts$/, '');
    await listMigration(className);
    process.stdout.write(
      `created ${join(MIGRATIONS_DIR, result.fileName)} and listed it in migrations/index.ts\n` +
        `review it, then apply with \`npm run migrate\` (or restart: MIGRATE_ON_START)\n`,
    );
  } finally {
    await orm.close(true);
    await db.stop();
  }
}

async function listMigration(className: string): Promise<void> {
  const index = join(MIGRATIONS_DIR, 'index.ts');
  let source = await readFile(index, 'utf8');
  const imports = [...source.matchAll(/^import .*;$/gm)];
  const lastImport = imports.at(-1)!;
  const at = lastImport.index + lastImport[0].length;
  source = `${source.slice(0, at)}\nimport { ${className} } from './${className}.js';${source.slice(at)}`;
  source = source.replace(/\n\];/, `\n  { name: '${className}', class: ${className} },\n];`);
  await writeFile(index, source);
}

createMigration().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `migration:create failed: ${String(error)}`}\n`);
  process.exit(1);
});
