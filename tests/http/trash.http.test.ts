import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

let h: Harness;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  h = await startHarness();
  owner = await registerUser(h);
  stranger = await registerUser(h);
});
afterAll(async () => {
  await h.close();
});

const create = async (u: TestUser, title: string) => {
  const res = await h.http.post('/api/v1/tasks').set(u.auth).send({ title });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
};
const rowOf = async (id: string) =>
  (await h.orm.em.fork().getConnection().execute<{ deleted_at: Date | null; version: number }[]>(
    'select deleted_at, version from tasks where id = ?',
    [id],
  ))[0];

describe('trash lifecycle', () => {
  test('a deleted task leaves every normal read and shows in the trash with deleted_at', async () => {
    const task = await create(owner, 'Trash me');
    await h.http.delete(`/api/v1/tasks/${task.id}`).set(owner.auth).expect(204);

    await h.http.get(`/api/v1/tasks/${task.id}`).set(owner.auth).expect(404);
    const list = await h.http.get('/api/v1/tasks').set(owner.auth);
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);
    await h.http.patch(`/api/v1/tasks/${task.id}`).set(owner.auth).send({ title: 'x' }).expect(404);
    await h.http.patch(`/api/v1/tasks/${task.id}/complete`).set(owner.auth).expect(404);
    await h.http.delete(`/api/v1/tasks/${task.id}`).set(owner.auth).expect(404);

    const trash = await h.http.get('/api/v1/tasks/trash').set(owner.auth);
    expect(trash.status).toBe(200);
    const item = trash.body.items.find((t: { id: string }) => t.id === task.id);
    expect(item.deleted_at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(item.version).toBe(2);
  });

  test('the trash lists newest deletions first, pages by cursor, and holds only the caller\'s tasks', async () => {
    const u = await registerUser(h);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await create(u, `T${i}`);
      await h.http.delete(`/api/v1/tasks/${t.id}`).set(u.auth).expect(204);
      ids.push(t.id);
    }
    await create(u, 'still live');
    const strangerTask = await create(stranger, 'not yours');
    await h.http.delete(`/api/v1/tasks/${strangerTask.id}`).set(stranger.auth).expect(204);

    const first = await h.http.get('/api/v1/tasks/trash?limit=2').set(u.auth);
    expect(first.body.total).toBe(5);
    expect(first.body.has_more).toBe(true);
    const seen = first.body.items.map((t: { id: string }) => t.id);
    let cursor = first.body.next_cursor;
    while (cursor) {
      const page = await h.http.get(`/api/v1/tasks/trash?limit=2&cursor=${encodeURIComponent(cursor)}`).set(u.auth);
      expect(page.status).toBe(200);
      expect(page.body.total).toBeNull();
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.next_cursor;
    }
    const expected = await h.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        'select id from tasks where user_id = ? and deleted_at is not null order by deleted_at desc, id desc',
        [u.id],
      );
    expect(seen).toEqual(expected.map((r) => r.id));
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  test('restore brings a task back with a new version and no deleted_at', async () => {
    const task = await create(owner, 'Come back');
    await h.http.delete(`/api/v1/tasks/${task.id}`).set(owner.auth).expect(204);
    const restored = await h.http.post(`/api/v1/tasks/${task.id}/restore`).set(owner.auth);
    expect(restored.status).toBe(200);
    expect(restored.headers.etag).toBe('"3"');
    expect(restored.body).toMatchObject({ id: task.id, title: 'Come back', version: 3 });
    expect(restored.body.deleted_at).toBeUndefined();
    await h.http.get(`/api/v1/tasks/${task.id}`).set(owner.auth).expect(200);
    const trash = await h.http.get('/api/v1/tasks/trash').set(owner.auth);
    expect(trash.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);
  });

  test('restoring a task that is not in the trash is a 404', async () => {
    const task = await create(owner, 'Live');
    await h.http.post(`/api/v1/tasks/${task.id}/restore`).set(owner.auth).expect(404);
    await h.http.post('/api/v1/tasks/00000000-0000-4000-8000-000000000000/restore').set(owner.auth).expect(404);
    await h.http.post('/api/v1/tasks/not-a-uuid/restore').set(owner.auth).expect(422);
  });

  test('?permanent=true deletes for good, from the list or from the trash', async () => {
    const live = await create(owner, 'Gone now');
    await h.http.delete(`/api/v1/tasks/${live.id}?permanent=true`).set(owner.auth).expect(204);
    expect(await rowOf(live.id)).toBeUndefined();

    const trashed = await create(owner, 'Gone later');
    await h.http.delete(`/api/v1/tasks/${trashed.id}`).set(owner.auth).expect(204);
    await h.http.delete(`/api/v1/tasks/${trashed.id}?permanent=true`).set(owner.auth).expect(204);
    expect(await rowOf(trashed.id)).toBeUndefined();
    await h.http.post(`/api/v1/tasks/${trashed.id}/restore`).set(owner.auth).expect(404);
    await h.http.delete(`/api/v1/tasks/${trashed.id}?permanent=true`).set(owner.auth).expect(404);
  });

  test('a bad permanent value or an unknown query parameter is a 422 and deletes nothing', async () => {
    const task = await create(owner, 'Stay');
    for (const q of ['permanent=yes', 'permanent=', 'force=true']) {
      const res = await h.http.delete(`/api/v1/tasks/${task.id}?${q}`).set(owner.auth);
      expect(res.status).toBe(422);
    }
    expect((await rowOf(task.id))?.deleted_at).toBeNull();
  });

  test.each([
    ['live', false],
    ['trashed', true],
  ])("another user's %s task is a 403 for delete, permanent delete and restore, and stays as it was", async (_n, trashed) => {
    const task = await create(owner, 'Mine');
    if (trashed) await h.http.delete(`/api/v1/tasks/${task.id}`).set(owner.auth).expect(204);
    const before = await rowOf(task.id);
    for (const req of [
      h.http.delete(`/api/v1/tasks/${task.id}`),
      h.http.delete(`/api/v1/tasks/${task.id}?permanent=true`),
      h.http.post(`/api/v1/tasks/${task.id}/restore`),
      h.http.get(`/api/v1/tasks/${task.id}`),
    ]) {
      const res = await req.set(stranger.auth);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect(await rowOf(task.id)).toEqual(before);
    const trash = await h.http.get('/api/v1/tasks/trash').set(stranger.auth);
    expect(trash.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);
  });

  test('the trash takes the list parameters and refuses bad ones', async () => {
    const ok = await h.http.get('/api/v1/tasks/trash?sort=deleted_at&limit=5').set(owner.auth);
    expect(ok.status).toBe(200);
    const bad = await h.http.get('/api/v1/tasks/trash?limit=0').set(owner.auth);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('limit');
    const deletedSortOutsideTrash = await h.http.get('/api/v1/tasks?sort=-deleted_at').set(owner.auth);
    expect(deletedSortOutsideTrash.status).toBe(422);
    expect(deletedSortOutsideTrash.body.errors[0].path).toBe('sort');
  });
});

describe("the brief's surface", () => {
  test('delete, trash, restore and permanent delete under /api/{user_id}/tasks', async () => {
    const created = await h.http.post(`/api/${owner.id}/tasks`).set(owner.auth).send({ title: 'Brief trash' });
    const id = created.body.id;
    await h.http.delete(`/api/${owner.id}/tasks/${id}`).set(owner.auth).expect(204);
    const trash = await h.http.get(`/api/${owner.id}/tasks/trash`).set(owner.auth);
    expect(trash.body.tasks.map((t: { id: string }) => t.id)).toContain(id);
    await h.http.post(`/api/${owner.id}/tasks/${id}/restore`).set(owner.auth).expect(200);
    await h.http.delete(`/api/${owner.id}/tasks/${id}?permanent=true`).set(owner.auth).expect(204);
    expect(await rowOf(id)).toBeUndefined();
  });
});
