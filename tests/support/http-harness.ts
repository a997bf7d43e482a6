import type { MikroORM } from '@mikro-orm/postgresql';
import type { Container } from 'inversify';
import type Koa from 'koa';
import { pino, type Logger } from 'pino';
import supertest from 'supertest';
import { buildContainer } from '../../src/infrastructure/container/build-container.js';
import type { Clock } from '../../src/application/ports/clock.js';
import type { TaskhexSettings } from '../../src/infrastructure/container/settings.js';
import { createApp, type HttpOptions } from '../../src/interfaces/http/app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export interface Harness {
  readonly db: TestDatabase;
  readonly orm: MikroORM;
  readonly container: Container;
  readonly app: Koa;
  readonly http: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly settings?: Partial<TaskhexSettings>;
  readonly http?: Partial<HttpOptions>;
  readonly clock?: Clock;
  /** Defaults to a silent logger; pass one to read the app's log lines. */
  readonly logger?: Logger;
}

/** The real container and Koa app on a private PostgreSQL database; requests go through supertest. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const container = buildContainer({
    orm: db.orm,
    clock: options.clock,
    settings: {
      secret: TEST_SECRET,
      tokenLifetimeSeconds: 3600,
      autoProvision: false,
      bcryptCost: 4,
      ...options.settings,
    },
  });
  const app = createApp(container, options.logger ?? pino({ level: 'silent' }), {
    corsOrigins: ['https://app.example.com'],
    cookieSecure: false,
    bodyLimitBytes: 64 * 1024,
    aliasListShape: 'object',
    trustProxy: false,
    ...options.http,
  });
  const server = app.callback();
  return {
    db,
    orm: db.orm,
    container,
    app,
    http: supertest(server),
    close: () => db.drop(),
  };
}

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly token: string;
  readonly auth: { Authorization: string };
}

let seq = 0;

export async function registerUser(h: Harness, email = `user${++seq}-${Date.now()}@example.com`): Promise<TestUser> {
  const res = await h.http.post('/api/v1/auth/register').send({ email, password: 'correct horse battery' });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, token: res.body.access_token, auth: { Authorization: `Bearer ${res.body.access_token}` } };
}

/** Counts rows straight from the database, to show a rejected request changed nothing. */
export async function countRows(h: Harness, table: 'tasks' | 'users' | 'user_identities'): Promise<number> {
  const rows = await h.orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}
