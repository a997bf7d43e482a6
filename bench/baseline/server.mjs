// The ceiling: what bare Node (node:http) and pg do for Taskhex's list, get and create, with the same
// SQL shape, the same JSON and the same HS256 check. No framework, no ORM, no validation library.
// Env: PORT, DATABASE_URL, BETTER_AUTH_SECRET, POOL_MAX.
import { createHmac, createSecretKey, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const secret = process.env.BETTER_AUTH_SECRET;
if (!secret) throw new Error('BETTER_AUTH_SECRET is required');
const key = createSecretKey(Buffer.from(secret, 'utf8'));
const cursorKey = createHmac('sha256', secret).update('taskhex cursor key').digest();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 30) });

const PRIORITY = ['low', 'normal', 'high'];
const RANK = { low: 0, normal: 1, high: 2 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS =
  't.id, t.user_id, t.title, t.description, t.is_completed, t.completed_at, t.due_at, t.priority, t.version, t.created_at, t.updated_at, t.deleted_at';
// Taskhex's default sort, and the fingerprint its cursors are bound to.
const fingerprint = (completed) =>
  JSON.stringify(['active', { field: 'created_at', direction: 'desc' }, [completed ?? null, null, null, null, null, null, false]]);

const iso = (d) => (d === null ? null : d.toISOString());
const taskJson = (r) => ({
  id: r.id,
  user_id: r.user_id,
  title: r.title,
  description: r.description,
  is_completed: r.is_completed,
  completed_at: iso(r.completed_at),
  due_at: iso(r.due_at),
  priority: PRIORITY[r.priority],
  version: r.version,
  created_at: r.created_at.toISOString(),
  updated_at: r.updated_at.toISOString(),
});

function send(res, status, body, headers = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'X-Request-Id': randomUUID(),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(json);
}
const problem = (res, status, code) => send(res, status, { status, code, title: code });

function userOf(req) {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  try {
    const claims = jwt.verify(m[1], key, { algorithms: ['HS256'], clockTolerance: 5 });
    return typeof claims.exp === 'number' && typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}

const mac = (payload, fp) => createHmac('sha256', cursorKey).update(payload).update('\n').update(fp).digest();
function encodeCursor(row, fp) {
  const payload = Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url');
  return `${payload}.${mac(payload, fp).toString('base64url')}`;
}
function decodeCursor(cursor, fp) {
  const [payload, given] = cursor.split('.');
  const expected = mac(payload ?? '', fp);
  const buf = Buffer.from(given ?? '', 'base64url');
  if (buf.length !== expected.length || !timingSafeEqual(buf, expected)) return null;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

async function list(req, res, userId, url) {
  const q = url.searchParams;
  const limit = q.has('limit') ? Number(q.get('limit')) : 50;
  const offset = q.has('offset') ? Number(q.get('offset')) : 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
    return problem(res, 422, 'validation_failed');
  }
  const completed = q.has('completed') ? q.get('completed') === 'true' : undefined;
  const fp = fingerprint(completed);
  const where = ['t.user_id = $1', 't.deleted_at is null'];
  const params = [userId];
  if (completed !== undefined) {
    params.push(completed);
    where.push(`t.is_completed = $${params.length}`);
  }
  let after = null;
  if (q.has('cursor')) {
    after = decodeCursor(q.get('cursor'), fp);
    if (!after) return problem(res, 422, 'validation_failed');
  }
  const pageWhere = [...where];
  const pageParams = [...params];
  if (after) {
    pageParams.push(after[0], after[1]);
    pageWhere.push(`(t.created_at, t.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`);
  }
  pageParams.push(limit + 1, after ? 0 : offset);
  const page =
    `select ${COLUMNS} from tasks t where ${pageWhere.join(' and ')} ` +
    `order by t.created_at desc, t.id desc limit $${pageParams.length - 1} offset $${pageParams.length}`;
  let rows;
  let total = null;
  if (after) {
    rows = (await pool.query(page, pageParams)).rows;
  } else {
    // The same total as Taskhex: from the task_counts counters its triggers keep (the only filter here,
    // `completed`, is one they answer).
    const counter = completed === undefined ? 'live' : completed ? 'live_completed' : 'live - live_completed';
    const sql =
      `select c.total, p.* from (select coalesce(sum(${counter}), 0)::int as total from task_counts where user_id = $1) c ` +
      `left join lateral (${page}) p on true order by p.created_at desc, p.id desc`;
    rows = (await pool.query(sql, pageParams)).rows;
    total = rows[0]?.total ?? 0;
    rows = rows.filter((r) => r.id !== null);
  }
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  send(res, 200, {
    items: items.map(taskJson),
    total,
    limit,
    offset: after ? 0 : offset,
    has_more: hasMore,
    next_cursor: hasMore ? encodeCursor(items.at(-1), fp) : null,
  });
}

async function get(req, res, userId, id) {
  if (!UUID.test(id)) return problem(res, 422, 'validation_failed');
  const { rows } = await pool.query(`select ${COLUMNS} from tasks t where t.id = $1`, [id]);
  const task = rows[0];
  if (!task) return problem(res, 404, 'not_found');
  if (task.user_id !== userId) return problem(res, 403, 'forbidden');
  if (task.deleted_at !== null) return problem(res, 404, 'not_found');
  send(res, 200, taskJson(task), { ETag: `"${task.version}"` });
}

const FIELDS = new Set(['title', 'description', 'is_completed', 'due_at', 'priority']);
async function create(req, res, userId) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 65536) return problem(res, 413, 'payload_too_large');
    chunks.push(chunk);
  }
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return problem(res, 400, 'malformed_json');
  }
  const title = typeof body?.title === 'string' ? body.title.trim() : '';
  const description = body?.description ?? '';
  const priority = body?.priority ?? 'normal';
  const isCompleted = body?.is_completed ?? false;
  const dueAt = body?.due_at == null ? null : new Date(body.due_at);
  if (
    typeof body !== 'object' ||
    Object.keys(body).some((k) => !FIELDS.has(k)) ||
    title.length === 0 ||
    title.length > 500 ||
    typeof description !== 'string' ||
    description.length > 5000 ||
    !(priority in RANK) ||
    typeof isCompleted !== 'boolean' ||
    (dueAt !== null && Number.isNaN(dueAt.getTime()))
  ) {
    return problem(res, 422, 'validation_failed');
  }
  const now = new Date();
  const { rows } = await pool.query(
    `insert into tasks (id, user_id, title, description, is_completed, completed_at, due_at, priority, version, created_at, updated_at, deleted_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, null) returning ${COLUMNS.replaceAll('t.', '')}`,
    [randomUUID(), userId, title, description, isCompleted, isCompleted ? now : null, dueAt, RANK[priority], now],
  );
  send(res, 201, taskJson(rows[0]), { ETag: '"1"', Location: `/api/v1/tasks/${rows[0].id}` });
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/readyz') return send(res, 200, { status: 'ok' });
    const userId = userOf(req);
    if (!userId) return problem(res, 401, 'unauthorized');
    if (url.pathname === '/api/v1/tasks') {
      if (req.method === 'GET') return await list(req, res, userId, url);
      if (req.method === 'POST') return await create(req, res, userId);
    } else if (url.pathname.startsWith('/api/v1/tasks/') && req.method === 'GET') {
      return await get(req, res, userId, url.pathname.slice('/api/v1/tasks/'.length));
    }
    problem(res, 404, 'not_found');
  } catch (error) {
    process.stderr.write(`baseline: ${error.stack}\n`);
    if (!res.headersSent) problem(res, 500, 'internal');
  }
});
server.keepAliveTimeout = 5000;
server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
