import { RequestContext } from '@mikro-orm/core';
import { openOrm } from '/work/main/dist/src/infrastructure/database/open-orm.js';
import { runStatement } from '/work/main/dist/src/infrastructure/persistence/pg-statement.js';
import pg from 'pg';
const url = 'postgresql://postgres@127.0.0.1:5432/taskhex_bench';
const mode = process.argv[2];
const orm = await openOrm({ url, pool: { min: 2, max: 30 }, migrate: false });
const c = new pg.Client({ connectionString: url }); await c.connect();
const uid = (await c.query(`select id from users where email = 'bench-1000@bench.example'`)).rows[0].id; await c.end();
const pool = new pg.Pool({ connectionString: url, max: 30 });
const sql = 'select * from tasks where user_id = $1 and deleted_at is null order by created_at desc, id desc limit 50';
const t0 = Date.now(); let n = 0;
while (Date.now() - t0 < 4000) {
  if (mode === 'pg') await pool.query(sql, [uid]);
  else if (mode === 'run') await runStatement(orm.em, sql, [uid]);
  else if (mode === 'ctx') await RequestContext.create(orm.em, () => runStatement(orm.em, sql, [uid]));
  else if (mode === 'ctxpg') await RequestContext.create(orm.em, () => pool.query(sql, [uid]));
  else if (mode === 'fork') { const em = orm.em.fork(); await runStatement(em, sql, [uid]); }
  else if (mode === 'acq') { const k = orm.em.getConnection().getKnex().client; const con = await k.acquireConnection(); await k.releaseConnection(con); }
  else if (mode === 'tarn') { const k = orm.em.getConnection().getKnex().client; const con = await k.pool.acquire().promise; k.pool.release(con); }
  else if (mode === 'acqpg') { const k = orm.em.getConnection().getKnex().client; const con = await k.acquireConnection(); await con.query({ text: sql, values: [uid] }); await k.releaseConnection(con); }
  else if (mode === 'rawpg') { const con = await pool.connect(); await con.query({ text: sql, values: [uid] }); con.release(); }
  n++;
}
console.log(mode, 'iterations', n);
await orm.close(); await pool.end();
