import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

/**
 * Replays of what the five published front ends written for the original brief send to
 * `/api/{user_id}/tasks…`, with ALIAS_LIST_SHAPE=array, over real HTTP with fetch (so bodyless requests
 * look as a browser sends them). The request shapes are those measured in issue 11: every front end
 * expects a bare array; front ends 1–3 read `completed`; 2 sends `completed`; 3 sends
 * `priority: "medium"`; 4 sends `?search=`; 1, 3 and 5 edit a title with PUT; 1, 2 and 3 send
 * `Content-Type: application/json` on GET, DELETE and the toggle with no body. Each replay asserts
 * only what that front end relies on.
 */

const ORIGIN = 'http://localhost:5173';
let h: Harness;
let server: Server;
let base: string;

beforeAll(async () => {
  h = await startHarness({ http: { aliasListShape: 'array', corsOrigins: [ORIGIN] } });
  server = createServer(h.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

interface Call {
  status: number;
  headers: Headers;
  body: any;
}

/** A front end's API client: JSON headers always (when `alwaysJson`), a body only when given. */
function client(user: TestUser, alwaysJson: boolean) {
  return async (method: string, path: string, body?: unknown): Promise<Call> => {
    const headers: Record<string, string> = { Authorization: `Bearer ${user.token}`, Origin: ORIGIN };
    if (alwaysJson || body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}/api/${user.id}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

describe('front end 1: JSON headers everywhere, reads `completed`, edits the title with PUT', () => {
  test('list, create, edit the title of a done task, toggle, delete', async () => {
    const api = client(await registerUser(h), true);
    expect((await api('GET', '/tasks')).body).toEqual([]);

    const created = await api('POST', '/tasks', { title: 'Buy milk', description: 'two litres' });
    expect(created.status).toBe(201);
    expect(created.body.completed).toBe(false);

    const toggled = await api('PATCH', `/tasks/${created.body.id}/complete`);
    expect(toggled.status).toBe(200);
    expect(toggled.body.completed).toBe(true);

    const edited = await api('PUT', `/tasks/${created.body.id}`, { title: 'Buy oat milk', description: 'two litres' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Buy oat milk', completed: true });

    const list = await api('GET', '/tasks');
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((t: any) => [t.title, t.completed])).toEqual([['Buy oat milk', true]]);

    expect((await api('DELETE', `/tasks/${created.body.id}`)).status).toBe(204);
    expect((await api('GET', '/tasks')).body).toEqual([]);
  });
});

describe('front end 2: sends and reads `completed`, JSON headers everywhere', () => {
  test('creates with completed:false, sets completed:true through PUT, toggles back', async () => {
    const api = client(await registerUser(h), true);
    const created = await api('POST', '/tasks', { title: 'Call mum', description: '', completed: false });
    expect(created.status).toBe(201);
    expect(created.body.completed).toBe(false);

    const done = await api('PUT', `/tasks/${created.body.id}`, { title: 'Call mum', description: '', completed: true });
    expect(done.status).toBe(200);
    expect(done.body.completed).toBe(true);

    const one = await api('GET', `/tasks/${created.body.id}`);
    expect(one.body.completed).toBe(true);

    const undone = await api('PATCH', `/tasks/${created.body.id}/complete`);
    expect(undone.body.completed).toBe(false);
    expect((await api('GET', '/tasks')).body.map((t: any) => t.completed)).toEqual([false]);
  });
});

describe('front end 3: sends priority "medium", reads `completed`, PUT with only a title', () => {
  test('medium is accepted and a title-only PUT keeps completion and priority', async () => {
    const api = client(await registerUser(h), true);
    const created = await api('POST', '/tasks', { title: 'Water plants', priority: 'medium' });
    expect(created.status).toBe(201);

    await api('PATCH', `/tasks/${created.body.id}/complete`);
    const renamed = await api('PUT', `/tasks/${created.body.id}`, { title: 'Water the plants' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.completed).toBe(true);
    expect(renamed.body.priority).toBe('normal');

    const high = await api('POST', '/tasks', { title: 'Pay rent', priority: 'high' });
    expect(high.status).toBe(201);
    const medium = await api('GET', '/tasks?priority=medium');
    expect(medium.body.map((t: any) => t.title)).toEqual(['Water the plants']);
  });
});

describe('front end 4: searches with ?search=, reads is_completed', () => {
  test('search finds by title or description, case-insensitively', async () => {
    const api = client(await registerUser(h), false);
    await api('POST', '/tasks', { title: 'Buy MILK' });
    await api('POST', '/tasks', { title: 'Groceries', description: 'milk and bread' });
    await api('POST', '/tasks', { title: 'Walk the dog' });
    const found = await api('GET', '/tasks?search=milk');
    expect(found.status).toBe(200);
    expect(found.body.map((t: any) => t.title).sort()).toEqual(['Buy MILK', 'Groceries']);
    expect(found.body.every((t: any) => t.is_completed === false)).toBe(true);
  });
});

describe('front end 5: plain fetch, reads is_completed, edits the title with PUT', () => {
  test('a title PUT on a completed task leaves it completed', async () => {
    const api = client(await registerUser(h), false);
    const created = await api('POST', '/tasks', { title: 'Draft', is_completed: true });
    const edited = await api('PUT', `/tasks/${created.body.id}`, { title: 'Final' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Final', is_completed: true });
    expect((await api('GET', '/tasks')).body[0]).toMatchObject({ title: 'Final', is_completed: true });
  });
});

describe('what every one of them needs from the array shape and the browser', () => {
  test('the page is told in X-Total-Count and a Link rel="next" that can be followed', async () => {
    const u = await registerUser(h);
    const api = client(u, false);
    for (const title of ['one', 'two', 'three']) await api('POST', '/tasks', { title });
    const first = await api('GET', '/tasks?limit=2&sort=created_at');
    expect(first.body.map((t: any) => t.title)).toEqual(['one', 'two']);
    expect(first.headers.get('x-total-count')).toBe('3');
    const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await fetch(new URL(next!, base), { headers: { Authorization: `Bearer ${u.token}` } });
    expect(second.status).toBe(200);
    expect(((await second.json()) as any[]).map((t) => t.title)).toEqual(['three']);
    expect(second.headers.get('x-total-count')).toBe('3');
    expect(second.headers.get('link')).toBeNull();
  });

  test('a CORS preflight from the front end allows the methods and headers it sends, and exposes the page headers', async () => {
    const u = await registerUser(h);
    const preflight = await fetch(`${base}/api/${u.id}/tasks/x`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

    const list = await client(u, true)('GET', '/tasks');
    expect(list.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(list.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('x-total-count');
    expect(list.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('link');
  });
});
