import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

interface TaskJson {
  id: string;
  title: string;
  description: string;
  is_completed: boolean;
  due_at: string | null;
  priority: 'low' | 'normal' | 'high';
  created_at: string;
  updated_at: string;
  deleted_at?: string | null;
}

let h: Harness;
let u: TestUser;
let all: TaskJson[];

const SEED: { title: string; description?: string; priority?: string; due_at?: string | null; is_completed?: boolean }[] = [
  { title: 'alpha', priority: 'high', due_at: '2026-12-01T09:00:00Z' },
  { title: 'bravo', description: 'Buy MILK today', priority: 'low', due_at: null },
  { title: 'alpha', priority: 'normal', due_at: '2026-12-01T09:00:00Z', is_completed: true },
  { title: 'charlie', priority: 'high', due_at: '2026-11-01T00:00:00Z' },
  { title: 'delta 100% done', priority: 'normal', due_at: null, is_completed: true },
  { title: 'echo', description: 'milk and honey', priority: 'low', due_at: '2027-01-15T12:30:00Z' },
  { title: 'foxtrot_x', priority: 'high', due_at: null },
  { title: 'golf', priority: 'normal', due_at: '2026-12-01T09:00:00Z' },
  { title: 'hotel', priority: 'low', due_at: '2026-10-31T23:59:59Z', is_completed: true },
  { title: 'india', priority: 'normal' },
  { title: 'juliet', priority: 'high', due_at: '2027-03-01T00:00:00Z' },
  { title: 'kilo', description: 'mILk', priority: 'normal', due_at: '2026-12-01T09:00:00Z' },
];

beforeAll(async () => {
  h = await startHarness();
  u = await registerUser(h);
  for (const body of SEED) await h.http.post('/api/v1/tasks').set(u.auth).send(body).expect(201);
  // Another user's tasks must never show up.
  const other = await registerUser(h);
  for (const title of ['alpha', 'zulu']) await h.http.post('/api/v1/tasks').set(other.auth).send({ title }).expect(201);
  all = (await h.http.get('/api/v1/tasks?limit=100').set(u.auth)).body.items;
  expect(all).toHaveLength(SEED.length);
});
afterAll(async () => {
  await h.close();
});

const RANK = { low: 0, normal: 1, high: 2 };
const ms = (s: string | null) => (s === null ? Number.POSITIVE_INFINITY : Date.parse(s));
const KEY: Record<string, (t: TaskJson) => number | string> = {
  created_at: (t) => ms(t.created_at),
  updated_at: (t) => ms(t.updated_at),
  due_at: (t) => ms(t.due_at),
  priority: (t) => RANK[t.priority],
  title: (t) => t.title,
};
const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
/** The documented order: the key, then id, both in the requested direction; no due date sorts as +infinity. */
function expectedOrder(items: TaskJson[], sort: string): string[] {
  const desc = sort.startsWith('-');
  const key = KEY[sort.replace('-', '')]!;
  return [...items]
    .sort((a, b) => (desc ? -1 : 1) * (cmp(key(a), key(b)) || cmp(a.id, b.id)))
    .map((t) => t.id);
}

async function walkByCursor(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/tasks?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await h.http.get(url).set(u.auth);
    expect(res.status).toBe(200);
    if (cursor) expect(res.body.total).toBeNull();
    ids.push(...res.body.items.map((t: TaskJson) => t.id));
    cursor = res.body.next_cursor;
    expect(res.body.has_more).toBe(cursor !== null);
    pages++;
  } while (cursor);
  return { ids, pages };
}

async function walkByOffset(query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += limit) {
    const res = await h.http.get(`/api/v1/tasks?${query}&limit=${limit}&offset=${offset}`).set(u.auth);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(SEED.length);
    expect(res.body.offset).toBe(offset);
    ids.push(...res.body.items.map((t: TaskJson) => t.id));
    if (!res.body.has_more) return ids;
  }
}

