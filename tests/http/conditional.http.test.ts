import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

let h: Harness;
let u: TestUser;
beforeAll(async () => {
  h = await startHarness();
  u = await registerUser(h);
});
afterAll(async () => {
  await h.close();
});

const create = async (title = 'Conditional') => {
  const res = await h.http.post('/api/v1/tasks').set(u.auth).send({ title });
  expect(res.status).toBe(201);
  expect(res.headers.etag).toBe('"1"');
  return res.body as { id: string };
};
const stored = async (id: string) =>
  (await h.orm.em.fork().getConnection().execute<Record<string, unknown>[]>('select * from tasks where id = ?', [id]))[0];

describe('ETag and If-None-Match', () => {
  test('single-task responses carry ETag "<version>"; lists carry none', async () => {
    const t = await create();
    const got = await h.http.get(`/api/v1/tasks/${t.id}`).set(u.auth);
    expect(got.headers.etag).toBe('"1"');
    const patched = await h.http.patch(`/api/v1/tasks/${t.id}`).set(u.auth).send({ title: 'Changed' });
    expect(patched.headers.etag).toBe('"2"');
    const list = await h.http.get('/api/v1/tasks').set(u.auth);
    expect(list.headers.etag).toBeUndefined();
  });

  test('If-None-Match with the current ETag is a 304 without a body; a stale one gets the task', async () => {
    const t = await create();
    const notModified = await h.http.get(`/api/v1/tasks/${t.id}`).set(u.auth).set('If-None-Match', '"1"');
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe('"1"');
    expect(notModified.text ?? '').toBe('');
    for (const header of ['W/"1"', '"7", "1"', '*']) {
      expect((await h.http.get(`/api/v1/tasks/${t.id}`).set(u.auth).set('If-None-Match', header)).status).toBe(304);
    }
    await h.http.patch(`/api/v1/tasks/${t.id}`).set(u.auth).send({ title: 'v2' }).expect(200);
    const fresh = await h.http.get(`/api/v1/tasks/${t.id}`).set(u.auth).set('If-None-Match', '"1"');
    expect(fresh.status).toBe(200);
    expect(fresh.body.title).toBe('v2');
  });
});

describe('If-Match on every write', () => {
  const writes: [string, (id: string) => ReturnType<Harness['http']['get']>][] = [
    ['PUT', (id) => h.http.put(`/api/v1/tasks/${id}`).send({ title: 'put' })],
    ['PATCH', (id) => h.http.patch(`/api/v1/tasks/${id}`).send({ title: 'patch' })],
    ['PATCH complete', (id) => h.http.patch(`/api/v1/tasks/${id}/complete`)],
    ['DELETE', (id) => h.http.delete(`/api/v1/tasks/${id}`)],
    ['DELETE permanent', (id) => h.http.delete(`/api/v1/tasks/${id}?permanent=true`)],
  ];

  test.each(writes)('%s with a stale ETag is a 412 that changes nothing', async (_name, send) => {
    const t = await create();
    await h.http.patch(`/api/v1/tasks/${t.id}`).set(u.auth).send({ description: 'now v2' }).expect(200);
    const before = await stored(t.id);
    for (const stale of ['"1"', '"99"', 'W/"1"', 'garbage']) {
      const res = await send(t.id).set(u.auth).set('If-Match', stale);
      expect(res.status).toBe(412);
      expect(res.body.code).toBe('precondition_failed');
      expect(res.headers.etag).toBe('"2"');
    }
    expect(await stored(t.id)).toEqual(before);
  });

  test.each(writes)('%s with the current ETag succeeds', async (_name, send) => {
    const t = await create();
    const res = await send(t.id).set(u.auth).set('If-Match', '"1"');
    expect([200, 204]).toContain(res.status);
  });

  test('restore with a stale ETag is a 412 that leaves the task in the trash', async () => {
    const t = await create();
    await h.http.delete(`/api/v1/tasks/${t.id}`).set(u.auth).set('If-Match', '"1"').expect(204);
    const before = await stored(t.id);
    const res = await h.http.post(`/api/v1/tasks/${t.id}/restore`).set(u.auth).set('If-Match', '"1"');
    expect(res.status).toBe(412);
    expect(await stored(t.id)).toEqual(before);
    const ok = await h.http.post(`/api/v1/tasks/${t.id}/restore`).set(u.auth).set('If-Match', '"2"');
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"3"');
  });

  test('If-Match: * means "any version"', async () => {
    const t = await create();
    await h.http.patch(`/api/v1/tasks/${t.id}`).set(u.auth).set('If-Match', '*').send({ title: 'any' }).expect(200);
  });

  test('the same on the brief surface: a stale ETag is a 412', async () => {
    const t = await create();
    await h.http.patch(`/api/v1/tasks/${t.id}`).set(u.auth).send({ title: 'v2' }).expect(200);
    const res = await h.http.put(`/api/${u.id}/tasks/${t.id}`).set(u.auth).set('If-Match', '"1"').send({ title: 'old' });
    expect(res.status).toBe(412);
  });
});

describe('concurrent writers', () => {
  test('two PATCHes with the same ETag: exactly one 200 and one 412, and the winner is what is stored', async () => {
    for (let round = 0; round < 5; round++) {
      const t = await create();
      const [a, b] = await Promise.all(
        ['first', 'second'].map((title) =>
          h.http.patch(`/api/v1/tasks/${t.id}`).set(u.auth).set('If-Match', '"1"').send({ title }),
        ),
      );
      expect([a!.status, b!.status].sort()).toEqual([200, 412]);
      const winner = a!.status === 200 ? a! : b!;
      const row = await stored(t.id);
      expect(row).toMatchObject({ title: winner.body.title, version: 2 });
    }
  });

  test('concurrent PATCHes without If-Match all succeed, each applied once', async () => {
    const t = await create();
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((title) => h.http.patch(`/api/v1/tasks/${t.id}`).set(u.auth).send({ title })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.version)).size).toBe(4);
    expect((await stored(t.id))!.version).toBe(5);
  });
});
