import type { MikroORM } from '@mikro-orm/core';
import type { MikroORM as PostgresOrm } from '@mikro-orm/postgresql';
import type { Container } from 'inversify';
import { z } from 'zod';
import type { Clock } from '../../application/ports/clock.js';
import type { IdGenerator } from '../../application/ports/id-generator.js';
import { buildContainer } from '../../infrastructure/container/build-container.js';
import type { TaskhexSettings } from '../../infrastructure/container/settings.js';
import { assertMigrated, migrateAlongside } from '../../infrastructure/database/migrate-alongside.js';
import { openOrm } from '../../infrastructure/database/open-orm.js';
import { ENTITIES } from '../../infrastructure/persistence/entities.js';
import { inTransaction, ormUnitOfWork } from './orm-unit-of-work.js';
import { taskhexCalls, type TaskhexCalls } from './taskhex-calls.js';

export interface TaskhexCommonOptions {
  /** Signs Taskhex's tokens and list cursors (BETTER_AUTH_SECRET over HTTP). At least 32 characters. */
  readonly secret: string;
  /** bcrypt work factor, 4 to 15. Default 12. */
  readonly bcryptCost?: number | undefined;
  readonly clock?: Clock | undefined;
  readonly ids?: IdGenerator | undefined;
  /** Lifetime of issued tokens: seconds, or "15m", "24h", "7d". Default 24h. */
  readonly tokenLifetime?: number | string | undefined;
  /** Create the user named by a valid front-end token on first sight (AUTH_AUTO_PROVISION). Default false. */
  readonly autoProvision?: boolean | undefined;
  /** Also accept a front end's asymmetric tokens (e.g. Better Auth's /api/auth/jwks) in actorFromToken. */
  readonly jwksUrl?: string | undefined;
  readonly jwtIssuer?: string | undefined;
  readonly jwtAudience?: string | undefined;
}

export interface TaskhexDatabaseUrlOptions extends TaskhexCommonOptions {
  /** Taskhex opens (and on close() closes) its own connection pool. */
  readonly databaseUrl: string;
  readonly pool?: { readonly min: number; readonly max: number } | undefined;
  /** Apply pending migrations on start (true, the default), only check that none are pending, or neither. */
  readonly migrate?: boolean | 'check' | undefined;
}

export interface TaskhexOrmOptions extends TaskhexCommonOptions {
  /**
   * A MikroORM 6 (PostgreSQL) instance owned by the host, whose entities include `taskhexEntities`.
   * Taskhex never closes it. Taskhex calls inside the host's `em.transactional(...)` join that transaction.
   */
  readonly orm: MikroORM;
  /** Default false: the host decides. true applies Taskhex's pending migrations; 'check' refuses to start if any. */
  readonly migrate?: boolean | 'check' | undefined;
}

export type TaskhexOptions = TaskhexDatabaseUrlOptions | TaskhexOrmOptions;

export interface Taskhex extends TaskhexCalls {
  /**
   * Runs `fn` in one database transaction: every call made through `tx` commits together, or none does
   * when `fn` throws. A call that fails inside is undone on its own (a savepoint), so `fn` may catch a
   * domain error and carry on. Calls through `tx` after `fn` has returned are refused.
   */
  transaction<T>(fn: (tx: TaskhexCalls) => Promise<T>): Promise<T>;
  /** Closes the connection pool Taskhex opened; a host's ORM is left open. */
  close(): Promise<void>;
}

/** Taskhex's MikroORM entity schemas: add them to a host's ORM before passing it as `orm`. */
export const taskhexEntities = ENTITIES;

const durationSeconds = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d+\s*[smhd]?$/, { message: 'must be a duration such as 24h, 15m or 3600' })
    .transform((v) => {
      const m = /^(\d+)\s*([smhd])?$/.exec(v)!;
      return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's'];
    })
    .refine((n) => n > 0, { message: 'must be positive' }),
]);

