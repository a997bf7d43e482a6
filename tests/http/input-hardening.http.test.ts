import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type supertest from 'supertest';
import { countRows, registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

const LIMIT = 64 * 1024;

let h: Harness;
let u: TestUser;
let taskId: string;
beforeAll(async () => {
  h = await startHarness();
  u = await registerUser(h);
  taskId = (await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'original' })).body.id;
});
afterAll(() => h.close());

function expectProblem(res: supertest.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  for (const key of ['type', 'title', 'detail', 'request_id']) expect(typeof res.body[key]).toBe('string');
}

/** A body of exactly `size` bytes: valid JSON, padded in the description. */
function bodyOfSize(size: number): string {
  const head = '{"title":"big","description":"';
  const tail = '"}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

async function unchanged<T>(work: () => Promise<T>): Promise<T> {
  const before = { tasks: await countRows(h, 'tasks'), task: (await h.http.get(`/api/v1/tasks/${taskId}`).set(u.auth)).body };
  const result = await work();
  expect(await countRows(h, 'tasks')).toBe(before.tasks);
  expect((await h.http.get(`/api/v1/tasks/${taskId}`).set(u.auth)).body).toEqual(before.task);
  return result;
}

describe('body size, type and syntax', () => {
  test('exactly 64 KiB is read (and judged on its content: 422 here); one byte more is a 413', async () => {
    await unchanged(async () => {
      const at = await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', 'application/json').send(bodyOfSize(LIMIT));
      expectProblem(at, 422, 'validation_failed');
      const over = await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', 'application/json').send(bodyOfSize(LIMIT + 1));
      expectProblem(over, 413, 'payload_too_large');
    });
  });

  test('a chunked body without Content-Length is cut off at the limit too', async () => {
    const server: Server = createServer(h.app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/tasks', headers: { ...u.auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        const big = bodyOfSize(LIMIT * 2);
        for (let i = 0; i < big.length; i += 8192) req.write(big.slice(i, i + 8192));
        req.end();
      });
      expect(status.status).toBe(413);
      expect(JSON.parse(status.body).code).toBe('payload_too_large');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test.each([
    ['text/plain', '{"title":"x"}'],
    ['application/x-www-form-urlencoded', 'title=x'],
    ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--zz--'],
    ['application/xml', '<title>x</title>'],
  ])('a %s body is a 415 and creates nothing', async (type, body) => {
    await unchanged(async () => expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', type).send(body), 415, 'unsupported_media_type'));
  });

  test.each(['{"title":', '{title: "x"}', "{'title':'x'}", '{"title":"x"}}', 'NaN', '\u0000', '{"title":"x",}'])('malformed JSON %j is a 400', async (body) => {
    await unchanged(async () =>
      expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', 'application/json').send(body), 400, 'malformed_json'),
    );
  });

  test('JSON that is not an object is a 422, not a 500', async () => {
    for (const body of ['[]', '"title"', '42', 'null', 'true', '[{"title":"x"}]']) {
      await unchanged(async () =>
        expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', 'application/json').send(body), 422, 'validation_failed'),
      );
      const patch = await h.http.patch(`/api/v1/tasks/${taskId}`).set(u.auth).set('Content-Type', 'application/json').send(body);
      expect([200, 422]).toContain(patch.status);
    }
  });

  test('no body with Content-Type: application/json on GET and DELETE is fine', async () => {
    const res = await h.http.get('/api/v1/tasks').set(u.auth).set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
  });
});

describe('prototype pollution', () => {
  const payloads = [
    '{"title":"x","__proto__":{"isAdmin":true}}',
    '{"__proto__":{"isAdmin":true}}',
    '{"title":"x","constructor":{"prototype":{"isAdmin":true}}}',
    '{"title":"x","prototype":{"isAdmin":true}}',
  ];

  test.each(payloads)('%s is a 422 unknown field everywhere and pollutes nothing', async (body) => {
    await unchanged(async () => {
      for (const [method, path] of [
        ['post', '/api/v1/tasks'],
        ['put', `/api/v1/tasks/${taskId}`],
        ['patch', `/api/v1/tasks/${taskId}`],
        ['patch', `/api/v1/tasks/${taskId}/complete`],
        ['post', `/api/${u.id}/tasks`],
        ['put', `/api/${u.id}/tasks/${taskId}`],
      ] as const) {
        const res = await h.http[method](path).set(u.auth).set('Content-Type', 'application/json').send(body);
        expectProblem(res, 422, 'validation_failed');
        expect(res.body.errors.some((e: { code: string }) => e.code === 'unknown_field')).toBe(true);
      }
      const reg = await h.http.post('/api/v1/auth/register').set('Content-Type', 'application/json').send(body);
      expect(reg.status).toBe(422);
    });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  test('pollution keys in the query string are unknown parameters', async () => {
    for (const q of ['__proto__[isAdmin]=true', '__proto__=x', 'constructor[prototype][isAdmin]=true']) {
      expectProblem(await h.http.get(`/api/v1/tasks?${q}`).set(u.auth), 422, 'validation_failed');
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('hostile strings', () => {
  test('NUL in any text field is a 422', async () => {
    await unchanged(async () => {
      expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'a\u0000b' }), 422, 'validation_failed');
      expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'ok', description: '\u0000' }), 422, 'validation_failed');
      expectProblem(await h.http.patch(`/api/v1/tasks/${taskId}`).set(u.auth).send({ title: '\u0000' }), 422, 'validation_failed');
    });
    const reg = await h.http.post('/api/v1/auth/register').send({ email: 'nul@example.com', password: 'abc\u0000defghij' });
    expect(reg.status).toBe(422);
    const name = await h.http.post('/api/v1/auth/register').send({ email: 'nul2@example.com', password: 'abcdefghij', name: 'a\u0000' });
    expect(name.status).toBe(422);
  });

  test.each([
    ['emoji and ZWJ sequences', '👩‍👩‍👧‍👦 ship it 🚀'],
    ['right-to-left marks and overrides', '\u202Eevil\u202C \u200F\u05E9\u05DC\u05D5\u05DD\u200E'],
    ['combining marks', 'Z\u0351\u0364a\u0350\u0313l\u0344g\u0342o'],
    ['a lone surrogate-free astral plane mix', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀'],
    ['markup and SQL, stored as text', `<script>alert(1)</script>'; drop table tasks; --`],
    ['500 emoji (the limit in characters)', '😀'.repeat(500)],
  ])('%s are stored exactly and returned unchanged', async (_label, title) => {
    const created = await h.http.post('/api/v1/tasks').set(u.auth).send({ title, description: title });
    expect(created.status).toBe(201);
    const got = await h.http.get(`/api/v1/tasks/${created.body.id}`).set(u.auth);
    expect(got.body.title).toBe(title);
    expect(got.body.description).toBe(title);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
  });

  test('one character over a limit is a 422 and stores nothing', async () => {
    await unchanged(async () => {
      expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).send({ title: '😀'.repeat(501) }), 422, 'validation_failed');
      expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'x', description: 'd'.repeat(5001) }), 422, 'validation_failed');
      expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'x'.repeat(60_000) }), 422, 'validation_failed');
    });
  });

  test('very long e-mail and name are 422s', async () => {
    expect((await h.http.post('/api/v1/auth/register').send({ email: `${'a'.repeat(400)}@example.com`, password: 'abcdefghij' })).status).toBe(422);
    expect((await h.http.post('/api/v1/auth/register').send({ email: 'longname@example.com', password: 'abcdefghij', name: 'n'.repeat(201) })).status).toBe(422);
    expect((await h.http.post('/api/v1/auth/login').send({ email: 'a@b.co', password: 'p'.repeat(2000) })).status).toBe(422);
  });
});

