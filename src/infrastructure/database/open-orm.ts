import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../persistence/orm-options.js';

export interface OpenOrmOptions {
  readonly url: string;
  readonly pool?: { readonly min: number; readonly max: number } | undefined;
  readonly migrate: boolean;
}

/** Connects and, unless told not to, applies pending migrations (all or nothing). */
export async function openOrm(options: OpenOrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions({ clientUrl: options.url, pool: options.pool }));
  if (options.migrate) await orm.getMigrator().up();
  return orm;
}
