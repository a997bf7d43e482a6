import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createTaskhex, type Taskhex } from '../../src/index.js';
import { taskJson } from '../../src/interfaces/http/presenters.js';
import { registerUser, startHarness, TEST_SECRET, type Harness, type TestUser } from '../support/http-harness.js';
import { failure } from './support.js';

// The same scenarios over HTTP and in-process, on one database: same results, same error codes.
let h: Harness;
let th: Taskhex;
let ada: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await startHarness();
  th = await createTaskhex({ orm: h.orm, secret: TEST_SECRET, bcryptCost: 4 });
  ada = await registerUser(h);
  bob = await registerUser(h);
});
afterAll(async () => {
  await th.close();
  await h.close();
});

const as = (u: TestUser) => ({ userId: u.id });

test('a task created in-process reads the same over HTTP, and the other way round', async () => {
  const made = await th.tasks.create(as(ada), { title: ' Buy milk ', priority: 'high', due_at: '2026-12-01T09:00:00+02:00' });
  const viaHttp = await h.http.get(`/api/v1/tasks/${made.id}`).set(ada.auth);
  expect(viaHttp.status).toBe(200);
  expect(viaHttp.body).toEqual(taskJson(made));

  const posted = await h.http.post('/api/v1/tasks').set(ada.auth).send({ title: 'Call Bob', description: 'about lunch' });
  expect(taskJson(await th.tasks.get(as(ada), posted.body.id))).toEqual(posted.body);
});

test('lists give the same page', async () => {
  const query = { limit: 1, sort: 'title', q: 'b' };
  const page = await th.tasks.list(as(ada), query);
  const viaHttp = await h.http.get('/api/v1/tasks').query(query).set(ada.auth);
  expect(viaHttp.body.items).toEqual(page.items.map((t) => taskJson(t)));
  expect(viaHttp.body).toMatchObject({ total: page.total, has_more: page.hasMore, limit: 1, offset: 0 });
});

test('the same scenarios fail with the same codes and field problems', async () => {
  const adas = await th.tasks.create(as(ada), { title: 'Private' });
  const trashed = await th.tasks.create(as(ada), { title: 'Gone' });
  await th.tasks.softDelete(as(ada), trashed.id);

  const scenarios: Array<[string, () => Promise<unknown>, () => Promise<{ status: number; body: { code: string; errors?: unknown } }>]> = [
    ['another user\'s task', () => th.tasks.get(as(bob), adas.id), () => h.http.get(`/api/v1/tasks/${adas.id}`).set(bob.auth)],
    [
      'changing another user\'s task',
      () => th.tasks.update(as(bob), adas.id, { title: 'mine now' }),
      () => h.http.patch(`/api/v1/tasks/${adas.id}`).set(bob.auth).send({ title: 'mine now' }),
    ],
    ['a blank title', () => th.tasks.create(as(ada), { title: '  ' }), () => h.http.post('/api/v1/tasks').set(ada.auth).send({ title: '  ' })],
    [
      'an unknown field',
      () => th.tasks.create(as(ada), { title: 'x', user_id: bob.id } as never),
      () => h.http.post('/api/v1/tasks').set(ada.auth).send({ title: 'x', user_id: bob.id }),
    ],
    [
      'a bad due date',
      () => th.tasks.update(as(ada), adas.id, { due_at: 'tomorrow' }),
      () => h.http.patch(`/api/v1/tasks/${adas.id}`).set(ada.auth).send({ due_at: 'tomorrow' }),
    ],
    ['a task id that is not a UUID', () => th.tasks.get(as(ada), 'nope'), () => h.http.get('/api/v1/tasks/nope').set(ada.auth)],
    ['a trashed task outside the trash', () => th.tasks.get(as(ada), trashed.id), () => h.http.get(`/api/v1/tasks/${trashed.id}`).set(ada.auth)],
    [
      'a stale version',
      () => th.tasks.update(as(ada), adas.id, { title: 'new' }, { expectedVersion: 99 }),
      () => h.http.patch(`/api/v1/tasks/${adas.id}`).set(ada.auth).set('If-Match', '"99"').send({ title: 'new' }),
    ],
    ['a bad list parameter', () => th.tasks.list(as(ada), { limit: 0 }), () => h.http.get('/api/v1/tasks?limit=0').set(ada.auth)],
    [
      'an unknown list parameter',
      () => th.tasks.list(as(ada), { colour: 'red' } as never),
      () => h.http.get('/api/v1/tasks?colour=red').set(ada.auth),
    ],
    [
      'an e-mail already registered',
      () => th.auth.register({ email: ada.email, password: 'correct horse battery' }),
      () => h.http.post('/api/v1/auth/register').send({ email: ada.email, password: 'correct horse battery' }),
    ],
    [
      'a wrong password',
      () => th.auth.logIn({ email: ada.email, password: 'wrong wrong wrong' }),
      () => h.http.post('/api/v1/auth/login').send({ email: ada.email, password: 'wrong wrong wrong' }),
    ],
    ['a bad token', () => th.actorFromToken('not-a-token'), () => h.http.get('/api/v1/auth/me').set({ Authorization: 'Bearer not-a-token' })],
  ];

  const codes: Array<string | undefined> = [];
  for (const [name, inProcess, overHttp] of scenarios) {
    const error = await failure(inProcess());
    codes.push(error.code);
    const res = await overHttp();
    expect({ name, code: error.code, errors: error.errors ?? [] }).toEqual({
      name,
      code: res.body.code,
      errors: res.body.errors ?? [],
    });
  }
  expect(codes).toEqual([
    'forbidden',
    'forbidden',
    'validation_failed',
    'validation_failed',
    'validation_failed',
    'validation_failed',
    'not_found',
    'precondition_failed',
    'validation_failed',
    'validation_failed',
    'conflict',
    'invalid_credentials',
    'unauthorized',
  ]);
  // Nothing the failures touched changed.
  expect(await th.tasks.get(as(ada), adas.id)).toMatchObject({ title: 'Private', version: 1 });
});

test('a matching version goes through; the result is the one HTTP would give next', async () => {
  const t = await th.tasks.create(as(ada), { title: 'v1' });
  const updated = await th.tasks.update(as(ada), t.id, { title: 'v2' }, { expectedVersion: t.version });
  const viaHttp = await h.http.get(`/api/v1/tasks/${t.id}`).set(ada.auth);
  expect(viaHttp.headers.etag).toBe(`"${updated.version}"`);
  expect(viaHttp.body).toEqual(taskJson(updated));
});

test('a token issued over HTTP resolves to the same user in-process', async () => {
  const actor = await th.actorFromToken(ada.token);
  expect(actor.userId).toBe(ada.id);
  const me = await th.auth.me(actor);
  const viaHttp = await h.http.get('/api/v1/auth/me').set(ada.auth);
  expect(viaHttp.body).toEqual({ id: me.id, email: me.email, name: me.name, created_at: me.createdAt.toISOString() });
});
