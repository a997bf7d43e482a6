import { Migration } from '@mikro-orm/migrations';

/** What a set of task rows adds to its users' counters, with `sign` 1 (rows in) or -1 (rows out). */
const deltas = (rows: string) => `
  select t.user_id,
         sum(t.sign * (t.deleted_at is null)::int) as live,
         sum(t.sign * (t.deleted_at is null and t.is_completed)::int) as live_completed,
         sum(t.sign * (t.deleted_at is not null)::int) as trashed
    from (${rows}) t`;

/** Adds deltas to the slot of this server process (16 slots; see TaskCountSchema). */
const apply = (deltasSql: string) => `
  insert into task_counts as c (user_id, slot, live, live_completed, trashed)
  select d.user_id, pg_backend_pid() % 16, d.live, d.live_completed, d.trashed from (${deltasSql}) d
   where d.live <> 0 or d.live_completed <> 0 or d.trashed <> 0
   order by d.user_id
  on conflict (user_id, slot) do update
     set live = c.live + excluded.live,
         live_completed = c.live_completed + excluded.live_completed,
         trashed = c.trashed + excluded.trashed;`;

/**
 * Per-user task counters (live, live and completed, trashed) kept exact by statement-level triggers on
 * `tasks`: one upsert per statement and user, whatever the number of rows, in user order (no deadlock
 * between two multi-user statements). Rows deleted because their user was deleted (the cascade of an
 * account deletion) are skipped: that user's counters are deleted by their own cascade, and an upsert
 * would recreate a row for a user who no longer exists. Existing tasks are counted in the same
 * transaction, after the triggers exist (creating them locks out concurrent task writes until commit).
 */
export class Migration20261125000000TaskCounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "task_counts" ("user_id" uuid not null, "slot" smallint not null, "live" int not null default 0, "live_completed" int not null default 0, "trashed" int not null default 0, constraint "task_counts_pkey" primary key ("user_id", "slot"));`,
    );
    this.addSql(
      `alter table "task_counts" add constraint "task_counts_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create function task_counts_after_insert() returns trigger language plpgsql as $$
begin${apply(`${deltas('select user_id, deleted_at, is_completed, 1 as sign from new_rows')} group by t.user_id`)}
  return null;
end $$;`);
    this.addSql(`create function task_counts_after_update() returns trigger language plpgsql as $$
begin${apply(
      `${deltas(
        'select user_id, deleted_at, is_completed, 1 as sign from new_rows union all select user_id, deleted_at, is_completed, -1 from old_rows',
      )} group by t.user_id`,
    )}
  return null;
end $$;`);
    this.addSql(`create function task_counts_after_delete() returns trigger language plpgsql as $$
begin${apply(
      `${deltas('select user_id, deleted_at, is_completed, -1 as sign from old_rows')} join users u on u.id = t.user_id group by t.user_id`,
    )}
  return null;
end $$;`);
    this.addSql(
      `create trigger task_counts_insert after insert on tasks referencing new table as new_rows for each statement execute function task_counts_after_insert();`,
    );
    this.addSql(
      `create trigger task_counts_update after update on tasks referencing old table as old_rows new table as new_rows for each statement execute function task_counts_after_update();`,
    );
    this.addSql(
      `create trigger task_counts_delete after delete on tasks referencing old table as old_rows for each statement execute function task_counts_after_delete();`,
    );
    // TRUNCATE fires no row or statement trigger of the others; it empties the counters with the tasks.
    this.addSql(`create function task_counts_after_truncate() returns trigger language plpgsql as $$
begin
  delete from task_counts;
  return null;
end $$;`);
    this.addSql(
      `create trigger task_counts_truncate after truncate on tasks for each statement execute function task_counts_after_truncate();`,
    );
    this.addSql(`insert into task_counts (user_id, slot, live, live_completed, trashed)
  select user_id, 0,
         count(*) filter (where deleted_at is null),
         count(*) filter (where deleted_at is null and is_completed),
         count(*) filter (where deleted_at is not null)
    from tasks group by user_id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists task_counts_insert on tasks;`);
    this.addSql(`drop trigger if exists task_counts_update on tasks;`);
    this.addSql(`drop trigger if exists task_counts_delete on tasks;`);
    this.addSql(`drop trigger if exists task_counts_truncate on tasks;`);
    this.addSql(`drop function if exists task_counts_after_truncate();`);
    this.addSql(`drop function if exists task_counts_after_insert();`);
    this.addSql(`drop function if exists task_counts_after_update();`);
    this.addSql(`drop function if exists task_counts_after_delete();`);
    this.addSql(`drop table if exists "task_counts" cascade;`);
  }
}
