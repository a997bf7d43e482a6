import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

// Writes are hand-written SQL: what a create or an update stores must read back exactly.
test('every field written by create and patch reads back as written', async () => {
  const u = await registerUser(h);
  const created = await h.http
    .post('/api/v1/tasks')
    .set(u.auth)
    .send({ title: '  Pay rent ', description: 'by transfer', priority: 'high', due_at: '2026-12-01T09:30:00.250+02:00', is_completed: true });
  expect(created.status).toBe(201);
  const fetched = await h.http.get(`/api/v1/tasks/${created.body.id}`).set(u.auth);
  expect(fetched.body).toEqual(created.body);
  expect(fetched.body).toMatchObject({
    title: 'Pay rent',
    description: 'by transfer',
    priority: 'high',
    due_at: '2026-12-01T07:30:00.250Z',
    is_completed: true,
    version: 1,
    user_id: u.id,
  });
  expect(fetched.body.completed_at).toBe(fetched.body.created_at);

  const patched = await h.http
    .patch(`/api/v1/tasks/${created.body.id}`)
    .set(u.auth)
    .set('If-Match', '"1"')
    .send({ due_at: null, priority: 'low', is_completed: false });
  expect(patched.status).toBe(200);
  const again = await h.http.get(`/api/v1/tasks/${created.body.id}`).set(u.auth);
  expect(again.body).toEqual(patched.body);
  expect(again.body).toMatchObject({ due_at: null, priority: 'low', is_completed: false, completed_at: null, version: 2, title: 'Pay rent' });
  expect(again.headers.etag).toBe('"2"');

  const stale = await h.http.patch(`/api/v1/tasks/${created.body.id}`).set(u.auth).set('If-Match', '"1"').send({ title: 'Nope' });
  expect(stale.status).toBe(412);
  expect((await h.http.get(`/api/v1/tasks/${created.body.id}`).set(u.auth)).body.title).toBe('Pay rent');
});
