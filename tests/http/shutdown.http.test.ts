import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startHttpServer } from '../../src/interfaces/http/server.js';
import { rawRequest } from '../support/raw-http.js';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

let h: Harness;
let user: TestUser;
beforeAll(async () => {
  h = await startHarness();
  user = await registerUser(h);
  for (let i = 0; i < 20; i++) await h.http.post('/api/v1/tasks').set(user.auth).send({ title: `Task ${i}` });
});
afterAll(async () => {
  await h.close();
});

test('stop() refuses new connections while every in-flight request completes with 2xx', async () => {
  const app = h.app.callback();
  const arrived: (() => void)[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  // Requests marked X-Test-Hold wait at the door until the test opens it, so they are surely in flight
  // when stop() begins; then the real app serves them.
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!req.headers['x-test-hold']) return void app(req, res);
    arrived.shift()?.();
    void gate.then(() => app(req, res));
  };
  const running = await startHttpServer(handler, { host: '127.0.0.1', port: 0, shutdownGraceMs: 20_000 });
  const base = `http://127.0.0.1:${running.address.port}`;

  const count = 8;
  const allArrived = new Promise<void>((resolve) => {
    let n = 0;
    for (let i = 0; i < count; i++) arrived.push(() => ++n === count && resolve());
  });
  // Keep-alive asked for explicitly (a client without an agent would send `Connection: close` itself),
  // so the `Connection: close` of the answers is the server's doing.
  const headers = { ...user.auth, 'X-Test-Hold': '1', Connection: 'keep-alive' };
  const inFlight = [
    ...Array.from({ length: count - 2 }, () => rawRequest(`${base}/api/v1/tasks?limit=100`, { headers })),
    rawRequest(`${base}/api/v1/tasks`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Written during shutdown' }),
    }),
    rawRequest(`${base}/readyz`, { headers }),
  ];
  await allArrived;

  const stopped = running.stop();
  await expect(rawRequest(`${base}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  release();

  const responses = await Promise.all(inFlight);
  expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 201, 200]);
  for (const r of responses) expect(r.headers.connection).toBe('close');
  expect(JSON.parse(responses[0]!.body).items).toHaveLength(20);
  expect(await stopped).toEqual({ drained: true });
  expect(running.server.listening).toBe(false);
  // The write made during shutdown is really there.
  const list = await h.http.get('/api/v1/tasks?q=shutdown').set(user.auth);
  expect(list.body.total).toBe(1);
});

test('after the grace period stop() closes connections that are still busy', async () => {
  const running = await startHttpServer(() => {}, { host: '127.0.0.1', port: 0, shutdownGraceMs: 50 });
  const hanging = rawRequest(`http://127.0.0.1:${running.address.port}/never-answers`);
  await new Promise((resolve) => running.server.once('request', resolve));
  expect(await running.stop()).toEqual({ drained: false });
  await expect(hanging).rejects.toThrow();
});
