import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

// The user lookup of authentication is cached; deleting the account must still end its tokens at once.
test('a token of a deleted account is refused right after the deletion', async () => {
  const u = await registerUser(h);
  expect((await h.http.get('/api/v1/tasks').set(u.auth)).status).toBe(200);
  expect((await h.http.delete('/api/v1/auth/me').set(u.auth)).status).toBe(204);
  const after = await h.http.get('/api/v1/tasks').set(u.auth);
  expect(after.status).toBe(401);
  expect(after.body.code).toBe('unauthorized');
});
