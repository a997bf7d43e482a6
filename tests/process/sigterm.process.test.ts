import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { rawRequest } from '../support/raw-http.js';
import { startNodeFlags } from '../support/start-command.js';

/**
 * The built server as a user runs it (`node dist/src/main.js` with `npm start`'s flags), stopped with SIGTERM while requests
 * are running: none of them is reset, and the process exits 0.
 */
let db: TestDatabase;
let dataDir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  await promisify(execFile)('node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: process.cwd() });
  db = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'taskhex-sigterm-'));
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('SIGTERM during requests: every request completes, new ones are refused, exit code 0', async () => {
  const port = await freePort();
  child = spawn(process.execPath, [...startNodeFlags(), 'dist/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      BETTER_AUTH_SECRET: 'sigterm-test-secret-0123456789abcdef0123',
      BCRYPT_COST: '11',
      LOG_LEVEL: 'info',
      // Generous: on a loaded machine the hashing below can take many seconds; cutting it short is not the point.
      SHUTDOWN_GRACE_MS: '90000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = () => (output.includes('Taskhex listening') ? resolve() : undefined);
    child!.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`server exited before listening:\n${output}`)));
  });
  const base = `http://127.0.0.1:${port}`;

  // Registrations hash with bcrypt (cost 11: over 100 ms each, four at a time on the thread pool),
  // so a batch of them is still running when the signal arrives.
  const requests = Array.from({ length: 8 }, (_, i) =>
    rawRequest(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `sigterm-${i}@example.com`, password: 'correct horse battery' }),
    }),
  );
  // Connections are accepted in order: once a later one is answered, the registrations are in.
  expect((await rawRequest(`${base}/healthz`)).status).toBe(200);
  child.kill('SIGTERM');

  const results = await Promise.allSettled(requests);
  const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
  expect(failures).toEqual([]);
  expect(results.map((r) => (r as PromiseFulfilledResult<{ status: number }>).value.status)).toEqual(Array(8).fill(201));
  expect(await exited).toBe(0);
  expect(output).toContain('shutting down');
  expect(output).toContain('"msg":"stopped"');
  expect(output).not.toContain('grace period over');
  await expect(rawRequest(`${base}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
}, 150_000);

test('a bad variable stops the built server with exit 1 and one line naming it', async () => {
  const run = promisify(execFile)(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH, PORT: 'eighty', DATA_DIR: dataDir },
    timeout: 30_000,
  });
  const failed = await run.then(
    () => null,
    (error: { code?: number; stdout: string; stderr: string }) => error,
  );
  expect(failed).not.toBeNull();
  expect(failed!.code).toBe(1);
  expect(failed!.stderr).toBe('Invalid configuration: PORT must be an integer from 0 to 65535\n');
  expect(failed!.stdout).toBe('');
});
