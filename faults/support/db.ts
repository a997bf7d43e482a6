interface PgClient {
  connect(): Promise<void>;
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
}

// pg ships no types here (it comes with MikroORM's driver); a variable specifier keeps tsc from looking.
const PG_MODULE: string = 'pg';
const { default: pg } = (await import(PG_MODULE)) as { default: { Client: new (config: { connectionString: string }) => PgClient } };

export async function query<T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Rows no sequence of acknowledged operations can produce: completion without its timestamp (or the
 * reverse), time going backwards, a first version that was edited or an edited task still at version 1.
 */
export async function impossibleTaskRows(url: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    url,
    `select count(*) as n from tasks
      where is_completed <> (completed_at is not null)
         or updated_at < created_at
         or version < 1
         or (version = 1) <> (updated_at = created_at)
         or title = '' or title is null`,
  );
  return Number(row?.n ?? 0);
}
