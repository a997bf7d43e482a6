/**
 * Seeded property-based fuzzing of every route's body and query (fast-check). A sequence of generated
 * requests from two users (and strangers) runs against the real app and PostgreSQL while a model
 * tracks what each accepted request should have done. Asserted for every response: never a 5xx;
 * every error in the contract's problem shape; no stack trace, SQL, file path or library text; and,
 * after every single-task success and at checkpoints over whole lists, each user's data equals the model.
 *
 * FUZZ_RUNS (default 2500) sets the number of requests, FUZZ_SEED the seed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type supertest from 'supertest';
import { createRateLimiters } from '../../src/infrastructure/rate-limit/rate-limiters.js';
import { rateLimitGuards } from '../../src/interfaces/http/middleware/rate-limit.js';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';
import { hs256 } from '../support/tokens.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const CHECKPOINT_EVERY = 250;

const LEAKS =
  /\bat (?:\S+ \()?\/|node_modules|\/work\/|\/home\/|\.[cm]?[jt]s:\d|\bselect\b.*\bfrom\b|\binsert into\b|\bupdate\b.*\bset\b|syntax error|violates|constraint|MikroORM|knex|\bpg\b|postgres|ZodError|TypeError|RangeError|SyntaxError|Cannot read prop|is not a function|undefined is not|Unexpected token|in JSON at position|koa|raw-body|jsonwebtoken|jose/i;

// ---------- the model ----------
interface ModelTask {
  title: string;
  description: string;
  is_completed: boolean;
  priority: string;
  due_at: string | null;
  deleted: boolean;
}
type Model = Map<string, ModelTask>; // task id -> task, per user

// ---------- generators ----------
const weird = fc.constantFrom('', ' ', '  padded  ', '\u0000', 'a\u0000b', '😀', '👩‍👩‍👧‍👦', '\u202Eevil', '\u200F\u05E9\u05DC\u05D5\u05DD', "' or 1=1 --", '<script>', 'x'.repeat(500), 'x'.repeat(501), '😀'.repeat(500), '😀'.repeat(501), 'd'.repeat(5001), '%00', '${jndi:x}', '\\', '"', '\n\t');
const text = fc.oneof({ arbitrary: fc.string({ maxLength: 40 }), weight: 4 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 }, { arbitrary: weird, weight: 3 });
const timestamp = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-12-01T09:00:00Z', '2026-12-01T09:00:00+02:00', '2026-12-01', 'tomorrow', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-02-30T00:00:00Z', '2026-12-01T09:00:00.123456789Z', ''),
);
const anyValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }));
const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: anyValue, weight: 1 });
const extraKey = fc.constantFrom('id', 'user_id', 'version', 'created_at', 'deleted_at', 'completed_at', '__proto__', 'constructor', 'prototype', 'isAdmin', 'completed', 'owner', 'email');

const taskFields = fc.record(
  {
    title: field(text),
    description: field(text),
    is_completed: field(fc.boolean()),
    priority: field(fc.constantFrom('low', 'normal', 'high', 'medium', 'urgent', 'HIGH')),
    due_at: field(fc.oneof(timestamp, fc.constant(null))),
  },
  { requiredKeys: [] },
);

const goodText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.constantFrom('Buy milk', '😀 party', '👩‍👩‍👧‍👦', '\u202Eevil', '\u200F\u05E9\u05DC\u05D5\u05DD', "'; drop table tasks; --", '  padded  ', '😀'.repeat(500), 'x'.repeat(500)),
).filter((t) => t.trim().length > 0 && !t.includes('\u0000'));
const plausibleTask = fc.record(
  {
    title: goodText,
    description: fc.oneof(goodText, fc.constant('')),
    is_completed: fc.boolean(),
    priority: fc.constantFrom('low', 'normal', 'high'),
    due_at: fc.oneof(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constant(null)),
  },
  { requiredKeys: ['title'] },
);

/** undefined: no body at all. A string: sent raw. Otherwise serialized as JSON. */
const body = fc.oneof(
  { arbitrary: plausibleTask, weight: 12 },
  { arbitrary: fc.tuple(taskFields, fc.array(fc.tuple(extraKey, anyValue), { maxLength: 2 }), fc.nat(9)).map(([fields, extras, p]) => (p < 7 ? fields : Object.assign(Object.fromEntries(extras), fields))), weight: 10 },
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  { arbitrary: fc.constantFrom('{', '{"title":', 'null', '[]', '"x"', '{"title":"x",}', '\u0000', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}', '{"title":"a","title":"b"}'), weight: 1 },
);

const queryKey = fc.constantFrom('limit', 'offset', 'cursor', 'q', 'search', 'completed', 'priority', 'sort', 'due_before', 'due_after', 'updated_since', 'include_deleted', 'include_total', 'permanent', 'x', '__proto__', 'limit[]');
const queryValue = fc.oneof(
  fc.constantFrom('true', 'false', '0', '1', '-1', '50', '100', '101', '1e2', '-created_at', 'title', '+priority', 'due_at', '-updated_at', 'password', 'high', 'medium', '2026-01-01T00:00:00Z', 'garbage', ''),
  fc.string({ maxLength: 30 }),
  fc.nat().map(String),
);
const query = fc.oneof({ arbitrary: fc.constant([] as [string, string][]), weight: 3 }, { arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }), weight: 2 });

