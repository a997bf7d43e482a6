import pg from 'pg';

export default async function globalTeardown() {
  const admin = process.env.TASKHEX_TEST_ADMIN_URL;
  const run = process.env.TASKHEX_TEST_RUN;
  if (admin && run) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      const { rows } = await client.query('select datname from pg_database where datname like $1', [`taskhex_%${run}%`]);
      for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await client.end();
    }
  }
  await globalThis.__taskhexEmbeddedPg?.stop();
}
