import type { EntityManager } from '@mikro-orm/postgresql';
import { currentTransaction } from './request-context.js';

export interface PgResult<R> {
  readonly rows: R[];
  readonly rowCount: number | null;
}

/** The part of a node-postgres client and of knex's client (pool or transaction) this module uses. */
interface PgConnection {
  query<R>(
    config: { text: string; values: readonly unknown[]; name?: string },
    callback: (error: Error | null, result: PgResult<R>) => void,
  ): void;
}
interface ConnectionSource {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/**
 * Runs one parameterised statement (`$1`, `$2`…) on a connection of MikroORM's own pool, or on the
 * connection of the transaction the entity manager is in, so in-process transactions still hold.
 *
 * It skips MikroORM's `execute()` and knex's query runner: for every statement they inline the
 * parameters into the SQL text (for the query logger, even when it is off) and wrap the call in
 * several layers of promises. The pool, its limits and its acquire timeout stay knex's.
 *
 * `prepareAs` names a fixed statement: each connection parses and plans it once, then only binds and
 * executes it. Only for statements whose text never changes and whose generic plan is always right
 * (a primary-key lookup, an insert, an update by primary key), not for the list queries.
 */
export async function runStatement<R>(
  em: EntityManager,
  text: string,
  values: readonly unknown[],
  prepareAs?: string,
): Promise<PgResult<R>> {
  const owner = (currentTransaction(em) ?? em.getConnection().getKnex()) as unknown as { client: ConnectionSource };
  const connection = await owner.client.acquireConnection();
  try {
    // node-postgres's callback form, not its promise form: awaiting the promise form kept every result
    // alive through a young-generation GC (~21 KB promoted per 50-row query against ~0.4 KB), which grew
    // the old generation, and the process's memory, under load.
    return await new Promise<PgResult<R>>((resolve, reject) => {
      connection.query<R>(prepareAs === undefined ? { text, values } : { name: prepareAs, text, values }, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    });
  } catch (error) {
    // The error was made while parsing the server's reply; give it the caller's (async) stack instead.
    if (typeof error === 'object' && error !== null) Error.captureStackTrace(error);
    throw error;
  } finally {
    // Synchronous underneath (the pool takes the connection back at once); not awaited, to spare a hop.
    void owner.client.releaseConnection(connection);
  }
}

/** Numbers the `?` placeholders of a statement as PostgreSQL's `$1`, `$2`… (no statement here has a literal `?`). */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}
