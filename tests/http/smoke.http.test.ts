import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

test('register, create, list', async () => {
  const u = await registerUser(h);
  const created = await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'Buy milk' });
  expect(created.status).toBe(201);
  const list = await h.http.get('/api/v1/tasks').set(u.auth);
  expect(list.status).toBe(200);
  expect(list.body.items.map((t: { title: string }) => t.title)).toEqual(['Buy milk']);
});
