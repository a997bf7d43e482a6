import type { Harness } from './http-harness.js';

/** Every row of every table, in a stable order: equal before and after means nothing changed. */
export async function dbState(h: Harness): Promise<Record<string, unknown[]>> {
  const conn = h.orm.em.fork().getConnection();
  return {
    users: await conn.execute('select * from users order by id'),
    tasks: await conn.execute('select * from tasks order by id'),
    identities: await conn.execute('select * from user_identities order by issuer, subject'),
  };
}
