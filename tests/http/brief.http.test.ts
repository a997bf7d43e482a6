import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { countRows, registerUser, startHarness, TEST_SECRET, type Harness, type TestUser } from '../support/http-harness.js';

let h: Harness;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await startHarness();
  alice = await registerUser(h);
  bob = await registerUser(h);
});
afterAll(async () => {
  await h.close();
});

const base = (u: TestUser) => `/api/${u.id}/tasks`;

function expectProblem(res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}

async function stored(id: string) {
  const rows = await h.orm.em.fork().getConnection().execute('select * from tasks where id = ?', [id]);
  return rows[0] ?? null;
}

describe('/api/{user_id}/tasks: the caller\'s own id', () => {
  test('create (201, Location under the same path), list in the brief\'s shape, get, PUT merges, PATCH, complete, delete', async () => {
    const created = await h.http.post(base(alice)).set(alice.auth).send({ title: 'Buy milk', priority: 'medium', description: 'oat' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user_id: alice.id, title: 'Buy milk', priority: 'normal', completed: false, is_completed: false });
    expect(created.headers.location).toBe(`${base(alice)}/${created.body.id}`);
    expect(created.headers.etag).toBe('"1"');
    const id = created.body.id as string;

    const list = await h.http.get(base(alice)).set(alice.auth);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0, has_more: false, next_cursor: null });
    expect(list.body.tasks.map((t: { id: string }) => t.id)).toEqual([id]);

    expect((await h.http.get(`${base(alice)}/${id}`).set(alice.auth)).body).toMatchObject({ id, completed: false });

    await h.http.patch(`${base(alice)}/${id}/complete`).set(alice.auth).set('Content-Type', 'application/json').expect(200);
    // PUT on the brief's surface changes only the given fields: it must not reopen the task.
    const put = await h.http.put(`${base(alice)}/${id}`).set(alice.auth).send({ title: 'Buy oat milk' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ title: 'Buy oat milk', description: 'oat', completed: true, is_completed: true });

    const patched = await h.http.patch(`${base(alice)}/${id}`).set(alice.auth).send({ completed: false });
    expect(patched.body).toMatchObject({ completed: false, completed_at: null });

    await h.http.delete(`${base(alice)}/${id}`).set(alice.auth).expect(204);
    expect((await h.http.get(`${base(alice)}/trash`).set(alice.auth)).body.tasks.map((t: { id: string }) => t.id)).toEqual([id]);
    await h.http.post(`${base(alice)}/${id}/restore`).set(alice.auth).expect(200);
    await h.http.delete(`${base(alice)}/${id}?permanent=true`).set(alice.auth).expect(204);
    expect(await stored(id)).toBeNull();
  });

  test('completed and is_completed that disagree are 422; search is q', async () => {
    const tasks = await countRows(h, 'tasks');
    expectProblem(await h.http.post(base(alice)).set(alice.auth).send({ title: 'x', completed: true, is_completed: false }), 422, 'validation_failed');
    expect(await countRows(h, 'tasks')).toBe(tasks);
    await h.http.post(base(alice)).set(alice.auth).send({ title: 'needle in a haystack' }).expect(201);
    const found = await h.http.get(base(alice)).query({ search: 'NEEDLE' }).set(alice.auth);
    expect(found.body.tasks.map((t: { title: string }) => t.title)).toEqual(['needle in a haystack']);
  });

  test('the same validation as /api/v1: a 501-character title and unknown fields are 422', async () => {
    const tasks = await countRows(h, 'tasks');
    expectProblem(await h.http.post(base(alice)).set(alice.auth).send({ title: 'x'.repeat(501) }), 422, 'validation_failed');
    expectProblem(await h.http.post(base(alice)).set(alice.auth).send({ title: 'x', user_id: bob.id }), 422, 'validation_failed');
    expect(await countRows(h, 'tasks')).toBe(tasks);
  });

  test('another user\'s task under one\'s own path is still 403; an unknown one 404; a non-UUID id 422', async () => {
    const bobs = (await h.http.post(base(bob)).set(bob.auth).send({ title: 'bob' })).body;
    const before = await stored(bobs.id);
    expectProblem(await h.http.get(`${base(alice)}/${bobs.id}`).set(alice.auth), 403, 'forbidden');
    expectProblem(await h.http.put(`${base(alice)}/${bobs.id}`).set(alice.auth).send({ title: 'mine' }), 403, 'forbidden');
    expectProblem(await h.http.delete(`${base(alice)}/${bobs.id}`).set(alice.auth), 403, 'forbidden');
    expect(await stored(bobs.id)).toEqual(before);
    expectProblem(await h.http.get(`${base(alice)}/${randomUUID()}`).set(alice.auth), 404, 'not_found');
    expectProblem(await h.http.get(`${base(alice)}/42`).set(alice.auth), 422, 'validation_failed');
  });
});