const optionsSchema = z.object({
  secret: z.string({ message: 'secret is required' }).min(32, { message: 'secret must be at least 32 characters' }),
  bcryptCost: z.number().int().min(4).max(15).default(12),
  tokenLifetime: durationSeconds.default(86_400),
  autoProvision: z.boolean().default(false),
  jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
  jwtIssuer: z.string().min(1).optional(),
  jwtAudience: z.string().min(1).optional(),
});

/**
 * Taskhex as a library: the same use cases, rules and error codes as the HTTP API, called in-process.
 * Every task call names the acting user (`{ userId }`) first; inputs are the HTTP bodies and queries
 * (snake_case) validated by the same schemas; results are plain data; failures are DomainErrors whose
 * `code` is the HTTP problem's `code`.
 */
export async function createTaskhex(options: TaskhexOptions): Promise<Taskhex> {
  const { orm, container, close } = await composeTaskhex(options);
  const calls = taskhexCalls(container, ormUnitOfWork(orm));
  return {
    ...calls,
    transaction: (fn) =>
      orm.em.transactional(async (em) => {
        let open = true;
        const tx = taskhexCalls(container, (work) => {
          if (!open) return Promise.reject(new Error('This Taskhex transaction is over; make calls inside its function.'));
          return inTransaction(em, work);
        });
        try {
          return await fn(tx);
        } finally {
          open = false;
        }
      }),
    close,
  };
}

export interface ComposedTaskhex {
  readonly orm: MikroORM;
  readonly container: Container;
  /** Closes the pool if Taskhex opened it. */
  close(): Promise<void>;
}

/** Options → ORM (opened, or the host's, checked) → the one composition root. Shared with the /http entry. */
export async function composeTaskhex(options: TaskhexOptions): Promise<ComposedTaskhex> {
  const settings = settingsOf(options);
  let orm: MikroORM;
  if ('databaseUrl' in options) {
    if (typeof options.databaseUrl !== 'string' || !/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new TypeError('createTaskhex: databaseUrl must be a postgresql:// URL');
    }
    const migrate = options.migrate ?? true;
    orm = await openOrm({ url: options.databaseUrl, pool: options.pool, migrate: migrate === true });
    if (migrate === 'check') await assertMigrated(orm as PostgresOrm).catch(closeAnd(orm));
  } else {
    orm = options.orm;
    const missing = ENTITIES.filter((e) => !orm.getMetadata().has(e.meta.className));
    if (missing.length > 0) {
      throw new TypeError(
        `createTaskhex: the ORM does not know ${missing.map((e) => e.meta.className).join(', ')}; add taskhexEntities to its entities`,
      );
    }
    const migrate = options.migrate ?? false;
    if (migrate) await migrateAlongside(orm, migrate === 'check' ? 'check' : 'apply');
  }
  const owned = 'databaseUrl' in options;
  const container = buildContainer({ orm: orm as PostgresOrm, settings, clock: options.clock, ids: options.ids });
  return {
    orm,
    container,
    close: async () => {
      if (owned) await orm.close(true);
    },
  };
}

function settingsOf(options: TaskhexOptions): TaskhexSettings {
  if (options === null || typeof options !== 'object') throw new TypeError('createTaskhex: options are required');
  const parsed = optionsSchema.safeParse({
    secret: options.secret,
    bcryptCost: options.bcryptCost,
    tokenLifetime: options.tokenLifetime,
    autoProvision: options.autoProvision,
    jwksUrl: options.jwksUrl,
    jwtIssuer: options.jwtIssuer,
    jwtAudience: options.jwtAudience,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`);
    throw new TypeError(`createTaskhex: ${problems.join('; ')}`);
  }
  const o = parsed.data;
  return {
    secret: o.secret,
    bcryptCost: o.bcryptCost,
    tokenLifetimeSeconds: o.tokenLifetime,
    autoProvision: o.autoProvision,
    jwksUrl: o.jwksUrl,
    jwtIssuer: o.jwtIssuer,
    jwtAudience: o.jwtAudience,
  };
}

function closeAnd(orm: MikroORM) {
  return async (error: unknown): Promise<never> => {
    await orm.close(true);
    throw error;
  };
}
