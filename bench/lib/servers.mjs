// The two systems under test, each its own process on 127.0.0.1.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, log, sleep } from './util.mjs';

async function waitReady(name, base, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${name} was not ready within 30 s`);
}

async function start(name, args, env, { cwd }) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(name, base, child);
  log(`${name} listening on ${base} (pid ${child.pid})`);
  return {
    name,
    base,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** The node flags `npm start` gives the server (package.json), so the benchmark runs what users run. */
export function startNodeFlags(root) {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  const match = /^exec node ((?:--\S+\s+)*)dist\/src\/main\.js$/.exec(start);
  if (!match) throw new Error(`unexpected start script: ${start}`);
  return match[1].split(/\s+/).filter(Boolean);
}

export function startTaskhex({ root, databaseUrl, secret, pool, profileDir }) {
  const args = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  return start(
    'taskhex',
    [...startNodeFlags(root), ...args, join(root, 'dist/src/main.js')],
    {
      NODE_ENV: 'production',
      // Plain HTTP on 127.0.0.1: a Secure cookie cannot be set there (the login would fail).
      COOKIE_SECURE: 'false',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: secret,
      MIGRATE_ON_START: 'false',
      RATE_LIMIT_PER_HOUR: '10000000',
      AUTH_RATE_LIMIT_PER_HOUR: '10000000',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      DB_POOL_MIN: '2',
      DB_POOL_MAX: String(pool),
    },
    { cwd: root },
  );
}

export function startBaseline({ root, databaseUrl, secret, pool }) {
  return start(
    'baseline',
    [...startNodeFlags(root), join(root, 'bench/baseline/server.mjs')],
    { DATABASE_URL: databaseUrl, BETTER_AUTH_SECRET: secret, POOL_MAX: String(pool) },
    { cwd: root },
  );
}