describe('sorts', () => {
  const sorts = ['created_at', 'updated_at', 'due_at', 'priority', 'title'].flatMap((f) => [f, `-${f}`]);

  test.each(sorts)('sort=%s orders by the key then id, the same by cursor and by offset', async (sort) => {
    const expected = expectedOrder(all, sort);
    const byCursor = await walkByCursor(`sort=${sort}`, 5);
    expect(byCursor.ids).toEqual(expected);
    expect(byCursor.pages).toBe(3);
    expect(await walkByOffset(`sort=${sort}`, 5)).toEqual(expected);
  });

  test('the default is -created_at', async () => {
    const res = await h.http.get('/api/v1/tasks').set(u.auth);
    expect(res.body.items.map((t: TaskJson) => t.id)).toEqual(expectedOrder(all, '-created_at'));
  });

  test('tasks without a due date come last ascending and first descending', async () => {
    const asc = (await walkByCursor('sort=due_at', 4)).ids;
    const noDue = all.filter((t) => t.due_at === null).map((t) => t.id);
    expect(asc.slice(-noDue.length).sort()).toEqual([...noDue].sort());
    const desc = (await walkByCursor('sort=-due_at', 4)).ids;
    expect(desc.slice(0, noDue.length).sort()).toEqual([...noDue].sort());
  });

  test('equal keys are ordered by id, so pages split ties without repeating or skipping', async () => {
    // Four tasks share due_at 2026-12-01T09:00Z; pages of 1 cut through the tie.
    const { ids } = await walkByCursor('sort=due_at', 1);
    expect(ids).toEqual(expectedOrder(all, 'due_at'));
  });

  test('+field is the same as field', async () => {
    const res = await h.http.get('/api/v1/tasks?sort=%2Btitle&limit=100').set(u.auth);
    expect(res.body.items.map((t: TaskJson) => t.id)).toEqual(expectedOrder(all, 'title'));
  });
});

describe('filters', () => {
  const cases: [string, (t: TaskJson) => boolean][] = [
    ['completed=true', (t) => t.is_completed],
    ['completed=false', (t) => !t.is_completed],
    ['q=milk', (t) => /milk/i.test(t.title + ' ' + t.description)],
    ['q=ALPHA', (t) => /alpha/i.test(t.title)],
    ['q=100%25', (t) => t.title.includes('100%')],
    ['q=_', (t) => t.title.includes('_') || t.description.includes('_')],
    ['priority=high', (t) => t.priority === 'high'],
    ['priority=low', (t) => t.priority === 'low'],
    ['due_before=2026-12-01T09:00:00Z', (t) => t.due_at !== null && ms(t.due_at) < Date.parse('2026-12-01T09:00:00Z')],
    ['due_after=2026-12-01T09:00:00Z', (t) => t.due_at !== null && ms(t.due_at) >= Date.parse('2026-12-01T09:00:00Z')],
    [
      'due_after=2026-11-01T00:00:00%2B00:00&due_before=2027-01-01T00:00:00Z',
      (t) => t.due_at !== null && ms(t.due_at) >= Date.parse('2026-11-01T00:00:00Z') && ms(t.due_at) < Date.parse('2027-01-01T00:00:00Z'),
    ],
    ['completed=false&priority=normal&q=i', (t) => !t.is_completed && t.priority === 'normal' && /i/i.test(t.title + t.description)],
  ];

  test.each(cases)('%s returns exactly the matching tasks, by cursor and with a matching total', async (query, keep) => {
    const expected = expectedOrder(all.filter(keep), '-created_at');
    expect(expected.length).toBeGreaterThan(0);
    const first = await h.http.get(`/api/v1/tasks?${query}&limit=100`).set(u.auth);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(expected.length);
    expect(first.body.items.map((t: TaskJson) => t.id)).toEqual(expected);
    expect((await walkByCursor(query, 2)).ids).toEqual(expected);
  });

  test('updated_since returns tasks updated at or after the instant', async () => {
    const pivot = all.find((t) => t.title === 'golf')!;
    const since = pivot.updated_at;
    const expected = all.filter((t) => ms(t.updated_at) >= ms(since)).map((t) => t.id);
    const res = await h.http.get(`/api/v1/tasks?updated_since=${encodeURIComponent(since)}&limit=100`).set(u.auth);
    expect(res.body.items.map((t: TaskJson) => t.id).sort()).toEqual(expected.sort());
    expect(res.body.items.map((t: TaskJson) => t.id)).toContain(pivot.id);
  });
});

