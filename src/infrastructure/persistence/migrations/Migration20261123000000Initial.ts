import { Migration } from '@mikro-orm/migrations';

/** Users, their external identities, and tasks owned by users (deleted with them). */
export class Migration20261123000000Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users" ("id" uuid not null, "email" varchar(254) null, "name" varchar(200) null, "password_hash" varchar(100) null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create unique index "users_email_registered_unique" on "users" ("email") where password_hash is not null;`,
    );
    this.addSql(
      `create table "user_identities" ("issuer" varchar(255) not null, "subject" varchar(255) not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "user_identities_pkey" primary key ("issuer", "subject"));`,
    );
    this.addSql(`create index "user_identities_user_id_index" on "user_identities" ("user_id");`);
    this.addSql(
      `alter table "user_identities" add constraint "user_identities_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create table "tasks" ("id" uuid not null, "user_id" uuid not null, "title" text not null, "description" text not null default '', "is_completed" boolean not null default false, "completed_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, constraint "tasks_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "tasks_user_id_index" on "tasks" ("user_id");`);
    this.addSql(`create index "tasks_user_id_created_at_index" on "tasks" ("user_id", "created_at");`);
    this.addSql(
      `alter table "tasks" add constraint "tasks_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tasks" cascade;`);
    this.addSql(`drop table if exists "user_identities" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
  }
}