describe('query strings are bounded', () => {
  test('a long q is a 422; a query past the header limit is a 4xx; never a 500', async () => {
    expectProblem(await h.http.get(`/api/v1/tasks?q=${'a'.repeat(201)}`).set(u.auth), 422, 'validation_failed');
    const huge = await h.http.get(`/api/v1/tasks?q=${'a'.repeat(20_000)}`).set(u.auth);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const many = await h.http.get(`/api/v1/tasks?${Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&')}`).set(u.auth);
    expect(many.status).toBeGreaterThanOrEqual(400);
    expect(many.status).toBeLessThan(500);
  });

  test('repeated, empty and odd parameters are 422s', async () => {
    for (const q of ['limit=1&limit=2', 'limit=', 'limit=0', 'limit=101', 'limit=1e2', 'offset=-1', 'sort=password', 'completed=yes', 'cursor=%00', 'due_before=tomorrow', 'q[]=a']) {
      expectProblem(await h.http.get(`/api/v1/tasks?${q}`).set(u.auth), 422, 'validation_failed');
    }
    expectProblem(await h.http.delete(`/api/v1/tasks/${taskId}?permanent=maybe`).set(u.auth), 422, 'validation_failed');
  });
});

describe('NUL in a query parameter', () => {
  test.each([
    ['/api/v1/tasks?q=a%00b', 'q'],
    ['/api/v1/tasks?q=%00', 'q'],
    ['/api/v1/tasks/trash?q=a%00b', 'q'],
    ['/api/{user}/tasks?search=a%00b', 'search'],
    ['/api/{user}/tasks?q=a%00b', 'q'],
    ['/api/v1/tasks?sort=%00title', 'sort'],
    ['/api/v1/tasks?priority=high%00', 'priority'],
  ])('%s is a 422 naming %s', async (path, field) => {
    const res = await h.http.get(path.replace('{user}', u.id)).set(u.auth);
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });
});