describe('include_deleted (incremental sync)', () => {
  test('with updated_since it returns deleted tasks as tombstones carrying deleted_at; without, they are hidden', async () => {
    const s = await registerUser(h);
    const keep = (await h.http.post('/api/v1/tasks').set(s.auth).send({ title: 'keep' })).body;
    const gone = (await h.http.post('/api/v1/tasks').set(s.auth).send({ title: 'gone' })).body;
    await h.http.delete(`/api/v1/tasks/${gone.id}`).set(s.auth).expect(204);
    const since = encodeURIComponent(keep.created_at);

    const plain = await h.http.get(`/api/v1/tasks?updated_since=${since}`).set(s.auth);
    expect(plain.body.items.map((t: TaskJson) => t.id)).toEqual([keep.id]);
    expect(plain.body.items[0].deleted_at).toBeUndefined();

    const sync = await h.http.get(`/api/v1/tasks?updated_since=${since}&include_deleted=true&sort=updated_at`).set(s.auth);
    expect(sync.status).toBe(200);
    const byId = Object.fromEntries(sync.body.items.map((t: TaskJson) => [t.id, t]));
    expect(Object.keys(byId).sort()).toEqual([keep.id, gone.id].sort());
    expect(byId[gone.id].deleted_at).toEqual(expect.stringMatching(/^\d{4}-/));
    expect(byId[keep.id].deleted_at).toBeNull();

    const noDeleted = await h.http.get(`/api/v1/tasks?updated_since=${since}&include_deleted=false`).set(s.auth);
    expect(noDeleted.body.items.map((t: TaskJson) => t.id)).toEqual([keep.id]);
  });

  test('include_deleted=true without updated_since is a 422', async () => {
    const res = await h.http.get('/api/v1/tasks?include_deleted=true').set(u.auth);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('include_deleted');
  });
});

