import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { SortField, TaskListQuery } from '../../src/application/tasks/task-list-query.js';
import { buildTaskListSql } from '../../src/infrastructure/persistence/task-list-sql.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const OWNER = '40000000-0000-4000-8000-000000000001';
const OTHERS = ['40000000-0000-4000-8000-000000000002', '40000000-0000-4000-8000-000000000003'];
const TASKS = 50_000;
const DEPTH = 25_000;

let db: TestDatabase;
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  db.orm.em.fork().getConnection().execute<T[]>(text, params);

beforeAll(async () => {
  db = await createTestDatabase();
  for (const id of [OWNER, ...OTHERS]) await sql('insert into users (id, email, created_at) values (?, ?, now())', [id, `${id}@x.test`]);
  const seed = (owner: string, n: number) =>
    sql(
      `insert into tasks (id, user_id, title, description, priority, due_at, is_completed, created_at, updated_at, deleted_at)
       select gen_random_uuid(), ?, 'task ' || md5(i::text), '', i % 3,
              case when i % 5 = 0 then null else timestamptz '2026-01-01' + (i % 997) * interval '1 hour' end,
              i % 7 = 0,
              timestamptz '2025-01-01' + i * interval '1 second',
              timestamptz '2025-01-01' + i * interval '1 second',
              case when i % 20 = 0 then timestamptz '2026-01-01' + i * interval '1 second' end
       from generate_series(1, ?) as i`,
      [owner, n],
    );
  await seed(OWNER, TASKS);
  for (const other of OTHERS) await seed(other, TASKS / 2);
  await sql('analyze tasks');
}, 120_000);
afterAll(async () => {
  await db.drop();
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/** The cursor a client would hold after walking DEPTH tasks in this order. */
async function positionAtDepth(scope: 'active' | 'trash', field: SortField, dir: 'asc' | 'desc') {
  const key = {
    created_at: `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    due_at: `case when due_at is null then null else to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end`,
    deleted_at: `to_char(deleted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    priority: `(array['low','normal','high'])[priority + 1]`,
    title: 'title',
    updated_at: `to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  }[field];
  const order = { due_at: `coalesce(due_at, 'infinity'::timestamptz)` }[field as 'due_at'] ?? field;
  const live = scope === 'trash' ? 'deleted_at is not null' : 'deleted_at is null';
  const depth = scope === 'trash' ? 1_000 : DEPTH;
  const [row] = await sql<{ key: string | null; id: string }>(
    `select ${key} as key, id from tasks where user_id = ? and ${live} order by ${order} ${dir}, id ${dir} offset ? limit 1`,
    [OWNER, depth],
  );
  return row!;
}

async function planOf(query: TaskListQuery): Promise<{ plan: PlanNode; text: string }> {
  const built = buildTaskListSql(query);
  const [row] = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) ${built.text}`, built.params);
  const plan = row!['QUERY PLAN'][0].Plan;
  return { plan, text: JSON.stringify(plan, null, 1) };
}

test.each([
  ['active', 'created_at', 'desc', 'tasks_live_created_idx'],
  ['active', 'created_at', 'asc', 'tasks_live_created_idx'],
  ['active', 'updated_at', 'desc', 'tasks_live_updated_idx'],
  ['active', 'due_at', 'asc', 'tasks_live_due_idx'],
  ['active', 'due_at', 'desc', 'tasks_live_due_idx'],
  ['active', 'priority', 'desc', 'tasks_live_priority_idx'],
  ['active', 'title', 'asc', 'tasks_live_title_idx'],
  ['trash', 'deleted_at', 'desc', 'tasks_trash_idx'],
] as const)(
  'a %s page at depth sorted by %s %s is a range scan of %s with no Sort',
  async (scope, field, direction, index) => {
    const after = await positionAtDepth(scope, field, direction);
    const { plan } = await planOf({
      ownerId: OWNER,
      scope,
      filters: {},
      sort: { field, direction },
      limit: 50,
      offset: 0,
      after,
      includeTotal: false,
    });
    const all = nodes(plan);
    expect(plan['Node Type']).toBe('Limit');
    expect(all.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(all.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    const scans = all.filter((n) => n['Node Type'] === 'Index Scan' || n['Node Type'] === 'Index Only Scan');
    expect(scans.map((n) => n['Index Name'])).toEqual([index]);
    // The cursor is where the range scan starts (an index condition), not a filter over skipped rows.
    expect(scans[0]!['Index Cond']).toMatch(/ROW\(.*, id\) [<>] ROW\(/);
  },
);

test('the page at depth returns the rows right after the cursor', async () => {
  const after = await positionAtDepth('active', 'due_at', 'asc');
  const built = buildTaskListSql({
    ownerId: OWNER,
    scope: 'active',
    filters: {},
    sort: { field: 'due_at', direction: 'asc' },
    limit: 3,
    offset: 0,
    after,
    includeTotal: false,
  });
  const page = await sql<{ id: string }>(built.text, built.params);
  const expected = await sql<{ id: string }>(
    `select id from tasks where user_id = ? and deleted_at is null
     order by coalesce(due_at, 'infinity'::timestamptz), id offset ? limit 4`,
    [OWNER, DEPTH + 1],
  );
  expect(page.map((r) => r.id)).toEqual(expected.map((r) => r.id));
});
