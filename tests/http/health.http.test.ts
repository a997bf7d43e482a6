import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import supertest from 'supertest';
import { buildContainer } from '../../src/infrastructure/container/build-container.js';
import { ormOptions } from '../../src/infrastructure/persistence/orm-options.js';
import { createApp } from '../../src/interfaces/http/app.js';
import { problemResponse } from '../../src/interfaces/schemas/response-schemas.js';
import { registerUser, startHarness, TEST_SECRET, type Harness } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('/healthz and /readyz answer 200 while the database answers', async () => {
  expect((await h.http.get('/healthz')).body).toEqual({ status: 'ok' });
  const ready = await h.http.get('/readyz');
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ status: 'ready' });
});

test('with the database unreachable: /readyz is 503, /healthz stays 200, data routes answer a 503 problem', async () => {
  const user = await registerUser(h);
  // connect: false, as a server whose database went away after start-up: init itself would throw.
  const options = ormOptions({ clientUrl: `postgresql://postgres@127.0.0.1:${await closedPort()}/taskhex`, pool: { min: 0, max: 2 } });
  const orm = await MikroORM.init({ ...options, connect: false });
  try {
    const container = buildContainer({ orm, settings: { secret: TEST_SECRET, tokenLifetimeSeconds: 3600, autoProvision: false, bcryptCost: 4 } });
    const app = createApp(container, pino({ level: 'silent' }), {
      corsOrigins: [],
      cookieSecure: false,
      bodyLimitBytes: 65536,
      aliasListShape: 'object',
      trustProxy: false,
    });
    const http = supertest(app.callback());

    const ready = await http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', database: 'unreachable' });
    expect((await http.get('/healthz')).status).toBe(200);

    // A valid token (same secret) whose user cannot be looked up: 503, never a 500 or a 401.
    const tasks = await http.get('/api/v1/tasks').set(user.auth);
    expect(tasks.status).toBe(503);
    expect(tasks.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(problemResponse.parse(tasks.body).code).toBe('unavailable');
    expect(tasks.headers['retry-after']).toBeDefined();
  } finally {
    await orm.close(true);
  }
});

test('/readyz turns 503 when the pool is closed under a running app', async () => {
  const other = await startHarness();
  try {
    expect((await other.http.get('/readyz')).status).toBe(200);
    await other.orm.close(true);
    expect((await other.http.get('/readyz')).status).toBe(503);
  } finally {
    await other.close();
  }
});
