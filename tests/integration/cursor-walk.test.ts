import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { registerUser, startHarness, type Harness, type TestUser } from '../support/http-harness.js';

const SEEDED = 10_000;

let h: Harness;
let u: TestUser;
const live = async () =>
  (
    await h.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>('select id from tasks where user_id = ? and deleted_at is null', [u.id])
  ).map((r) => r.id);
beforeAll(async () => {
  h = await startHarness();
  u = await registerUser(h);
  // Set-based seed. Timestamps are whole milliseconds, as the API writes them, and every three tasks
  // share one created_at, so pages must split ties by id. Titles repeat every 100 tasks for the same reason.
  await h.orm.em
    .fork()
    .getConnection()
    .execute<{ id: string }[]>(
      `insert into tasks (id, user_id, title, description, priority, due_at, created_at, updated_at)
       select gen_random_uuid(), ?, 'seed ' || lpad((i % 100)::text, 3, '0'), '', i % 3,
              case when i % 4 = 0 then null else timestamptz '2026-06-01' + (i % 50) * interval '1 hour' end,
              timestamptz '2026-01-01' + (i / 3) * interval '1 millisecond',
              timestamptz '2026-01-01' + (i / 3) * interval '1 millisecond'
       from generate_series(1, ?) as i`,
      [u.id, SEEDED],
    );
}, 60_000);
afterAll(async () => {
  await h.close();
});

test.each(['-created_at', 'title', 'due_at', '-priority'])(
  'walking 10,000 tasks by cursor (sort=%s) while others insert and delete returns every surviving task exactly once',
  async (sort) => {
    // Every task live when the walk starts: 10,000 seeded, plus those inserted by earlier walks.
    const atStart = await live();
    expect(atStart.length).toBeGreaterThanOrEqual(SEEDED - 1000);
    const deleted = new Set<string>();
    const inserted = new Set<string>();
    const candidates = [...atStart];
    let walking = true;

    const mutate = async () => {
      let i = 0;
      while (walking) {
        const created = await h.http
          .post('/api/v1/tasks')
          .set(u.auth)
          .send({ title: `seed ${String(i % 100).padStart(3, '0')} new`, priority: ['low', 'normal', 'high'][i % 3] });
        expect(created.status).toBe(201);
        inserted.add(created.body.id);
        // Soft-delete a seeded task that is still live, anywhere in the order.
        const victim = candidates.splice(Math.floor(Math.random() * candidates.length), 1)[0]!;
        const res = await h.http.delete(`/api/v1/tasks/${victim}`).set(u.auth);
        expect(res.status).toBe(204);
        deleted.add(victim);
        i++;
      }
    };

    const walk = async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      try {
        do {
          const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
          const page = await h.http.get(`/api/v1/tasks?sort=${sort}&limit=100${q}`).set(u.auth);
          expect(page.status).toBe(200);
          seen.push(...page.body.items.map((t: { id: string }) => t.id));
          cursor = page.body.next_cursor;
        } while (cursor);
      } finally {
        walking = false;
      }
      return seen;
    };

    const [seen] = await Promise.all([walk(), mutate()]);
    expect(deleted.size).toBeGreaterThan(0);

    const counts = new Map<string, number>();
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1);
    expect(repeated).toEqual([]);
    const missing = atStart.filter((id) => !deleted.has(id) && !counts.has(id));
    expect(missing).toEqual([]);
    const known = new Set([...atStart, ...inserted]);
    expect(seen.filter((id) => !known.has(id))).toEqual([]);
  },
  120_000,
);
