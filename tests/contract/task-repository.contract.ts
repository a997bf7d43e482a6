import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { TaskRepository } from '../../src/application/ports/task-repository.js';
import { positionOf } from '../../src/application/tasks/list-tasks.js';
import type { KeysetPosition, SortField, TaskFilters, TaskListQuery, TaskSort } from '../../src/application/tasks/task-list-query.js';
import { toTaskView, type TaskView } from '../../src/application/tasks/task-view.js';
import { PRIORITY_RANK } from '../../src/domain/task/priority.js';
import { Task, type NewTask } from '../../src/domain/task/task.js';

export interface TaskRepositorySubject {
  readonly tasks: TaskRepository;
  /** An owner id that the store accepts (a real user row where there is a foreign key). */
  createOwner(): Promise<string>;
  /** Empties the store before each test. */
  reset(): Promise<void>;
}

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/**
 * One behaviour, every adapter: the in-memory fake (tests/contract/in-memory-repositories.test.ts) and
 * MikroORM on PostgreSQL (tests/integration/mikro-orm-task-repository.test.ts) must pass the same suite,
 * so use-case tests on the fake say something about production.
 */
export function taskRepositoryContract(name: string, subject: () => TaskRepositorySubject): void {
  describe(`TaskRepository contract: ${name}`, () => {
    let s: TaskRepositorySubject;
    let owner: string;
    let other: string;

    async function freshStore(): Promise<void> {
      s = subject();
      await s.reset();
      owner = await s.createOwner();
      other = await s.createOwner();
    }

    const make = (input: Partial<NewTask> = {}) =>
      Task.create({ id: randomUUID(), ownerId: owner, title: 'task', now: at(0), ...input });

    async function stored(input: Partial<NewTask> = {}, change?: (t: Task) => void): Promise<Task> {
      const task = make(input);
      await s.tasks.insert(task);
      if (change) {
        const version = task.version;
        change(task);
        expect(await s.tasks.update(task, version)).toBe(true);
      }
      return task;
    }

    const query = (q: Partial<TaskListQuery> = {}): TaskListQuery => ({
      ownerId: owner,
      scope: 'active',
      filters: {},
      sort: { field: 'created_at', direction: 'desc' },
      limit: 100,
      offset: 0,
      after: null,
      includeTotal: true,
      ...q,
    });

    const ids = async (q: Partial<TaskListQuery>) => (await s.tasks.list(query(q))).rows.map((r) => r.id);

    describe('insert, find, update, delete', () => {
      beforeEach(freshStore);

      test('a task reads back field for field', async () => {
        const task = make({
          title: 'Buy milk',
          description: 'two litres',
          isCompleted: true,
          dueAt: new Date('2026-04-01T09:30:00.123Z'),
          priority: 'high',
        });
        await s.tasks.insert(task);
        const found = await s.tasks.findById(task.id);
        expect(found).toBeInstanceOf(Task);
        expect(toTaskView(found!)).toEqual(toTaskView(task));
      });

      test('an unknown id, or one that is not a UUID, finds nothing', async () => {
        expect(await s.tasks.findById(randomUUID())).toBeNull();
        expect(await s.tasks.findById('not-a-uuid')).toBeNull();
        expect(await s.tasks.findById("1' or '1'='1")).toBeNull();
      });

      test('update writes when the stored version is the expected one', async () => {
        const task = await stored();
        task.edit({ title: 'renamed', priority: 'low', dueAt: at(60) }, at(1));
        task.softDelete(at(2));
        expect(await s.tasks.update(task, 1)).toBe(true);
        expect(toTaskView((await s.tasks.findById(task.id))!)).toEqual(toTaskView(task));
      });

      test('update with a stale version writes nothing and says so', async () => {
        const task = await stored();
        const first = (await s.tasks.findById(task.id))!;
        const second = (await s.tasks.findById(task.id))!;
        first.edit({ title: 'first' }, at(1));
        second.edit({ title: 'second' }, at(1));
        expect(await s.tasks.update(first, 1)).toBe(true);
        expect(await s.tasks.update(second, 1)).toBe(false);
        expect((await s.tasks.findById(task.id))!.title).toBe('first');
      });

      test('update of a task that does not exist is false', async () => {
        expect(await s.tasks.update(make(), 1)).toBe(false);
        expect(await s.tasks.list(query())).toMatchObject({ rows: [], total: 0 });
      });

      test('delete removes only at the expected version', async () => {
        const task = await stored();
        expect(await s.tasks.delete(task.id, 7)).toBe(false);
        expect(await s.tasks.findById(task.id)).not.toBeNull();
        expect(await s.tasks.delete(task.id, 1)).toBe(true);
        expect(await s.tasks.findById(task.id)).toBeNull();
        expect(await s.tasks.delete(task.id, 1)).toBe(false);
      });

      test('purgeTrashedBefore removes only tasks trashed before the cutoff, up to the batch size', async () => {
        const live = await stored();
        const old1 = await stored({}, (t) => t.softDelete(at(10)));
        const old2 = await stored({}, (t) => t.softDelete(at(11)));
        const recent = await stored({}, (t) => t.softDelete(at(100)));
        expect(await s.tasks.purgeTrashedBefore(at(50), 1)).toBe(1);
        expect(await s.tasks.purgeTrashedBefore(at(50), 10)).toBe(1);
        expect(await s.tasks.findById(old1.id)).toBeNull();
        expect(await s.tasks.findById(old2.id)).toBeNull();
        expect(await s.tasks.findById(live.id)).not.toBeNull();
        expect(await s.tasks.findById(recent.id)).not.toBeNull();
      });
    });

    describe('list', () => {
      let all: Task[];
      let trashed: Task[];

      // A fixed set with ties on every sort key, missing due dates, and another owner's tasks; seeded
      // once, as the tests below only read it (or write under an owner of their own).
      beforeAll(async () => {
        await freshStore();
        const titles = ['delta', 'alpha', 'charlie', 'alpha', 'bravo', 'echo', 'bravo', 'alpha', 'foxtrot', 'golf', 'hotel'];
        const priorities = ['low', 'normal', 'high'] as const;
        all = [];
        for (let i = 0; i < titles.length; i++) {
          all.push(
            await stored(
              {
                title: titles[i],
                priority: priorities[i % 3],
                isCompleted: i % 4 === 0,
                dueAt: i % 3 === 0 ? null : at(1000 + (i % 5) * 10),
                now: at(Math.floor(i / 3)), // three tasks per created_at
              },
              i % 2 === 0 ? (t) => t.edit({ description: `edited ${i}` }, at(500 + (i % 4))) : undefined,
            ),
          );
        }
        trashed = [
          await stored({ title: 'gone one', now: at(1) }, (t) => t.softDelete(at(600))),
          await stored({ title: 'gone two', now: at(2) }, (t) => t.softDelete(at(600))),
          await stored({ title: 'gone three', now: at(3) }, (t) => t.softDelete(at(601))),
        ];
        await s.tasks.insert(Task.create({ id: randomUUID(), ownerId: other, title: 'alpha', now: at(0) }));
      });

      function key(t: TaskView, field: SortField): number | string {
        switch (field) {
          case 'created_at':
            return t.createdAt.getTime();
          case 'updated_at':
            return t.updatedAt.getTime();
          case 'deleted_at':
            return t.deletedAt?.getTime() ?? Infinity;
          case 'due_at':
            return t.dueAt?.getTime() ?? Infinity; // no due date sorts after every date
          case 'priority':
            return PRIORITY_RANK[t.priority];
          case 'title':
            return t.title;
        }
      }

      function expected(tasks: Task[], sort: TaskSort): string[] {
        const sign = sort.direction === 'asc' ? 1 : -1;
        const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
        return tasks
          .map(toTaskView)
          .sort((a, b) => sign * (cmp(key(a, sort.field), key(b, sort.field)) || cmp(a.id, b.id)))
          .map((t) => t.id);
      }

      const liveSorts: TaskSort[] = (['created_at', 'updated_at', 'due_at', 'priority', 'title'] as const).flatMap((field) => [
        { field, direction: 'asc' as const },
        { field, direction: 'desc' as const },
      ]);

      test.each(liveSorts)('sort $field $direction orders by the key, ties by id', async (sort) => {
        expect(await ids({ sort })).toEqual(expected(all, sort));
      });

      test.each(liveSorts)('keyset pages by $field $direction cover every task exactly once', async (sort) => {
        const seen: string[] = [];
        let after: KeysetPosition | null = null;
        for (let guard = 0; guard < 20; guard++) {
          const page = await s.tasks.list(query({ sort, limit: 4, after, includeTotal: false }));
          expect(page.total).toBeNull();
          const rows = page.rows.slice(0, 4);
          seen.push(...rows.map((r) => r.id));
          if (page.rows.length <= 4) break;
          after = positionOf(rows.at(-1)!, sort);
        }
        expect(seen).toEqual(expected(all, sort));
      });

      test.each(liveSorts)('offset pages by $field $direction cover every task exactly once', async (sort) => {
        const seen: string[] = [];
        for (let offset = 0; offset < all.length; offset += 4) {
          const page = await s.tasks.list(query({ sort, limit: 4, offset }));
          expect(page.total).toBe(all.length);
          expect(page.rows.length).toBe(Math.min(5, all.length - offset));
          seen.push(...page.rows.slice(0, 4).map((r) => r.id));
        }
        expect(seen).toEqual(expected(all, sort));
      });

      test('a page past the end is empty and still has the total', async () => {
        expect(await s.tasks.list(query({ offset: 50 }))).toEqual({ rows: [], total: all.length });
      });

      test('returns limit + 1 rows when there are more, as views with every field', async () => {
        const page = await s.tasks.list(query({ limit: 2 }));
        expect(page.rows).toHaveLength(3);
        const byId = new Map(all.map((t) => [t.id, toTaskView(t)]));
        for (const row of page.rows) expect(row).toEqual(byId.get(row.id));
      });

      test.each([
        ['completed', { completed: true }, (t: Task) => t.isCompleted],
        ['not completed', { completed: false }, (t: Task) => !t.isCompleted],
        ['priority', { priority: 'high' }, (t: Task) => t.priority === 'high'],
        ['due before', { dueBefore: at(1020) }, (t: Task) => t.dueAt !== null && t.dueAt < at(1020)],
        ['due after (inclusive)', { dueAfter: at(1020) }, (t: Task) => t.dueAt !== null && t.dueAt >= at(1020)],
        ['updated since (inclusive)', { updatedSince: at(502) }, (t: Task) => t.updatedAt >= at(502)],
        ['q in title, any case', { q: 'ALPH' }, (t: Task) => t.title.includes('alph')],
        ['q in description', { q: 'Edited 1' }, (t: Task) => t.description.startsWith('edited 1')],
      ] as [string, TaskFilters, (t: Task) => boolean][])('filter: %s', async (_label, filters, predicate) => {
        const sort: TaskSort = { field: 'created_at', direction: 'desc' };
        const page = await s.tasks.list(query({ filters, sort }));
        const want = expected(all.filter(predicate), sort);
        expect(want.length).toBeGreaterThan(0);
        expect(page.rows.map((r) => r.id)).toEqual(want);
        expect(page.total).toBe(want.length);
      });

      test('q matches %, _ and \\ literally', async () => {
        const ownerId = await s.createOwner();
        const pct = await stored({ ownerId, title: '100% done' });
        const under = await stored({ ownerId, title: 'a_b' });
        const slash = await stored({ ownerId, title: 'back\\slash' });
        await stored({ ownerId, title: 'plain' });
        expect(await ids({ ownerId, filters: { q: '%' } })).toEqual([pct.id]);
        expect(await ids({ ownerId, filters: { q: '_' } })).toEqual([under.id]);
        expect(await ids({ ownerId, filters: { q: '\\' } })).toEqual([slash.id]);
      });

      test('filters combine', async () => {
        const sort: TaskSort = { field: 'title', direction: 'asc' };
        const page = await s.tasks.list(query({ sort, filters: { completed: false, q: 'a', priority: 'normal' } }));
        const want = expected(all.filter((t) => !t.isCompleted && t.title.includes('a') && t.priority === 'normal'), sort);
        expect(page.rows.map((r) => r.id)).toEqual(want);
      });

      test('the trash scope lists only trashed tasks, with deleted_at, sortable and pageable', async () => {
        const sort: TaskSort = { field: 'deleted_at', direction: 'desc' };
        const page = await s.tasks.list(query({ scope: 'trash', sort }));
        expect(page.rows.map((r) => r.id)).toEqual(expected(trashed, sort));
        expect(page.total).toBe(3);
        expect(page.rows.every((r) => r.deletedAt !== null)).toBe(true);

        const asc: TaskSort = { field: 'deleted_at', direction: 'asc' };
        const first = await s.tasks.list(query({ scope: 'trash', sort: asc, limit: 2, includeTotal: false }));
        const next = await s.tasks.list(
          query({ scope: 'trash', sort: asc, limit: 2, includeTotal: false, after: positionOf(first.rows[1]!, asc) }),
        );
        expect([...first.rows.slice(0, 2), ...next.rows].map((r) => r.id)).toEqual(expected(trashed, asc));
      });

      test('include_deleted returns tombstones of tasks deleted since then, next to live changes', async () => {
        const since = at(600);
        const page = await s.tasks.list(query({ filters: { updatedSince: since, includeDeleted: true } }));
        const want = [...all, ...trashed].filter((t) => t.updatedAt >= since);
        expect(page.rows.map((r) => r.id).sort()).toEqual(want.map((t) => t.id).sort());
        expect(page.rows.filter((r) => r.deletedAt !== null).map((r) => r.id).sort()).toEqual(trashed.map((t) => t.id).sort());
        expect(page.total).toBe(want.length);
      });

      test('another owner sees only their own task', async () => {
        const page = await s.tasks.list(query({ ownerId: other }));
        expect(page.rows.map((r) => r.title)).toEqual(['alpha']);
        expect(page.total).toBe(1);
        expect(await s.tasks.list(query({ ownerId: randomUUID() }))).toEqual({ rows: [], total: 0 });
      });
    });
  });
}