describe('pages and totals', () => {
  test('offset pages carry the exact total; cursor pages carry null unless include_total=true', async () => {
    const first = await h.http.get('/api/v1/tasks?limit=5').set(u.auth);
    expect(first.body).toMatchObject({ total: SEED.length, limit: 5, offset: 0, has_more: true });
    const cursor = encodeURIComponent(first.body.next_cursor);
    const next = await h.http.get(`/api/v1/tasks?limit=5&cursor=${cursor}`).set(u.auth);
    expect(next.body.total).toBeNull();
    const counted = await h.http.get(`/api/v1/tasks?limit=5&cursor=${cursor}&include_total=true`).set(u.auth);
    expect(counted.body.total).toBe(SEED.length);
    expect(counted.body.items).toEqual(next.body.items);
  });

  test('the last page has has_more false and next_cursor null; past the end is an empty page', async () => {
    const last = await h.http.get(`/api/v1/tasks?limit=5&offset=10`).set(u.auth);
    expect(last.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(last.body.items).toHaveLength(2);
    const past = await h.http.get(`/api/v1/tasks?limit=5&offset=500`).set(u.auth);
    expect(past.body).toMatchObject({ items: [], total: SEED.length, has_more: false });
  });

  test('limit defaults to 50 and accepts 1 and 100', async () => {
    expect((await h.http.get('/api/v1/tasks').set(u.auth)).body.limit).toBe(50);
    expect((await h.http.get('/api/v1/tasks?limit=1').set(u.auth)).body.items).toHaveLength(1);
    expect((await h.http.get('/api/v1/tasks?limit=100').set(u.auth)).body.limit).toBe(100);
  });
});

describe('bad query parameters are a 422 naming the parameter', () => {
  const bad: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=abc', 'offset'],
    ['sort=nope', 'sort'],
    ['sort=-', 'sort'],
    ['sort=deleted_at', 'sort'],
    ['completed=yes', 'completed'],
    ['priority=urgent', 'priority'],
    ['due_before=yesterday', 'due_before'],
    ['due_before=2026-13-01T00:00:00Z', 'due_before'],
    ['due_after=2026-12-01', 'due_after'],
    ['updated_since=not-a-date', 'updated_since'],
    ['include_total=maybe', 'include_total'],
    ['include_deleted=1', 'include_deleted'],
    ['cursor=garbage', 'cursor'],
    ['cursor=', 'cursor'],
    ['colour=red', 'colour'],
    ['limit=1&limit=2', 'limit'],
    ['sort=title&sort=-title', 'sort'],
  ];

  test.each(bad)('?%s → 422 on %s', async (query, param) => {
    const res = await h.http.get(`/api/v1/tasks?${query}`).set(u.auth);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(param);
  });

  const cursorOf = async (query: string) =>
    encodeURIComponent((await h.http.get(`/api/v1/tasks?${query}&limit=2`).set(u.auth)).body.next_cursor as string);

  test('a cursor and an offset together are a 422', async () => {
    const res = await h.http.get(`/api/v1/tasks?limit=2&offset=2&cursor=${await cursorOf('sort=title')}`).set(u.auth);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('cursor');
  });

  test.each([
    ['another sort', 'sort=title', 'sort=-title'],
    ['another sort field', 'sort=title', 'sort=priority'],
    ['another filter', 'priority=high', 'priority=low'],
    ['a filter added', 'sort=title', 'sort=title&completed=false'],
    ['a filter dropped', 'q=a', ''],
    ['the trash', '', 'trash'],
  ])('a cursor made for %s is a 422', async (_name, madeFor, usedFor) => {
    const cursor = await cursorOf(madeFor);
    const path = usedFor === 'trash' ? '/api/v1/tasks/trash' : '/api/v1/tasks';
    const query = usedFor === 'trash' ? '' : usedFor;
    const res = await h.http.get(`${path}?${query}&limit=2&cursor=${cursor}`).set(u.auth);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('cursor');
  });

  test('a tampered cursor is a 422', async () => {
    const cursor = decodeURIComponent(await cursorOf('sort=title'));
    const [payload, mac] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify(['a', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [`${forged}.${mac}`, `${payload}.${flip(mac)}`, `${payload}`, `${payload}.${mac}.x`, `${payload}.`]) {
      const res = await h.http.get(`/api/v1/tasks?sort=title&limit=2&cursor=${encodeURIComponent(bad)}`).set(u.auth);
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('cursor');
    }
  });

  test("another user's cursor only positions the caller's own list", async () => {
    const other = await registerUser(h);
    for (const title of ['a', 'b', 'c']) await h.http.post('/api/v1/tasks').set(other.auth).send({ title });
    const page = await h.http.get('/api/v1/tasks?sort=title&limit=1').set(other.auth);
    const res = await h.http
      .get(`/api/v1/tasks?sort=title&limit=100&cursor=${encodeURIComponent(page.body.next_cursor)}`)
      .set(u.auth);
    expect(res.status).toBe(200);
    for (const t of res.body.items) expect(all.map((x) => x.id)).toContain(t.id);
  });
});

describe("the brief's list", () => {
  test('takes search for q and medium for normal, and answers {tasks, total, limit, offset, has_more, next_cursor}', async () => {
    const res = await h.http.get(`/api/${u.id}/tasks?search=milk&priority=medium`).set(u.auth);
    expect(res.status).toBe(200);
    const expected = all.filter((t) => /milk/i.test(t.title + t.description) && t.priority === 'normal');
    expect(res.body.tasks.map((t: TaskJson) => t.id)).toEqual(expectedOrder(expected, '-created_at'));
    expect(Object.keys(res.body).sort()).toEqual(['has_more', 'limit', 'next_cursor', 'offset', 'tasks', 'total']);
    const bad = await h.http.get(`/api/${u.id}/tasks?limit=0`).set(u.auth);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('limit');
  });
});
