// `npm run examples`: packs Taskhex as it would be published (prepack builds dist/), installs the tarball
// into a copy of examples/in-process in a temporary folder, and there:
//   1. type-checks a consumer of every entry (strict, noImplicitAny, no silent `any`) and the example;
//   2. checks that importing `taskhex/domain` loads no ORM, HTTP, container or bcrypt module;
//   3. runs the example's unit tests on the in-memory kit;
//   4. runs the example service against a fresh database: on TEST_DATABASE_URL's (or DATABASE_URL's)
//      server when set, else on an embedded PostgreSQL.
// Exits non-zero when any step fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { forbiddenLoads } from './forbidden-in-domain.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'taskhex-examples-'));
chmodSync(work, 0o755);
const app = join(work, 'in-process');
const step = (name) => process.stdout.write(`\n[examples] ${name}\n`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

async function main() {
  step('npm pack (builds dist/)');
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }).toString(),
  );
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  for (const required of ['package.json', 'README.md', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/domain/index.d.ts']) {
    if (!files.includes(required)) throw new Error(`the tarball lacks ${required}`);
  }
  const strays = files.filter((f) => !/^(package\.json|README\.md|dist\/src\/.*\.(js|d\.ts))$/.test(f));
  if (strays.length > 0) throw new Error(`the tarball carries unexpected files: ${strays.join(', ')}`);

  step('install the tarball into a copy of examples/in-process');
  cpSync(join(root, 'examples/in-process'), app, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  pkg.dependencies.taskhex = `file:${tarball}`;
  writeFileSync(join(app, 'package.json'), JSON.stringify(pkg, null, 2));
  // Optional dependencies are the embedded PostgreSQL binaries: the example never starts one itself.
  run('npm', ['install', '--prefer-offline', '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app });

  step('type-check a consumer of every entry, and the example');
  run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: app });

  step('taskhex/domain loads no ORM, HTTP, container or bcrypt module');
  const log = join(work, 'domain-loads.log');
  run(
    process.execPath,
    ['--import', pathToFileURL(join(root, 'scripts/record-module-loads.mjs')).href, '--input-type=module', '-e', "await import('taskhex/domain')"],
    { cwd: app, env: { ...process.env, MODULE_LOAD_LOG: log } },
  );
  const loads = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  if (!loads.some((l) => l.includes('node_modules/taskhex/dist/src/domain/'))) throw new Error('taskhex/domain was not loaded');
  const forbidden = forbiddenLoads(loads);
  if (forbidden.length > 0) throw new Error(`taskhex/domain loaded ${forbidden.join(', ')}`);

  step('the host unit test on the in-memory kit');
  run('npm', ['test', '--silent'], { cwd: app });

  step('the in-process service on PostgreSQL');
  const db = await freshDatabase();
  try {
    run('npm', ['start', '--silent'], { cwd: app, env: { ...process.env, DATABASE_URL: db.url } });
  } finally {
    await db.drop();
  }
}

/** A new, empty database on the test server (migrated by the example itself), or an embedded one. */
async function freshDatabase() {
  const admin = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!admin) {
    const { startEmbeddedPostgres } = await import(pathToFileURL(join(root, 'dist/src/infrastructure/database/embedded-postgres.js')).href);
    const port = 55000 + Math.floor(Math.random() * 5000);
    const pg = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), port, unsafeFast: true });
    return { url: pg.url, drop: () => pg.stop() };
  }
  const { default: pg } = await import('pg');
  const name = `taskhex_example_${process.pid}_${Date.now().toString(36)}`;
  const withAdmin = async (sql) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await withAdmin(`create database "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdmin(`drop database if exists "${name}" with (force)`) };
}

try {
  await main();
  process.stdout.write('\n[examples] all passed\n');
} catch (error) {
  process.stderr.write(`\n[examples] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
