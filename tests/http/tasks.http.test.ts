import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { countRows, registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

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

const V1 = '/api/v1/tasks';

function expectProblem(res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}

async function create(user: TestUser, body: object = { title: 'Buy milk' }) {
  const res = await h.http.post(V1).set(user.auth).send(body);
  expect(res.status).toBe(201);
  return res.body as Record<string, unknown> & { id: string; version: number };
}

/** The task as stored, read straight from the database: proves a rejected request changed nothing. */
async function stored(id: string) {
  const rows = await h.orm.em.fork().getConnection().execute('select * from tasks where id = ?', [id]);
  return rows[0] ?? null;
}

describe('create and read', () => {
  test('POST 201: the whole task, Location and ETag', async () => {
    const res = await h.http
      .post(V1)
      .set(alice.auth)
      .send({ title: '  Buy milk  ', description: 'oat', priority: 'high', due_at: '2026-12-01T10:00:00+01:00' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      user_id: alice.id,
      title: 'Buy milk',
      description: 'oat',
      is_completed: false,
      completed_at: null,
      due_at: '2026-12-01T09:00:00.000Z',
      priority: 'high',
      version: 1,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(res.headers.location).toBe(`${V1}/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
  });

  test('POST defaults: description "", normal priority, no due date; created completed sets completed_at', async () => {
    expect(await create(alice, { title: 'x' })).toMatchObject({ description: '', priority: 'normal', due_at: null });
    const done = await create(alice, { title: 'x', is_completed: true });
    expect(done.completed_at).toBe(done.created_at);
  });

  test('GET one: 200 with ETag; If-None-Match with the current ETag is 304', async () => {
    const t = await create(alice);
    const res = await h.http.get(`${V1}/${t.id}`).set(alice.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(t);
    expect(res.headers.etag).toBe('"1"');
    const cached = await h.http.get(`${V1}/${t.id}`).set(alice.auth).set('If-None-Match', '"1"');
    expect(cached.status).toBe(304);
    expect((await h.http.get(`${V1}/${t.id}`).set(alice.auth).set('If-None-Match', '"7"')).status).toBe(200);
  });

  test('GET list: 200 page, newest first, no ETag', async () => {
    const u = await registerUser(h);
    const first = await create(u, { title: 'first' });
    const second = await create(u, { title: 'second' });
    const res = await h.http.get(V1).set(u.auth);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.body).toEqual({ items: [second, first], total: 2, limit: 50, offset: 0, has_more: false, next_cursor: null });
  });

  test('list paging: limit, offset, has_more, total; cursor walk covers all', async () => {
    const u = await registerUser(h);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create(u, { title: `t${i}` }));
    const page = await h.http.get(V1).query({ limit: 2, offset: 2 }).set(u.auth);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2, has_more: true });
    expect(page.body.items).toHaveLength(2);

    const seen: string[] = [];
    let res = await h.http.get(V1).query({ limit: 2 }).set(u.auth);
    seen.push(...res.body.items.map((t: { id: string }) => t.id));
    while (res.body.next_cursor) {
      res = await h.http.get(V1).query({ limit: 2, cursor: res.body.next_cursor }).set(u.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((t: { id: string }) => t.id));
    }
    expect(seen.sort()).toEqual(made.map((t) => t.id).sort());
  });

  test('list filters and sort', async () => {
    const u = await registerUser(h);
    await create(u, { title: 'Alpha milk', priority: 'low' });
    await create(u, { title: 'bravo', priority: 'high', is_completed: true });
    await create(u, { title: 'charlie', description: 'MILK', priority: 'normal' });
    const titles = async (query: Record<string, string>) =>
      (await h.http.get(V1).query(query).set(u.auth)).body.items.map((t: { title: string }) => t.title);
    expect(await titles({ q: 'milk', sort: 'title' })).toEqual(['Alpha milk', 'charlie']);
    expect(await titles({ completed: 'true' })).toEqual(['bravo']);
    expect(await titles({ sort: '-priority' })).toEqual(['bravo', 'charlie', 'Alpha milk']);
    expect(await titles({ priority: 'low' })).toEqual(['Alpha milk']);
  });

  test.each([
    ['unknown parameter', { colour: 'red' }, 'colour'],
    ['limit 0', { limit: '0' }, 'limit'],
    ['limit 101', { limit: '101' }, 'limit'],
    ['negative offset', { offset: '-1' }, 'offset'],
    ['bad sort', { sort: 'owner' }, 'sort'],
    ['bad boolean', { completed: 'yes' }, 'completed'],
    ['bad timestamp', { due_before: 'tomorrow' }, 'due_before'],
    ['timestamp in year 0', { due_after: '0000-06-01T00:00:00Z' }, 'due_after'],
    ['cursor and offset', { cursor: 'abc', offset: '0' }, 'cursor'],
    ['forged cursor', { cursor: 'abc' }, 'cursor'],
    ['include_deleted without updated_since', { include_deleted: 'true' }, 'include_deleted'],
  ])('list with %s is 422 naming the parameter', async (_label, query, path) => {
    const res = await h.http.get(V1).query(query).set(alice.auth);
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });
});

describe('PUT (full replace) and PATCH (partial)', () => {
  test('PUT replaces every editable field: what is left out takes its default', async () => {
    const t = await create(alice, { title: 'a', description: 'd', priority: 'high', is_completed: true, due_at: '2026-12-01T00:00:00Z' });
    const res = await h.http.put(`${V1}/${t.id}`).set(alice.auth).send({ title: 'b' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'b', description: '', priority: 'normal', is_completed: false, completed_at: null, due_at: null, version: 2 });
    expect(res.headers.etag).toBe('"2"');
  });

  test('PUT without a title is 422 and changes nothing', async () => {
    const t = await create(alice);
    const before = await stored(t.id);
    expectProblem(await h.http.put(`${V1}/${t.id}`).set(alice.auth).send({ description: 'x' }), 422, 'validation_failed');
    expect(await stored(t.id)).toEqual(before);
  });

  test('PATCH changes only the given fields', async () => {
    const t = await create(alice, { title: 'a', description: 'keep', priority: 'high', is_completed: true });
    const res = await h.http.patch(`${V1}/${t.id}`).set(alice.auth).send({ title: 'b' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'b', description: 'keep', priority: 'high', is_completed: true, completed_at: t.completed_at, version: 2 });
    expect(res.headers.etag).toBe('"2"');
  });

  test('PATCH with the same values keeps the version; due_at null clears the date', async () => {
    const t = await create(alice, { title: 'a', due_at: '2026-12-01T00:00:00Z' });
    expect((await h.http.patch(`${V1}/${t.id}`).set(alice.auth).send({ title: 'a' })).body.version).toBe(1);
    const cleared = await h.http.patch(`${V1}/${t.id}`).set(alice.auth).send({ due_at: null });
    expect(cleared.body).toMatchObject({ due_at: null, version: 2 });
  });

  test('If-Match: a stale ETag is 412 with the current ETag and changes nothing; the current one passes', async () => {
    const t = await create(alice);
    await h.http.patch(`${V1}/${t.id}`).set(alice.auth).send({ title: 'v2' }).expect(200);
    const before = await stored(t.id);
    for (const req of [
      h.http.patch(`${V1}/${t.id}`).send({ title: 'stale' }),
      h.http.put(`${V1}/${t.id}`).send({ title: 'stale' }),
      h.http.patch(`${V1}/${t.id}/complete`),
      h.http.delete(`${V1}/${t.id}`),
      h.http.delete(`${V1}/${t.id}?permanent=true`),
    ]) {
      const res = await req.set(alice.auth).set('If-Match', '"1"');
      expectProblem(res, 412, 'precondition_failed');
      expect(res.headers.etag).toBe('"2"');
    }
    expect(await stored(t.id)).toEqual(before);
    await h.http.patch(`${V1}/${t.id}`).set(alice.auth).set('If-Match', '"2"').send({ title: 'v3' }).expect(200);
  });
});

describe('complete', () => {
  test('no body toggles (also with Content-Type: application/json and no body); completed_at set and cleared', async () => {
    const t = await create(alice);
    const done = await h.http.patch(`${V1}/${t.id}/complete`).set(alice.auth).set('Content-Type', 'application/json');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ is_completed: true, version: 2 });
    expect(done.body.completed_at).toEqual(expect.any(String));
    expect(done.headers.etag).toBe('"2"');
    const undone = await h.http.patch(`${V1}/${t.id}/complete`).set(alice.auth);
    expect(undone.body).toMatchObject({ is_completed: false, completed_at: null, version: 3 });
  });

  test('{"is_completed": true} sets it, and is safe to retry', async () => {
    const t = await create(alice);
    const first = await h.http.patch(`${V1}/${t.id}/complete`).set(alice.auth).send({ is_completed: true });
    const again = await h.http.patch(`${V1}/${t.id}/complete`).set(alice.auth).send({ is_completed: true });
    expect(first.body).toMatchObject({ is_completed: true, version: 2 });
    expect(again.body).toEqual(first.body);
    const reopen = await h.http.patch(`${V1}/${t.id}/complete`).set(alice.auth).send({ is_completed: false });
    expect(reopen.body).toMatchObject({ is_completed: false, completed_at: null, version: 3 });
  });

  test('a body of the wrong shape is 422 and changes nothing', async () => {
    const t = await create(alice);
    const before = await stored(t.id);
    for (const body of [{ is_completed: 'yes' }, { done: true }, {}]) {
      expectProblem(await h.http.patch(`${V1}/${t.id}/complete`).set(alice.auth).send(body), 422, 'validation_failed');
    }
    expect(await stored(t.id)).toEqual(before);
  });
});

describe('delete, trash, restore, purge', () => {
  test('DELETE soft-deletes (204): the task leaves the list and GET, and shows up in the trash with deleted_at', async () => {
    const u = await registerUser(h);
    const t = await create(u);
    const res = await h.http.delete(`${V1}/${t.id}`).set(u.auth).set('Content-Type', 'application/json');
    expect(res.status).toBe(204);
    expectProblem(await h.http.get(`${V1}/${t.id}`).set(u.auth), 404, 'not_found');
    expect((await h.http.get(V1).set(u.auth)).body.total).toBe(0);
    const trash = await h.http.get(`${V1}/trash`).set(u.auth);
    expect(trash.status).toBe(200);
    expect(trash.body).toMatchObject({ total: 1, items: [{ id: t.id, version: 2, deleted_at: expect.any(String) }] });
    expect(await stored(t.id)).not.toBeNull();
    // Deleting again: not found outside the trash
    expectProblem(await h.http.delete(`${V1}/${t.id}`).set(u.auth), 404, 'not_found');
    // Editing a trashed task: not found
    expectProblem(await h.http.patch(`${V1}/${t.id}`).set(u.auth).send({ title: 'x' }), 404, 'not_found');
  });

  test('POST restore brings it back (200, ETag); restoring a live task is 404', async () => {
    const u = await registerUser(h);
    const t = await create(u);
    await h.http.delete(`${V1}/${t.id}`).set(u.auth).expect(204);
    const res = await h.http.post(`${V1}/${t.id}/restore`).set(u.auth).set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: t.id, version: 3 });
    expect(res.body.deleted_at).toBeUndefined();
    expect(res.headers.etag).toBe('"3"');
    expect((await h.http.get(V1).set(u.auth)).body.items.map((x: { id: string }) => x.id)).toEqual([t.id]);
    expectProblem(await h.http.post(`${V1}/${t.id}/restore`).set(u.auth), 404, 'not_found');
  });

  test('DELETE ?permanent=true removes a live or trashed task for good', async () => {
    const u = await registerUser(h);
    const live = await create(u);
    const trashed = await create(u);
    await h.http.delete(`${V1}/${trashed.id}`).set(u.auth).expect(204);
    await h.http.delete(`${V1}/${live.id}?permanent=true`).set(u.auth).expect(204);
    await h.http.delete(`${V1}/${trashed.id}?permanent=true`).set(u.auth).expect(204);
    expect(await stored(live.id)).toBeNull();
    expect(await stored(trashed.id)).toBeNull();
    expectProblem(await h.http.delete(`${V1}/${live.id}?permanent=true`).set(u.auth), 404, 'not_found');
    expectProblem(await h.http.delete(`${V1}/${live.id}?permanent=maybe`).set(u.auth), 422, 'validation_failed');
  });
});

describe('isolation: another user\'s task is 403 on every route, trashed or not; nothing changes', () => {
  const routes: [string, (id: string) => ReturnType<Harness['http']['get']>][] = [
    ['GET', (id) => h.http.get(`${V1}/${id}`)],
    ['PUT', (id) => h.http.put(`${V1}/${id}`).send({ title: 'mine' })],
    ['PATCH', (id) => h.http.patch(`${V1}/${id}`).send({ title: 'mine' })],
    ['PATCH complete', (id) => h.http.patch(`${V1}/${id}/complete`)],
    ['DELETE', (id) => h.http.delete(`${V1}/${id}`)],
    ['DELETE permanent', (id) => h.http.delete(`${V1}/${id}?permanent=true`)],
    ['POST restore', (id) => h.http.post(`${V1}/${id}/restore`)],
  ];

  test.each(routes)('%s', async (_label, send) => {
    const live = await create(alice);
    const trashed = await create(alice);
    await h.http.delete(`${V1}/${trashed.id}`).set(alice.auth).expect(204);
    for (const id of [live.id, trashed.id]) {
      const before = await stored(id);
      const res = await send(id).set(bob.auth);
      expectProblem(res, 403, 'forbidden');
      expect(await stored(id)).toEqual(before);
    }
  });

  test('lists never show another user\'s tasks', async () => {
    const t = await create(alice, { title: 'alice only' });
    const bobs = await h.http.get(V1).set(bob.auth).query({ limit: 100 });
    expect(bobs.body.items.map((x: { id: string }) => x.id)).not.toContain(t.id);
    expect((await h.http.get(`${V1}/trash`).set(bob.auth)).body.items).toEqual([]);
  });

  test.each(routes)('%s of an unknown id is 404', async (_label, send) => {
    expectProblem(await send(randomUUID()).set(alice.auth), 404, 'not_found');
  });

  test.each(routes)('%s with a non-UUID id is 422', async (_label, send) => {
    expectProblem(await send('not-a-uuid').set(alice.auth), 422, 'validation_failed');
  });

  test.each([...routes, ['GET list', () => h.http.get(V1)], ['POST', () => h.http.post(V1).send({ title: 'x' })], ['GET trash', () => h.http.get(`${V1}/trash`)]] as typeof routes)(
    '%s without a token is 401',
    async (_label, send) => {
      const t = await create(alice);
      const tasks = await countRows(h, 'tasks');
      const res = await send(t.id);
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(await countRows(h, 'tasks')).toBe(tasks);
    },
  );
});

describe('bad task bodies are 422 and create or change nothing', () => {
  test.each([
    ['missing title', {}],
    ['empty title', { title: '   ' }],
    ['501-character title', { title: 'x'.repeat(501) }],
    ['5001-character description', { title: 'x', description: 'd'.repeat(5001) }],
    ['title of the wrong type', { title: 42 }],
    ['unknown priority', { title: 'x', priority: 'urgent' }],
    ['bad due_at', { title: 'x', due_at: '2026-13-45' }],
    ['due_at in year 0', { title: 'x', due_at: '0000-01-01T00:00:00Z' }],
    ['due_at without an offset', { title: 'x', due_at: '2026-12-01T09:00:00' }],
    ['unknown field', { title: 'x', colour: 'red' }],
    ['read-only id', { title: 'x', id: randomUUID() }],
    ['read-only user_id', { title: 'x', user_id: randomUUID() }],
    ['read-only version', { title: 'x', version: 9 }],
    ['read-only created_at', { title: 'x', created_at: '2020-01-01T00:00:00Z' }],
    ['read-only deleted_at', { title: 'x', deleted_at: null }],
    ['NUL in title', { title: 'a\u0000b' }],
  ])('POST with %s', async (_label, body) => {
    const tasks = await countRows(h, 'tasks');
    const res = await h.http.post(V1).set(alice.auth).send(body);
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String), message: expect.any(String), code: expect.any(String) })]));
    expect(await countRows(h, 'tasks')).toBe(tasks);
  });

  test('a 500-character title (after trimming) is accepted', async () => {
    const res = await h.http.post(V1).set(alice.auth).send({ title: ` ${'x'.repeat(500)} ` });
    expect(res.status).toBe(201);
    expect(res.body.title).toHaveLength(500);
  });

  test.each([
    ['501-character title', { title: 'x'.repeat(501) }],
    ['unknown field', { owner: 'me' }],
    ['read-only user_id', { user_id: randomUUID() }],
    ['null title', { title: null }],
  ])('PATCH with %s', async (_label, body) => {
    const t = await create(alice);
    const before = await stored(t.id);
    expectProblem(await h.http.patch(`${V1}/${t.id}`).set(alice.auth).send(body), 422, 'validation_failed');
    expect(await stored(t.id)).toEqual(before);
  });

  test('a JSON body that is not an object is 422', async () => {
    const tasks = await countRows(h, 'tasks');
    for (const body of ['[]', '"title"', '42', 'null']) {
      const res = await h.http.post(V1).set(alice.auth).set('Content-Type', 'application/json').send(body);
      expectProblem(res, 422, 'validation_failed');
    }
    expect(await countRows(h, 'tasks')).toBe(tasks);
  });
});