const taskRef = fc.oneof(
  { arbitrary: fc.nat().map((i) => ({ kind: 'own' as const, i })), weight: 8 },
  { arbitrary: fc.nat().map((i) => ({ kind: 'other' as const, i })), weight: 2 },
  { arbitrary: fc.constant({ kind: 'random' as const }), weight: 1 },
  { arbitrary: fc.constantFrom('not-a-uuid', '1', "'--", '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-0000-4000-8000-000000000001').map((v) => ({ kind: 'raw' as const, v })), weight: 1 },
);

const op = fc.oneof(
  { arbitrary: fc.constantFrom('create', 'create', 'put', 'patch', 'complete', 'delete', 'restore', 'get'), weight: 8 },
  { arbitrary: fc.constantFrom('list', 'trash'), weight: 2 },
  { arbitrary: fc.constantFrom('register', 'login', 'logout', 'me', 'unknown'), weight: 1 },
);
const request = fc.record({
  op,
  surface: fc.constantFrom('v1', 'v1', 'brief'),
  who: fc.constantFrom('a', 'a', 'a', 'b', 'b', 'b', 'anon', 'forged'),
  pathUser: fc.constantFrom('self', 'self', 'self', 'self', 'other', 'junk'),
  ref: taskRef,
  body,
  query,
  contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 12 }, { arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/merge-patch+json', 'application/x-www-form-urlencoded'), weight: 1 }),
  ifMatch: fc.option(fc.constantFrom('"1"', '"2"', '*', 'garbage', 'W/"1"'), { freq: 15 }),
});
type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;

// ---------- the run ----------
let h: Harness;
let users: Record<'a' | 'b', TestUser>;
const models: Record<'a' | 'b', Model> = { a: new Map(), b: new Map() };
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const limiters = createRateLimiters({ perUser: 1_000_000, perAddress: 1_000_000, keyPrefix: `fuzz:${randomUUID()}` });
  closers.push(() => limiters.close());
  h = await startHarness({ http: rateLimitGuards(limiters) });
  users = { a: await registerUser(h), b: await registerUser(h) };
});
afterAll(async () => {
  await h.close();
  for (const close of closers) await close();
});

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function translate(b: Record<string, unknown>, surface: string): Record<string, unknown> {
  if (surface !== 'brief') return b;
  const out = { ...b };
  if ('completed' in out) {
    out.is_completed = out.completed;
    delete out.completed;
  }
  if (out.priority === 'medium') out.priority = 'normal';
  return out;
}

function fromCreate(b: Record<string, unknown>): ModelTask {
  return {
    title: String(b.title).trim(),
    description: (b.description as string | undefined) ?? '',
    is_completed: (b.is_completed as boolean | undefined) ?? false,
    priority: (b.priority as string | undefined) ?? 'normal',
    due_at: iso(b.due_at),
    deleted: false,
  };
}

function merge(t: ModelTask, b: Record<string, unknown>): ModelTask {
  return {
    ...t,
    ...(b.title !== undefined && { title: String(b.title).trim() }),
    ...(b.description !== undefined && { description: b.description as string }),
    ...(b.is_completed !== undefined && { is_completed: b.is_completed as boolean }),
    ...(b.priority !== undefined && { priority: b.priority as string }),
    ...(b.due_at !== undefined && { due_at: iso(b.due_at) }),
  };
}

