import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { appRoutes } from '../support/app-routes.js';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

/**
 * Paths are case-sensitive (contract): a case variant of a route is an unknown route, a 404, and can
 * never reach a handler without the middleware its real spelling runs (authentication, rate limit).
 */
describe('case variants of paths', () => {
  let h: Harness;
  let u: TestUser;
  beforeAll(async () => {
    h = await startHarness();
    u = await registerUser(h);
  });
  afterAll(() => h.close());

  test.each([
    ['GET', '/API/V1/TASKS'],
    ['GET', '/api/V1/tasks'],
    ['POST', '/API/v1/tasks'],
    ['GET', '/api/v1/Tasks/trash'],
    ['GET', '/api/v1/AUTH/me'],
    ['DELETE', '/api/v1/auth/ME'],
    ['POST', '/api/v1/auth/LOGIN'],
    ['GET', '/HEALTHZ'],
    ['GET', '/OpenAPI.json'],
  ])('%s %s with a valid token is a 404 not_found', async (method, path) => {
    const res = await h.http[method.toLowerCase() as 'get' | 'post' | 'delete'](path)
      .set(u.auth)
      .set('Content-Type', 'application/json')
      .send(method === 'POST' ? { title: 'x', email: u.email, password: 'correct horse battery' } : undefined);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  test('the brief surface: a case variant of its fixed segments is a 404; the user id segment is data', async () => {
    expect((await h.http.get(`/api/${u.id}/TASKS`).set(u.auth)).status).toBe(404);
    expect((await h.http.get(`/API/${u.id}/tasks`).set(u.auth)).status).toBe(404);
    expect((await h.http.get(`/api/${u.id}/tasks`).set(u.auth)).status).toBe(200);
  });

  test('every route of the app, upper-cased, is a 404 and creates nothing', async () => {
    const routes = appRoutes(h.app);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace('{user_id}', u.id).replace('{id}', '00000000-0000-4000-8000-000000000000').replace('{asset}', 'x');
      const upper = path.replace(/[a-z]+/g, (s) => s.toUpperCase()).replace(u.id.toUpperCase(), u.id);
      const res = await h.http[method.toLowerCase() as 'get'](upper).set(u.auth);
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    }
  });
});