describe('/api/{user_id}/tasks: someone else\'s id', () => {
  const routes: [string, (path: string) => ReturnType<Harness['http']['get']>][] = [
    ['GET list', (p) => h.http.get(p)],
    ['POST', (p) => h.http.post(p).send({ title: 'x' })],
    ['GET one', (p) => h.http.get(`${p}/${randomUUID()}`)],
    ['PUT', (p) => h.http.put(`${p}/${randomUUID()}`).send({ title: 'x' })],
    ['PATCH', (p) => h.http.patch(`${p}/${randomUUID()}`).send({ title: 'x' })],
    ['PATCH complete', (p) => h.http.patch(`${p}/${randomUUID()}/complete`)],
    ['DELETE', (p) => h.http.delete(`${p}/${randomUUID()}`)],
  ];

  test.each(routes)('%s: 401 without a token, then 403 for another user\'s id (UUID or not)', async (_label, send) => {
    const tasks = await countRows(h, 'tasks');
    expectProblem(await send(base(bob)), 401, 'unauthorized');
    expectProblem(await send(base(bob)).set(alice.auth), 403, 'forbidden');
    expectProblem(await send('/api/not-a-uuid/tasks').set(alice.auth), 403, 'forbidden');
    expectProblem(await send(`/api/${randomUUID()}/tasks`).set(alice.auth), 403, 'forbidden');
    expect(await countRows(h, 'tasks')).toBe(tasks);
  });

  test('bob\'s tasks are not listed under bob\'s path for alice', async () => {
    await h.http.post(base(bob)).set(bob.auth).send({ title: 'private' }).expect(201);
    const res = await h.http.get(base(bob)).set(alice.auth);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('private');
  });
});

describe('front-end users with opaque subjects (AUTH_AUTO_PROVISION=true)', () => {
  let fe: Harness;
  beforeAll(async () => {
    fe = await startHarness({ settings: { autoProvision: true } });
  });
  afterAll(async () => {
    await fe.close();
  });

  // A stock Better Auth user id: 32 letters and digits, not a UUID.
  const subject = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY';
  const bearer = (sub: string) => ({
    Authorization: `Bearer ${jwt.sign({ sub, email: `${sub.toLowerCase()}@example.com`, name: 'Front End' }, TEST_SECRET, { algorithm: 'HS256', expiresIn: 60 })}`,
  });

  test('concurrent first requests provision exactly one user', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => fe.http.get('/api/v1/auth/me').set(bearer(subject))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await countRows(fe, 'users')).toBe(1);
    expect(await countRows(fe, 'user_identities')).toBe(1);
  });

  test('the path may name the caller by subject or by Taskhex id; another subject is 403', async () => {
    const me = (await fe.http.get('/api/v1/auth/me').set(bearer(subject))).body;
    const created = await fe.http.post(`/api/${subject}/tasks`).set(bearer(subject)).send({ title: 'from the front end' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/${subject}/tasks/${created.body.id}`);
    const bySubject = await fe.http.get(`/api/${subject}/tasks`).set(bearer(subject));
    const byId = await fe.http.get(`/api/${me.id}/tasks`).set(bearer(subject));
    expect(bySubject.body.tasks.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
    expect(byId.body.tasks).toEqual(bySubject.body.tasks);
    expectProblem(await fe.http.get('/api/zZ9yY8xX7wW6vV5uU4tT3sS2rR1qQ0pP/tasks').set(bearer(subject)), 403, 'forbidden');
  });
});