describe('security headers on every response', () => {
  test('success, errors of every kind, preflight', async () => {
    const responses: [string, supertest.Response][] = [
      ['200 list', await h.http.get('/api/v1/tasks').set(u.auth)],
      ['200 me', await h.http.get('/api/v1/auth/me').set(u.auth)],
      ['201 create', await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'h' })],
      ['401', await h.http.get('/api/v1/tasks')],
      ['403', await h.http.get(`/api/00000000-0000-4000-8000-000000000000/tasks`).set(u.auth)],
      ['404', await h.http.get('/nope')],
      ['400', await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', 'application/json').send('{')],
      ['413', await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', 'application/json').send(bodyOfSize(LIMIT + 1))],
      ['415', await h.http.post('/api/v1/tasks').set(u.auth).set('Content-Type', 'text/plain').send('x')],
      ['422', await h.http.post('/api/v1/tasks').set(u.auth).send({})],
      ['healthz', await h.http.get('/healthz')],
      ['preflight', await h.http.options('/api/v1/tasks').set('Origin', 'https://app.example.com').set('Access-Control-Request-Method', 'POST')],
    ];
    for (const [name, res] of responses) {
      expect({ name, nosniff: res.headers['x-content-type-options'] }).toEqual({ name, nosniff: 'nosniff' });
      expect({ name, poweredBy: res.headers['x-powered-by'] }).toEqual({ name, poweredBy: undefined });
      expect({ name, csp: res.headers['content-security-policy'] }).toEqual({ name, csp: expect.stringContaining("default-src 'none'") });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-request-id']).toBeTruthy();
    }
    for (const [name, res] of responses.slice(0, 3)) {
      expect({ name, cache: res.headers['cache-control'] }).toEqual({ name, cache: 'no-store' });
    }
    // Errors of an authenticated caller are their data too.
    const forbidden = responses.find(([n]) => n === '403')![1];
    expect(forbidden.headers['cache-control']).toBe('no-store');
  });
});

describe('timestamps at the edges of what PostgreSQL stores', () => {
  test.each(['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+14:00', '0000-06-01T00:00:00+02:00'])('due_at %s (UTC year 0) is a 422, not a 500', async (due) => {
    await unchanged(async () => {
      expectProblem(await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'x', due_at: due }), 422, 'validation_failed');
      expectProblem(await h.http.patch(`/api/v1/tasks/${taskId}`).set(u.auth).send({ due_at: due }), 422, 'validation_failed');
    });
    expectProblem(await h.http.get(`/api/v1/tasks?due_before=${encodeURIComponent(due)}`).set(u.auth), 422, 'validation_failed');
  });

  test('the first and last storable instants round-trip', async () => {
    for (const due of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const res = await h.http.post('/api/v1/tasks').set(u.auth).send({ title: 'edge', due_at: due });
      expect(res.status).toBe(201);
      expect((await h.http.get(`/api/v1/tasks/${res.body.id}`).set(u.auth)).body.due_at).toBe(due);
    }
  });
});
