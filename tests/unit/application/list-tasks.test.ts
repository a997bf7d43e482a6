import { beforeEach, describe, expect, test } from '@jest/globals';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import { ALICE, BOB, taskWorld, type TaskWorld } from './fixture.js';

let w: TaskWorld;
beforeEach(() => {
  w = taskWorld();
});

async function seed(n: number, step = 1000): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push((await w.create.execute(ALICE, { title: `task ${i}` })).id);
    w.clock.advance(step);
  }
  return ids;
}

describe('ListTasks', () => {
  test('newest first by default, with total, limit, offset and has_more', async () => {
    const ids = await seed(5);
    const page = await w.list.execute(ALICE, { limit: 2 });
    expect(page.items.map((t) => t.id)).toEqual([ids[4], ids[3]]);
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 0, hasMore: true });

    const middle = await w.list.execute(ALICE, { limit: 2, offset: 2 });
    expect(middle.items.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    expect(middle).toMatchObject({ total: 5, offset: 2, hasMore: true });

    const last = await w.list.execute(ALICE, { limit: 2, offset: 4 });
    expect(last.items.map((t) => t.id)).toEqual([ids[0]]);
    expect(last).toMatchObject({ total: 5, hasMore: false, nextCursor: null });

    const beyond = await w.list.execute(ALICE, { limit: 2, offset: 10 });
    expect(beyond).toMatchObject({ items: [], total: 5, hasMore: false });
  });

  test('defaults: 50 per page, offset 0', async () => {
    await seed(51, 1);
    const page = await w.list.execute(ALICE);
    expect(page.items).toHaveLength(50);
    expect(page).toMatchObject({ limit: 50, offset: 0, total: 51, hasMore: true });
  });

  test('exactly limit items: has_more is false', async () => {
    await seed(3);
    expect(await w.list.execute(ALICE, { limit: 3 })).toMatchObject({ hasMore: false, total: 3 });
  });

  test('tasks created in the same instant are ordered by id, so pages never repeat or skip', async () => {
    const ids = await seed(7, 0); // all share one created_at
    const descending = [...ids].sort().reverse();
    const seen: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) {
      seen.push(...(await w.list.execute(ALICE, { limit: 3, offset })).items.map((t) => t.id));
    }
    expect(seen).toEqual(descending);
    const asc = await w.list.execute(ALICE, { sort: { field: 'created_at', direction: 'asc' } });
    expect(asc.items.map((t) => t.id)).toEqual([...ids].sort());
  });

  test('cursor pages cover every task exactly once', async () => {
    const ids = await seed(7, 0);
    const seen: string[] = [];
    let page = await w.list.execute(ALICE, { limit: 3 });
    seen.push(...page.items.map((t) => t.id));
    while (page.nextCursor) {
      page = await w.list.execute(ALICE, { limit: 3, cursor: page.nextCursor });
      expect(page.total).toBeNull();
      seen.push(...page.items.map((t) => t.id));
    }
    expect(seen).toEqual([...ids].sort().reverse());
  });

  test('a cursor with include_total carries the total; a cursor of another query is refused', async () => {
    await seed(4);
    const first = await w.list.execute(ALICE, { limit: 2 });
    expect((await w.list.execute(ALICE, { limit: 2, cursor: first.nextCursor!, includeTotal: true })).total).toBe(4);
    await expect(
      w.list.execute(ALICE, { limit: 2, cursor: first.nextCursor!, sort: { field: 'title', direction: 'asc' } }),
    ).rejects.toThrow(ValidationFailed);
  });

  test('only the actor\'s live tasks; the trash lists only trashed ones, most recently deleted first', async () => {
    const [a, b, c] = await seed(3);
    await w.create.execute(BOB, { title: 'bob' });
    await w.softDelete.execute(ALICE, { taskId: a! });
    w.clock.advance(10);
    await w.softDelete.execute(ALICE, { taskId: c! });
    expect((await w.list.execute(ALICE)).items.map((t) => t.id)).toEqual([b]);
    const trash = await w.listTrash.execute(ALICE);
    expect(trash.items.map((t) => t.id)).toEqual([c, a]);
    expect(trash.total).toBe(2);
  });

  test('filters: completed, q (case-insensitive, title or description), priority, due range', async () => {
    const milk = await w.create.execute(ALICE, { title: 'Buy MILK', priority: 'high', dueAt: new Date('2026-01-10T00:00:00Z') });
    const bread = await w.create.execute(ALICE, { title: 'Bread', description: 'with milk', isCompleted: true });
    const other = await w.create.execute(ALICE, { title: 'Other', priority: 'low', dueAt: new Date('2026-02-10T00:00:00Z') });
    const titles = async (filters: object) => (await w.list.execute(ALICE, { filters })).items.map((t) => t.id).sort();
    expect(await titles({ completed: true })).toEqual([bread.id]);
    expect(await titles({ completed: false })).toEqual([milk.id, other.id].sort());
    expect(await titles({ q: 'milk' })).toEqual([milk.id, bread.id].sort());
    expect(await titles({ priority: 'low' })).toEqual([other.id]);
    expect(await titles({ dueBefore: new Date('2026-02-01T00:00:00Z') })).toEqual([milk.id]);
    expect(await titles({ dueAfter: new Date('2026-02-01T00:00:00Z') })).toEqual([other.id]);
  });

  test('include_deleted with updated_since returns tombstones; without updated_since it is refused', async () => {
    const [a, b] = await seed(2);
    const since = w.clock.now();
    await w.softDelete.execute(ALICE, { taskId: a! });
    const page = await w.list.execute(ALICE, { filters: { updatedSince: since, includeDeleted: true } });
    expect(page.items.map((t) => [t.id, t.deletedAt !== null])).toEqual([[a, true]]);
    expect((await w.list.execute(ALICE, { filters: { updatedSince: since } })).items).toEqual([]);
    await expect(w.list.execute(ALICE, { filters: { includeDeleted: true } })).rejects.toThrow(ValidationFailed);
    expect(b).toBeDefined();
  });

  test.each([
    [{ limit: 0 }],
    [{ limit: 101 }],
    [{ limit: 1.5 }],
    [{ offset: -1 }],
    [{ offset: 0, cursor: 'x' }],
    [{ sort: { field: 'deleted_at', direction: 'asc' } }],
  ])('refuses %j', async (input) => {
    await expect(w.list.execute(ALICE, input as never)).rejects.toThrow(ValidationFailed);
  });
});
