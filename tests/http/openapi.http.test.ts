import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Router from '@koa/router';
import Koa from 'koa';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { appRoutes } from '../support/app-routes.js';
import { registerUser, startHarness, type Harness } from '../support/http-harness.js';
import {
  briefTaskListResponse,
  briefTaskResponse,
  problemResponse,
  sessionResponse,
  taskPageResponse,
  taskResponse,
  userResponse,
} from '../../src/interfaces/schemas/response-schemas.js';

let h: Harness;
let doc: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
beforeAll(async () => {
  h = await startHarness();
  const res = await h.http.get('/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => {
  await h.close();
});

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const documented = () =>
  Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).filter((m) => HTTP_METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

test('/openapi.json is a valid OpenAPI 3.1 document', async () => {
  expect(doc.openapi).toMatch(/^3\.1\./);
  const result = await new Validator().validate(structuredClone(doc));
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
});

test('the API linter (Redocly, recommended rules) finds no errors', async () => {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
  expect(errors).toEqual([]);
});

test('every routed "METHOD /path" is documented, and every documented one is routed', () => {
  const routed = appRoutes(h.app);
  expect(routed.length).toBeGreaterThan(20);
  expect(documented()).toEqual(routed);
});

test('the parity check sees a route added to the app', () => {
  const extra = new Router().get('/undocumented', (ctx) => {
    ctx.body = 'x';
  });
  const app = new Koa();
  app.middleware.push(...h.app.middleware, extra.routes() as Koa.Middleware);
  expect(appRoutes(app)).toContain('GET /undocumented');
  expect(documented()).not.toContain('GET /undocumented');
});

test('the route list covers the contract, both task surfaces and the operations paths', () => {
  expect(documented()).toEqual(
    expect.arrayContaining([
      'POST /api/v1/auth/register',
      'DELETE /api/v1/auth/me',
      'GET /api/v1/tasks/trash',
      'PATCH /api/v1/tasks/{id}/complete',
      'POST /api/{user_id}/tasks/{id}/restore',
      'GET /healthz',
      'GET /readyz',
      'GET /openapi.json',
      'GET /docs',
    ]),
  );
});

describe('each operation documents what the contract says it answers', () => {
  const op = (path: string, method: string) => doc.paths[path]![method]! as {
    responses: Record<string, { headers?: Record<string, unknown> } & { $ref?: string }>;
    parameters?: { name: string; in: string }[];
    security?: unknown[];
  };

  test('problem responses reference the Problem schema', () => {
    const components = (doc as unknown as { components: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> } }).components;
    for (const response of Object.values(components.responses)) {
      expect(response.content['application/problem+json']!.schema.$ref).toBe('#/components/schemas/Problem');
    }
  });

  test('conditional, idempotent and limited requests carry their headers', () => {
    const names = (path: string, method: string, where: string) => (op(path, method).parameters ?? []).filter((p) => p.in === where).map((p) => p.name);
    expect(names('/api/v1/tasks', 'post', 'header')).toContain('Idempotency-Key');
    expect(names('/api/v1/tasks/{id}', 'get', 'header')).toContain('If-None-Match');
    for (const m of ['put', 'patch', 'delete']) expect(names('/api/v1/tasks/{id}', m, 'header')).toContain('If-Match');
    expect(names('/api/{user_id}/tasks/{id}', 'get', 'path')).toEqual(expect.arrayContaining(['user_id', 'id']));
    expect(names('/api/v1/tasks', 'get', 'query')).toEqual(expect.arrayContaining(['limit', 'offset', 'cursor', 'sort', 'q']));
    expect(names('/api/{user_id}/tasks', 'get', 'query')).toContain('search');

    const get = op('/api/v1/tasks/{id}', 'get');
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '304', '401', '403', '404', '422', '429', '503']));
    expect(Object.keys(get.responses['200']!.headers!)).toEqual(
      expect.arrayContaining(['ETag', 'X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
    );
    expect(Object.keys(op('/api/v1/tasks', 'post').responses['201']!.headers!)).toContain('Location');
    expect(Object.keys(op('/api/v1/tasks', 'post').responses)).toEqual(expect.arrayContaining(['409', '413', '415', '422']));
    expect(Object.keys(op('/api/v1/tasks/{id}', 'patch').responses)).toContain('412');
    expect(op('/healthz', 'get').security).toEqual([]);
    expect(op('/api/v1/tasks', 'get').security).toBeUndefined(); // the document-wide bearer/cookie requirement
  });
});

describe('real responses match the documented response schemas', () => {
  test('session, user, task, pages and problems', async () => {
    const register = await h.http.post('/api/v1/auth/register').send({ email: `doc-${Date.now()}@example.com`, password: 'correct horse battery' });
    expect(sessionResponse.safeParse(register.body).error).toBeUndefined();
    const u = await registerUser(h);
    expect(userResponse.safeParse((await h.http.get('/api/v1/auth/me').set(u.auth)).body).error).toBeUndefined();

    const created = await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'Documented', due_at: '2026-12-01T09:00:00Z' });
    expect(taskResponse.safeParse(created.body).error).toBeUndefined();
    expect(taskPageResponse.safeParse((await h.http.get('/api/v1/tasks').set(u.auth)).body).error).toBeUndefined();
    expect(briefTaskResponse.safeParse((await h.http.get(`/api/${u.id}/tasks/${created.body.id}`).set(u.auth)).body).error).toBeUndefined();
    expect(briefTaskListResponse.safeParse((await h.http.get(`/api/${u.id}/tasks`).set(u.auth)).body).error).toBeUndefined();
    await h.http.delete(`/api/v1/tasks/${created.body.id}`).set(u.auth);
    expect(taskPageResponse.safeParse((await h.http.get('/api/v1/tasks/trash').set(u.auth)).body).error).toBeUndefined();

    const bad = await h.http.post('/api/v1/tasks').set(u.auth).send({ title: '' });
    expect(bad.status).toBe(422);
    expect(problemResponse.safeParse(bad.body).error).toBeUndefined();
  });
});

test('/docs is served with its own CSP; the API keeps the strict one', async () => {
  const page = await h.http.get('/docs');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  expect(page.text).not.toMatch(/<script>(?!<)/); // no inline script
  const bundle = await h.http.get('/docs/swagger-ui-bundle.js');
  expect(bundle.status).toBe(200);
  expect(bundle.headers['content-type']).toMatch(/javascript/);
  expect((await h.http.get('/docs/nope.js')).status).toBe(404);
  expect((await h.http.get('/healthz')).headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
});
