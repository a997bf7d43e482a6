import { Migration } from '@mikro-orm/migrations';

/**
 * Due dates and priorities, and the indexes lists need: one per sort over live tasks, each ending in
 * `id` (the tie-breaker) so a keyset page is a single index range scan; one for the trash; one for
 * the retention purge.
 */
export class Migration20261123000100TaskPlanning extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tasks" add column "due_at" timestamptz null, add column "priority" smallint not null default 1;`);
    this.addSql(
      `create index "tasks_live_created_idx" on "tasks" ("user_id", "created_at", "id") where deleted_at is null;`,
    );
    this.addSql(
      `create index "tasks_live_updated_idx" on "tasks" ("user_id", "updated_at", "id") where deleted_at is null;`,
    );
    this.addSql(
      `create index "tasks_live_due_idx" on "tasks" ("user_id", (coalesce("due_at", 'infinity'::timestamptz)), "id") where deleted_at is null;`,
    );
    this.addSql(
      `create index "tasks_live_priority_idx" on "tasks" ("user_id", "priority", "id") where deleted_at is null;`,
    );
    this.addSql(`create index "tasks_live_title_idx" on "tasks" ("user_id", "title", "id") where deleted_at is null;`);
    this.addSql(
      `create index "tasks_trash_idx" on "tasks" ("user_id", "deleted_at", "id") where deleted_at is not null;`,
    );
    this.addSql(`create index "tasks_purge_idx" on "tasks" ("deleted_at") where deleted_at is not null;`);
  }

  override async down(): Promise<void> {
    for (const index of [
      'tasks_live_created_idx',
      'tasks_live_updated_idx',
      'tasks_live_due_idx',
      'tasks_live_priority_idx',
      'tasks_live_title_idx',
      'tasks_trash_idx',
      'tasks_purge_idx',
    ]) {
      this.addSql(`drop index if exists "${index}";`);
    }
    this.addSql(`alter table "tasks" drop column "due_at", drop column "priority";`);
  }
}
