import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const sql = async <T>(text: string, params: unknown[] = []) =>
  h.orm.em.fork().getConnection().execute<T[]>(text, params);
const tasksOf = async (u: TestUser) =>
  (await sql<{ n: number }>('select count(*)::int as n from tasks where user_id = ?', [u.id]))[0]!.n;
let n = 0;
const newKey = () => `key-${Date.now()}-${++n}`;

describe('Idempotency-Key on POST /api/v1/tasks', () => {
  test('the same key and body replay the first response and create nothing', async () => {
    const u = await registerUser(h);
    const key = newKey();
    const body = { title: 'Pay rent', priority: 'high', due_at: '2026-12-01T09:00:00Z' };
    const first = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The task changes in between; the replay is still the first response, not the current state.
    await h.http.patch(`/api/v1/tasks/${first.body.id}`).set(u.auth).send({ title: 'Pay rent now' }).expect(200);

    const again = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.location).toBe(`/api/v1/tasks/${first.body.id}`);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await tasksOf(u)).toBe(1);
  });

  test('key order and whitespace in the JSON do not make another body', async () => {
    const u = await registerUser(h);
    const key = newKey();
    const first = await h.http
      .post('/api/v1/tasks')
      .set(u.auth)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json')
      .send('{"title":"Call mum","priority":"low"}');
    const again = await h.http
      .post('/api/v1/tasks')
      .set(u.auth)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json')
      .send('{ "priority": "low",\n  "title": "Call mum" }');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await tasksOf(u)).toBe(1);
  });

  test('the same key with another body is a 409 conflict and creates nothing', async () => {
    const u = await registerUser(h);
    const key = newKey();
    await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'A' }).expect(201);
    for (const other of [{ title: 'B' }, { title: 'A', priority: 'normal' }, { title: 'A', description: '' }]) {
      const res = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send(other);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('conflict');
    }
    expect(await tasksOf(u)).toBe(1);
  });

  test('keys belong to one user: another user with the same key gets their own task', async () => {
    const a = await registerUser(h);
    const b = await registerUser(h);
    const key = newKey();
    const ra = await h.http.post('/api/v1/tasks').set(a.auth).set('Idempotency-Key', key).send({ title: 'Same' });
    const rb = await h.http.post('/api/v1/tasks').set(b.auth).set('Idempotency-Key', key).send({ title: 'Same' });
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(rb.body.id).not.toBe(ra.body.id);
    expect(rb.body.user_id).toBe(b.id);
  });

  test('without a key, every POST creates a task', async () => {
    const u = await registerUser(h);
    await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'Twice' }).expect(201);
    await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'Twice' }).expect(201);
    expect(await tasksOf(u)).toBe(2);
  });

  test.each([
    ['empty', ''],
    ['a space', 'has space'],
    ['too long', 'k'.repeat(256)],
    ['a control character', 'tab\there'],
  ])('a key that is %s is a 422 naming Idempotency-Key, and nothing is created', async (_name, key) => {
    const u = await registerUser(h);
    const res = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'X' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('Idempotency-Key');
    expect(await tasksOf(u)).toBe(0);
  });

  test('a key of 255 visible ASCII characters is accepted', async () => {
    const u = await registerUser(h);
    const key = '!~'.repeat(127) + 'z';
    await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'Edge' }).expect(201);
    const again = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'Edge' });
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  test('a rejected request is not remembered: the key still works afterwards', async () => {
    const u = await registerUser(h);
    const key = newKey();
    await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: '' }).expect(422);
    const ok = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'Fine' });
    expect(ok.status).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
  });

  test('concurrent requests with the same key create exactly one task and all answer with it', async () => {
    const u = await registerUser(h);
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'Only once' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await tasksOf(u)).toBe(1);
  });

  test('concurrent requests with the same key and different bodies: one task, the others 409', async () => {
    const u = await registerUser(h);
    const key = newKey();
    const responses = await Promise.all(
      ['one', 'two', 'three', 'four'].map((title) =>
        h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await tasksOf(u)).toBe(1);
  });

  test('after 24 hours a key is forgotten: the same key creates a new task', async () => {
    const u = await registerUser(h);
    const key = newKey();
    const first = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'Old' });
    await sql("update idempotency_keys set created_at = now() - interval '25 hours' where user_id = ?", [u.id]);
    const later = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'New' });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(later.body.title).toBe('New');
    const replay = await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', key).send({ title: 'New' });
    expect(replay.body.id).toBe(later.body.id);
    expect(await tasksOf(u)).toBe(2);
  });

  test("a user's keys go with the account", async () => {
    const u = await registerUser(h);
    await h.http.post('/api/v1/tasks').set(u.auth).set('Idempotency-Key', newKey()).send({ title: 'Bye' }).expect(201);
    await h.http.delete('/api/v1/auth/me').set(u.auth).expect(204);
    const left = await sql<{ n: number }>('select count(*)::int as n from idempotency_keys where user_id = ?', [u.id]);
    expect(left[0]!.n).toBe(0);
  });
});

describe("Idempotency-Key on the brief's POST /api/{user_id}/tasks", () => {
  test('replays with a Location on the same surface; an equivalent v1 body replays the same task', async () => {
    const u = await registerUser(h);
    const key = newKey();
    const first = await h.http
      .post(`/api/${u.id}/tasks`)
      .set(u.auth)
      .set('Idempotency-Key', key)
      .send({ title: 'Brief', completed: true, priority: 'medium' });
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/api/${u.id}/tasks/${first.body.id}`);
    const again = await h.http
      .post(`/api/${u.id}/tasks`)
      .set(u.auth)
      .set('Idempotency-Key', key)
      .send({ title: 'Brief', completed: true, priority: 'medium' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);

    const v1 = await h.http
      .post('/api/v1/tasks')
      .set(u.auth)
      .set('Idempotency-Key', key)
      .send({ title: 'Brief', is_completed: true, priority: 'normal' });
    expect(v1.status).toBe(201);
    expect(v1.body.id).toBe(first.body.id);
    expect(await tasksOf(u)).toBe(1);
  });
});
