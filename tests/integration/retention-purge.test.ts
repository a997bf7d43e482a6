import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { RequestContext } from '@mikro-orm/core';
import { PurgeExpiredTrash } from '../../src/application/tasks/purge-expired-trash.js';
import { TOKENS } from '../../src/infrastructure/container/tokens.js';
import { startHarness, type Harness } from '../support/http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  h.orm.em.fork().getConnection().execute<T[]>(text, params);
const count = async (where: string) => (await sql<{ n: number }>(`select count(*)::int as n from tasks where ${where}`))[0]!.n;

test('two purge runs at once on PostgreSQL delete every expired task exactly once and nothing else', async () => {
  const users = ['30000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000002'];
  for (const id of users) {
    await sql(`insert into users (id, email, created_at) values (?, ?, now())`, [id, `${id}@example.com`]);
  }
  const seed = (n: number, deletedAgo: string | null) =>
    sql(
      `insert into tasks (id, user_id, title, created_at, updated_at, deleted_at)
       select gen_random_uuid(), case when i % 2 = 0 then ?::uuid else ?::uuid end, 'seed ' || i, now() - interval '60 days', now() - interval '60 days',
              ${deletedAgo === null ? 'null' : `date_trunc('milliseconds', now() - interval '${deletedAgo}') - (i || ' ms')::interval`}
       from generate_series(1, ?) as i`,
      [users[0], users[1], n],
    );
  await seed(1200, '31 days'); // past the 30-day retention
  await seed(40, '29 days'); // still restorable
  await seed(40, null); // live
  await sql(
    `insert into idempotency_keys (user_id, key, request_hash, response, created_at)
     select ?, 'k' || i, repeat('0', 64), '{}'::jsonb, now() - case when i <= 30 then interval '25 hours' else interval '1 hour' end
     from generate_series(1, 40) as i`,
    [users[0]],
  );

  const c = h.container;
  const run = () =>
    RequestContext.create(h.orm.em, () =>
      new PurgeExpiredTrash(c.get(TOKENS.TaskRepository), c.get(TOKENS.IdempotencyStore), c.get(TOKENS.Clock), {
        retentionDays: 30,
        batchSize: 50,
      }).execute(),
    );
  const [a, b] = await Promise.all([run(), run()]);

  expect(a.tasks + b.tasks).toBe(1200);
  expect(a.idempotencyKeys + b.idempotencyKeys).toBe(30);
  expect(await count(`deleted_at < now() - interval '30 days'`)).toBe(0);
  expect(await count('deleted_at is not null')).toBe(40);
  expect(await count('deleted_at is null')).toBe(40);
  expect((await sql<{ n: number }>('select count(*)::int as n from idempotency_keys'))[0]!.n).toBe(10);

  // A second pass finds nothing left to do.
  expect(await run()).toEqual({ tasks: 0, idempotencyKeys: 0 });
});

test('the container wires the job with TRASH_RETENTION_DAYS (default 30)', async () => {
  const user = '30000000-0000-4000-8000-000000000003';
  await sql(`insert into users (id, email, created_at) values (?, ?, now())`, [user, 'c@example.com']);
  await sql(
    `insert into tasks (id, user_id, title, created_at, updated_at, deleted_at)
     values (gen_random_uuid(), ?, 'old', now() - interval '90 days', now() - interval '90 days', now() - interval '31 days'),
            (gen_random_uuid(), ?, 'young', now() - interval '90 days', now() - interval '90 days', now() - interval '29 days')`,
    [user, user],
  );
  const report = await RequestContext.create(h.orm.em, () => h.container.get(TOKENS.PurgeExpiredTrash).execute());
  expect(report.tasks).toBe(1);
  expect(await count(`user_id = '${user}'`)).toBe(1);
});