const visible = (t: Record<string, unknown>): Omit<ModelTask, 'deleted'> => ({
  title: t.title as string,
  description: t.description as string,
  is_completed: t.is_completed as boolean,
  priority: t.priority as string,
  due_at: t.due_at as string | null,
});
const strip = ({ deleted: _d, ...rest }: ModelTask) => rest;

function pick(model: Model, i: number): string | undefined {
  const ids = [...model.keys()];
  return ids.length ? ids[i % ids.length] : undefined;
}

function describeReq(step: number, r: Req, method: string, url: string): string {
  return `step ${step} (seed ${SEED}): ${method} ${url} as ${r.who} body=${JSON.stringify(r.body)?.slice(0, 300)} ct=${r.contentType} if-match=${r.ifMatch}`;
}

async function send(r: Req, method: string, url: string): Promise<supertest.Response> {
  let req = (h.http as unknown as Record<string, (u: string) => supertest.Test>)[method.toLowerCase()]!(url);
  if (r.who === 'a' || r.who === 'b') req = req.set(users[r.who].auth);
  if (r.who === 'forged') req = req.set('Authorization', `Bearer ${hs256({ sub: users.a.id }, { alg: 'HS512' })}`);
  if (r.ifMatch) req = req.set('If-Match', r.ifMatch);
  if (r.body !== undefined) {
    req = req.set('Content-Type', r.contentType).send(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
  }
  return req;
}

function checkShape(res: supertest.Response, where: string) {
  expect({ where, status: res.status < 500 }).toEqual({ where, status: true });
  const raw = res.text ?? '';
  if (res.status >= 400) {
    expect({ where, type: res.headers['content-type'] }).toEqual({ where, type: expect.stringMatching(/^application\/problem\+json/) });
    const b = res.body as Record<string, unknown>;
    expect({ where, shape: Object.fromEntries(['type', 'title', 'detail', 'code', 'request_id'].map((k) => [k, typeof b[k]])) }).toEqual({
      where,
      shape: { type: 'string', title: 'string', detail: 'string', code: 'string', request_id: 'string' },
    });
    expect({ where, status: b.status }).toEqual({ where, status: res.status });
    expect({ where, request_id: b.request_id }).toEqual({ where, request_id: res.headers['x-request-id'] });
    expect({ where, leak: LEAKS.exec(raw)?.[0] ?? null }).toEqual({ where, leak: null });
  }
}

async function checkpoint(where: string) {
  for (const who of ['a', 'b'] as const) {
    const seen = new Map<string, ModelTask>();
    for (const [path, deleted] of [['/api/v1/tasks', false], ['/api/v1/tasks/trash', true]] as const) {
      for (let offset = 0; ; offset += 100) {
        const res = await h.http.get(`${path}?limit=100&offset=${offset}`).set(users[who].auth);
        expect(res.status).toBe(200);
        for (const t of res.body.items as Record<string, unknown>[]) seen.set(t.id as string, { ...visible(t), deleted });
        if (!res.body.has_more) break;
      }
    }
    expect({ where, who, tasks: Object.fromEntries(seen) }).toEqual({ where, who, tasks: Object.fromEntries(models[who]) });
  }
}

test(`fuzz: ${RUNS} requests over every route (seed ${SEED})`, async () => {
  console.log(`fuzz: seed ${SEED}, ${RUNS} requests (FUZZ_SEED / FUZZ_RUNS to change)`);
  const plan = fc.sample(request, { seed: SEED, numRuns: RUNS });
  const counts: Record<string, number> = {};

  for (const [step, r] of plan.entries()) {
    const self = r.who === 'b' ? 'b' : 'a';
    const other = self === 'a' ? 'b' : 'a';
    const model = models[self];
    let taskId: string;
    if (r.ref.kind === 'own') taskId = pick(model, r.ref.i) ?? randomUUID();
    else if (r.ref.kind === 'other') taskId = pick(models[other], r.ref.i) ?? randomUUID();
    else if (r.ref.kind === 'random') taskId = randomUUID();
    else taskId = r.ref.v;
    const pathUser = r.pathUser === 'self' ? users[self].id : r.pathUser === 'other' ? users[other].id : 'someone-else';
    const base = r.surface === 'brief' ? `/api/${encodeURIComponent(pathUser)}/tasks` : '/api/v1/tasks';
    const qs = new URLSearchParams(r.query).toString();
    const withQuery = (p: string) => (qs ? `${p}?${qs}` : p);

    const [method, url] = ((): [string, string] => {
      switch (r.op) {
        case 'list': return ['GET', withQuery(base)];
        case 'trash': return ['GET', withQuery(`${base}/trash`)];
        case 'create': return ['POST', withQuery(base)];
        case 'get': return ['GET', withQuery(`${base}/${encodeURIComponent(taskId)}`)];
        case 'put': return ['PUT', withQuery(`${base}/${encodeURIComponent(taskId)}`)];
        case 'patch': return ['PATCH', withQuery(`${base}/${encodeURIComponent(taskId)}`)];
        case 'complete': return ['PATCH', withQuery(`${base}/${encodeURIComponent(taskId)}/complete`)];
        case 'delete': return ['DELETE', withQuery(`${base}/${encodeURIComponent(taskId)}`)];
        case 'restore': return ['POST', withQuery(`${base}/${encodeURIComponent(taskId)}/restore`)];
        case 'register': return ['POST', withQuery('/api/v1/auth/register')];
        case 'login': return ['POST', withQuery('/api/v1/auth/login')];
        case 'logout': return ['POST', withQuery('/api/v1/auth/logout')];
        case 'me': return ['GET', withQuery('/api/v1/auth/me')];
        default: return ['GET', withQuery(`/api/v1/${r.surface}-nothing`)];
      }
    })();
    const where = describeReq(step, r, method, url);
    const res = await send(r, method, url);
    counts[String(res.status)] = (counts[String(res.status)] ?? 0) + 1;
    checkShape(res, where);

    const ok = res.status >= 200 && res.status < 300;
    const signedIn = r.who === 'a' || r.who === 'b';
    const taskOp = !['register', 'login', 'logout', 'me', 'unknown'].includes(r.op);
    // A stranger learns nothing about tasks: 401, or a body rejected before anyone is identified.
    if (taskOp && !signedIn) expect({ where, status: [400, 401, 413, 415].includes(res.status) }).toEqual({ where, status: true });
    if (!ok || !taskOp || !signedIn) continue;

    // An accepted request on a task: it must have been the caller's, and the model follows it.
    expect({ where, pathUser: r.surface === 'v1' || r.pathUser === 'self' }).toEqual({ where, pathUser: true });
    const known = model.get(taskId);
    if (!['list', 'trash', 'create'].includes(r.op)) expect({ where, own: known !== undefined }).toEqual({ where, own: true });
    // What the server parsed: raw bodies as JSON.parse reads them (the last duplicate key wins).
    let sent: unknown = r.body;
    // An empty body is no body, whatever the Content-Type says.
    if (typeof r.body === 'string' && r.body.trim() === '') sent = undefined;
    else if (typeof r.body === 'string') {
      try {
        sent = JSON.parse(r.body);
      } catch {
        throw new Error(`accepted a body that is not JSON (${res.status}): ${where}`);
      }
    }
    const b = translate((typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? sent : {}) as Record<string, unknown>, r.surface);
    let expected: ModelTask | undefined;
    switch (r.op) {
      case 'create':
        expected = fromCreate(b);
        model.set(res.body.id as string, expected);
        break;
      case 'put':
        expected = r.surface === 'v1' ? fromCreate(b) : merge(known!, b);
        model.set(taskId, expected);
        break;
      case 'patch':
        expected = merge(known!, b);
        model.set(taskId, expected);
        break;
      case 'complete':
        expected = { ...known!, is_completed: sent === undefined ? !known!.is_completed : (b.is_completed as boolean) };
        model.set(taskId, expected);
        break;
      case 'delete':
        if (new URLSearchParams(r.query).get('permanent') === 'true') model.delete(taskId);
        else model.set(taskId, { ...known!, deleted: true });
        break;
      case 'restore':
        expected = { ...known!, deleted: false };
        model.set(taskId, expected);
        break;
      case 'get':
        expected = known;
        break;
      default:
        break;
    }
    if (expected) expect({ where, task: visible(res.body) }).toEqual({ where, task: strip(expected) });
    if ((step + 1) % CHECKPOINT_EVERY === 0) await checkpoint(where);
  }
  await checkpoint('end of run');
  console.log(`fuzz: statuses ${JSON.stringify(counts)}; tasks in model a=${models.a.size} b=${models.b.size}`);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
}, 600_000);
