import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { loginBody, registerBody } from '../../schemas/auth-schemas.js';
import {
  briefCompleteTaskBody,
  briefCreateTaskBody,
  briefListTasksQuery,
  briefUpdateTaskBody,
} from '../../schemas/brief-schemas.js';
import {
  briefTaskArrayResponse,
  briefTaskListResponse,
  briefTaskResponse,
  healthResponse,
  problemResponse,
  readinessResponse,
  sessionResponse,
  taskPageResponse,
  taskResponse,
  userResponse,
} from '../../schemas/response-schemas.js';
import { completeTaskBody, createTaskBody, listTasksQuery, replaceTaskBody, updateTaskBody } from '../../schemas/task-schemas.js';
import { DOCS_ASSETS } from './docs-assets.js';

export interface OpenApiOptions {
  /** The brief's list routes answer an object (default) or a bare array; the document says which. */
  readonly aliasListShape: 'object' | 'array';
  readonly bodyLimitBytes: number;
}

type Responses = RouteConfig['responses'];
type Headers = Record<string, { $ref: string }>;

const ref = (kind: 'headers' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const PROBLEM = { $ref: '#/components/schemas/Problem' };

/** Headers of every response, and of every rate-limited one (authenticated routes and /auth/*). */
const always: Headers = { 'X-Request-Id': ref('headers', 'X-Request-Id') };
const limited: Headers = {
  ...always,
  'RateLimit-Limit': ref('headers', 'RateLimit-Limit'),
  'RateLimit-Remaining': ref('headers', 'RateLimit-Remaining'),
  'RateLimit-Reset': ref('headers', 'RateLimit-Reset'),
};

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

const taskId = z.object({ id: z.uuid().meta({ description: 'The task id (a UUID; anything else is a 422).', example: '0b7f6a2e-7c1b-4a59-9f53-2f8a3c1d9e41' }) });
const pathUser = z.string().max(255).meta({
  description: 'The caller: their Taskhex user id, or the subject of their token. Anyone else is a 403.',
  example: '6f1c2b9a-3d4e-4f50-8a6b-7c8d9e0f1a2b',
});
const ifMatch = z.object({
  'If-Match': z.string().max(200).optional().meta({
    description: 'Write only if the task is still at this ETag; a stale one is a 412 and changes nothing.',
    example: '"1"',
  }),
});
const ifNoneMatch = z.object({
  'If-None-Match': z.string().optional().meta({ description: 'The ETag you hold; unchanged → 304 without a body.', example: '"1"' }),
});
const idempotencyKey = z.object({
  'Idempotency-Key': z.string().min(1).max(255).optional().meta({
    description:
      'The same key and body from the same user within 24 h replays the first response and creates nothing; the same key with another body is a 409.',
    example: '5c1e8a4f-2b7d-4e3a-9f6c-0d1b2a3c4e5f',
  }),
});
const permanentQuery = z.object({
  permanent: z.enum(['true', 'false']).optional().meta({ description: '`true` deletes for good instead of moving to the trash.' }),
});

/** Builds the OpenAPI 3.1 document from the zod schemas that validate requests and describe responses. */
export function buildOpenApiDocument(options: OpenApiOptions) {
  const registry = new OpenAPIRegistry();
  registerComponents(registry, options);
  registerOperations(registry);
  registerAuth(registry);
  registerTasks(registry, '/api/v1/tasks', 'Tasks', 'v1', options);
  registerTasks(registry, '/api/{user_id}/tasks', 'Tasks (brief surface)', 'brief', options);

  const generator = new OpenApiGeneratorV31([...registry.definitions, { type: 'schema', schema: problemResponse }]);
  return describeListParameters(generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Taskhex API',
      version: '1.0.0',
      description:
        'A multi-user task service. JSON in and out, snake_case fields, RFC 3339 UTC timestamps. Errors are ' +
        '`application/problem+json` (RFC 9457) with a stable `code` and the `request_id` also sent as `X-Request-Id`.\n\n' +
        'Authenticate with `Authorization: Bearer <token>` (from register or login) or the `access_token` cookie set by login; ' +
        'cookie-authenticated writes must come from an allowed origin (CORS_ORIGINS).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    tags: [
      { name: 'Auth', description: 'Accounts and tokens.' },
      { name: 'Tasks', description: 'The caller’s tasks.' },
      {
        name: 'Tasks (brief surface)',
        description:
          'The same routes under `/api/{user_id}` for front ends built against the original brief: `completed` mirrors ' +
          '`is_completed`, `priority: "medium"` means `normal`, `search` means `q`, and PUT changes only the given fields.',
      },
      { name: 'Operations', description: 'Health, readiness and this documentation.' },
    ],
  }));
}

/** Words for the list query parameters, whose zod schemas (shared with other edges) carry none. */
const LIST_PARAMETERS: Record<string, { description: string; example?: string }> = {
  limit: { description: 'Page size, 1 to 100 (default 50).', example: '20' },
  offset: { description: 'Items to skip (default 0). Not together with `cursor`.', example: '0' },
  cursor: { description: 'Opaque `next_cursor` of the previous page. Not together with `offset`.' },
  include_total: { description: 'With `cursor`, compute the exact `total` too.' },
  completed: { description: 'Only completed (`true`) or open (`false`) tasks.' },
  q: { description: 'Case-insensitive text in the title or description.', example: 'milk' },
  priority: { description: 'Only tasks of this priority.' },
  due_before: { description: 'Only tasks due before this instant (RFC 3339).', example: '2026-12-31T00:00:00Z' },
  due_after: { description: 'Only tasks due after this instant (RFC 3339).', example: '2026-12-01T00:00:00Z' },
  updated_since: { description: 'Only tasks changed since this instant (RFC 3339), for incremental sync.', example: '2026-11-01T00:00:00Z' },
  include_deleted: { description: 'With `updated_since`: also tasks deleted since then, as tombstones with `deleted_at`.' },
  sort: {
    description: 'created_at, updated_at, due_at, priority or title; prefix `-` for descending. Default `-created_at`; ties break on id.',
    example: '-priority',
  },
};

function describeListParameters<T extends { paths?: object | undefined }>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {}) as object[]) {
    for (const operation of Object.values(item) as { parameters?: { in: string; name: string; description?: string }[] }[]) {
      for (const parameter of operation.parameters ?? []) {
        const words = parameter.in === 'query' ? LIST_PARAMETERS[parameter.name] : undefined;
        if (words && parameter.description === undefined) Object.assign(parameter, words);
      }
    }
  }
  return doc;
}

function registerComponents(registry: OpenAPIRegistry, options: OpenApiOptions): void {
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The `access_token` from register or login, or a token minted by a front end with the same secret or JWKS.',
  });
  registry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'access_token',
    description: 'Set by login (HttpOnly, SameSite=Lax). Unsafe methods must come from an allowed Origin.',
  });

  const header = (description: string, schema: object, example?: unknown) => ({ description, schema, ...(example !== undefined && { example }) });
  registry.registerComponent('headers', 'X-Request-Id', header('Echoes a sane incoming X-Request-Id, else a generated one; also in logs and problem bodies.', { type: 'string' }, '3f2b8c1e-2a4d-4c6b-9e8f-1a2b3c4d5e6f'));
  registry.registerComponent('headers', 'RateLimit-Limit', header('Requests allowed in the current window.', { type: 'integer' }, 100));
  registry.registerComponent('headers', 'RateLimit-Remaining', header('Requests left in the current window.', { type: 'integer' }, 99));
  registry.registerComponent('headers', 'RateLimit-Reset', header('Seconds until the window resets.', { type: 'integer' }, 3600));
  registry.registerComponent('headers', 'Retry-After', header('Seconds to wait before retrying.', { type: 'integer' }, 30));
  registry.registerComponent('headers', 'ETag', header('The task’s version, quoted; send it back in If-Match or If-None-Match.', { type: 'string' }, '"1"'));
  registry.registerComponent('headers', 'Location', header('URL of the created resource.', { type: 'string' }, '/api/v1/tasks/0b7f6a2e-7c1b-4a59-9f53-2f8a3c1d9e41'));

  const problem = (description: string, status: number, code: string, detail: string, headers: Headers = limited) =>
    registry.registerComponent('responses', description.replaceAll(' ', ''), {
      description,
      headers,
      content: {
        'application/problem+json': {
          schema: PROBLEM,
          example: { type: `/problems/${code}`, title: description, status, detail, code, request_id: '3f2b8c1e-2a4d-4c6b-9e8f-1a2b3c4d5e6f' },
        },
      },
    });
  problem('Malformed JSON', 400, 'malformed_json', 'The request body is not valid JSON.');
  problem('Unauthorized', 401, 'unauthorized', 'A valid access token is required.');
  problem('Forbidden', 403, 'forbidden', 'This belongs to another user.');
  problem('Not Found', 404, 'not_found', 'No such task.');
  problem('Conflict', 409, 'conflict', 'That e-mail is already registered.');
  problem('Precondition Failed', 412, 'precondition_failed', 'The task has changed since that ETag.', { ...limited, ETag: ref('headers', 'ETag') });
  problem('Payload Too Large', 413, 'payload_too_large', `The request body is larger than ${options.bodyLimitBytes} bytes.`);
  problem('Unsupported Media Type', 415, 'unsupported_media_type', 'Send the request body as application/json.');
  problem('Validation Failed', 422, 'validation_failed', 'The request is not valid.');
  problem('Rate Limited', 429, 'rate_limited', 'Too many requests; try again later.', { ...limited, 'Retry-After': ref('headers', 'Retry-After') });
  problem('Unavailable', 503, 'unavailable', 'The database is unavailable; try again shortly.', { ...always, 'Retry-After': ref('headers', 'Retry-After') });
}

/** The problem answers every authenticated route can give, plus the route's own. */
function errors(...statuses: number[]): Responses {
  const names: Record<number, string> = {
    400: 'MalformedJSON',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'Conflict',
    412: 'PreconditionFailed',
    413: 'PayloadTooLarge',
    415: 'UnsupportedMediaType',
    422: 'ValidationFailed',
    429: 'RateLimited',
    503: 'Unavailable',
  };
  return Object.fromEntries([...new Set([...statuses, 429, 503])].sort((a, b) => a - b).map((s) => [String(s), ref('responses', names[s]!)]));
}

const BODY_ERRORS = [400, 413, 415, 422];

function registerOperations(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness: 200 while the process runs',
    tags: ['Operations'],
    security: [],
    responses: { 200: { description: 'The process is alive.', headers: always, content: json(healthResponse) } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'Readiness: 200 when the database answers, else 503',
    tags: ['Operations'],
    security: [],
    responses: {
      200: { description: 'The database answers.', headers: always, content: json(readinessResponse) },
      503: {
        description: 'The database does not answer.',
        headers: always,
        content: { 'application/json': { schema: readinessResponse, example: { status: 'unavailable', database: 'unreachable' } } },
      },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tags: ['Operations'],
    security: [],
    responses: {
      200: { description: 'The document, generated from the zod schemas that validate requests.', headers: always, content: { 'application/json': { schema: { type: 'object' } } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    operationId: 'docsPage',
    summary: 'Interactive API documentation (Swagger UI, served from npm-installed assets)',
    tags: ['Operations'],
    security: [],
    responses: { 200: { description: 'The documentation page.', headers: always, content: { 'text/html': { schema: { type: 'string' } } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs/{asset}',
    operationId: 'docsAsset',
    summary: 'A static asset of the documentation page',
    tags: ['Operations'],
    security: [],
    request: { params: z.object({ asset: z.enum(Object.keys(DOCS_ASSETS) as [string, ...string[]]) }) },
    responses: {
      200: {
        description: 'The asset.',
        headers: always,
        content: { 'application/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } },
      },
      404: ref('responses', 'NotFound'),
    },
  });
}

function registerAuth(registry: OpenAPIRegistry): void {
  const base = '/api/v1/auth';
  const cookieHeader = {
    description: 'The `access_token` cookie (HttpOnly, SameSite=Lax; Secure when COOKIE_SECURE).',
    schema: { type: 'string' as const },
    example: 'access_token=eyJhbGciOi…; path=/; httponly; samesite=lax',
  };
  registry.registerPath({
    method: 'post',
    path: `${base}/register`,
    operationId: 'register',
    summary: 'Create an account and get a token',
    description: 'E-mails are trimmed and compared case-insensitively; passwords are 8 to 72 UTF-8 bytes (longer is a 422, never truncated).',
    tags: ['Auth'],
    security: [],
    request: { body: { required: true, content: json(registerBody) } },
    responses: {
      201: {
        description: 'Registered.',
        headers: { ...limited, Location: ref('headers', 'Location') },
        content: json(sessionResponse),
      },
      ...errors(...BODY_ERRORS, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/login`,
    operationId: 'login',
    summary: 'Log in: a token in the body and the access_token cookie',
    description: 'A failed login answers the same 401, in about the same time, whether the e-mail exists or not.',
    tags: ['Auth'],
    security: [],
    request: { body: { required: true, content: json(loginBody) } },
    responses: {
      200: { description: 'Logged in.', headers: { ...limited, 'Set-Cookie': cookieHeader }, content: json(sessionResponse) },
      ...errors(...BODY_ERRORS, 401),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/logout`,
    operationId: 'logout',
    summary: 'Clear the access_token cookie',
    tags: ['Auth'],
    security: [],
    responses: {
      204: { description: 'The cookie is cleared.', headers: { ...limited, 'Set-Cookie': { ...cookieHeader, description: 'Expires the cookie.' } } },
      ...errors(),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/me`,
    operationId: 'getMe',
    summary: 'The signed-in user',
    tags: ['Auth'],
    responses: { 200: { description: 'The user.', headers: limited, content: json(userResponse) }, ...errors(401) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/me`,
    operationId: 'deleteMe',
    summary: 'Delete the account and every task of it',
    tags: ['Auth'],
    responses: { 204: { description: 'Deleted; the cookie is cleared.', headers: limited }, ...errors(401, 403) },
  });
}

function registerTasks(
  registry: OpenAPIRegistry,
  base: string,
  tag: string,
  surface: 'v1' | 'brief',
  options: OpenApiOptions,
): void {
  const brief = surface === 'brief';
  const id = (name: string) => (brief ? `brief${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  const taskSchema = brief ? briefTaskResponse : taskResponse;
  const withUser = <T extends z.ZodRawShape>(shape: T) => (brief ? z.object({ user_id: pathUser, ...shape }) : z.object(shape));
  const idParams = withUser(taskId.shape);
  const listParams = brief ? z.object({ user_id: pathUser }) : undefined;
  // The brief's surface checks the path user after authentication: 401 first, then 403.
  const baseErrors = brief ? [401, 403] : [401];
  const oneTask = (description: string, extra: Headers = {}) => ({
    description,
    headers: { ...limited, ETag: ref('headers', 'ETag'), ...extra },
    content: json(taskSchema),
  });

  let list: Responses[string];
  if (brief && options.aliasListShape === 'array') {
    list = {
      description: 'One page as a bare array.',
      headers: {
        ...limited,
        'X-Total-Count': { description: 'Exact number of matching tasks (absent when unknown with a cursor).', schema: { type: 'integer' as const } },
        Link: { description: 'RFC 8288 link to the next page (`rel="next"`), when there is one.', schema: { type: 'string' as const } },
      },
      content: json(briefTaskArrayResponse),
    };
  } else {
    list = { description: 'One page.', headers: limited, content: json(brief ? briefTaskListResponse : taskPageResponse) };
  }

  registry.registerPath({
    method: 'get',
    path: base,
    operationId: id('listTasks'),
    summary: 'List tasks',
    description:
      'Unknown parameters are a 422 naming the parameter. Page with `limit` + `offset`, or `cursor` from `next_cursor` (not both). ' +
      '`sort` is one of created_at, updated_at, due_at, priority, title, with `-` for descending (default `-created_at`). ' +
      '`include_deleted=true` (with `updated_since`) also returns tombstones carrying `deleted_at`.',
    tags: [tag],
    request: { params: listParams, query: brief ? briefListTasksQuery : listTasksQuery },
    responses: { 200: list, ...errors(...baseErrors, 422) },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    operationId: id('createTask'),
    summary: 'Create a task',
    tags: [tag],
    request: {
      params: listParams,
      headers: idempotencyKey,
      body: { required: true, content: json(brief ? briefCreateTaskBody : createTaskBody) },
    },
    responses: {
      201: oneTask('Created.', { Location: ref('headers', 'Location') }),
      // 403 also answers a cookie-authenticated write from an origin not on CORS_ORIGINS.
      ...errors(...baseErrors, ...BODY_ERRORS, 403, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/trash`,
    operationId: id('listTrash'),
    summary: 'List the trash (soft-deleted tasks, with deleted_at)',
    tags: [tag],
    request: { params: listParams, query: brief ? briefListTasksQuery : listTasksQuery },
    responses: { 200: list, ...errors(...baseErrors, 422) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{id}`,
    operationId: id('getTask'),
    summary: 'Get a task',
    tags: [tag],
    request: { params: idParams, headers: ifNoneMatch },
    responses: {
      200: oneTask('The task.'),
      304: { description: 'Not modified: the If-None-Match ETag is current.', headers: { ...limited, ETag: ref('headers', 'ETag') } },
      ...errors(...baseErrors, 403, 404, 422),
    },
  });
  registry.registerPath({
    method: 'put',
    path: `${base}/{id}`,
    operationId: id('replaceTask'),
    summary: brief ? 'Update the given fields of a task' : 'Replace a task',
    description: brief
      ? 'As the brief’s back ends do, PUT here changes only the fields it is given.'
      : 'A full replace: `title` is required; every other editable field left out takes its default.',
    tags: [tag],
    request: { params: idParams, headers: ifMatch, body: { required: true, content: json(brief ? briefUpdateTaskBody : replaceTaskBody) } },
    responses: { 200: oneTask('The updated task.'), ...errors(...baseErrors, ...BODY_ERRORS, 403, 404, 412) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}`,
    operationId: id('updateTask'),
    summary: 'Change some fields of a task',
    tags: [tag],
    request: { params: idParams, headers: ifMatch, body: { required: true, content: json(brief ? briefUpdateTaskBody : updateTaskBody) } },
    responses: { 200: oneTask('The updated task.'), ...errors(...baseErrors, ...BODY_ERRORS, 403, 404, 412) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}/complete`,
    operationId: id('setTaskCompletion'),
    summary: 'Toggle completion (no body) or set it',
    description: 'No body toggles; `{"is_completed": bool}` sets it, which is safe to retry. `completed_at` is set or cleared.',
    tags: [tag],
    request: { params: idParams, headers: ifMatch, body: { required: false, content: json(brief ? briefCompleteTaskBody : completeTaskBody) } },
    responses: { 200: oneTask('The task.'), ...errors(...baseErrors, ...BODY_ERRORS, 403, 404, 412) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    operationId: id('deleteTask'),
    summary: 'Move a task to the trash, or delete it for good',
    tags: [tag],
    request: { params: idParams, query: permanentQuery, headers: ifMatch },
    responses: { 204: { description: 'Deleted.', headers: limited }, ...errors(...baseErrors, 403, 404, 412, 422) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/{id}/restore`,
    operationId: id('restoreTask'),
    summary: 'Bring a task back from the trash',
    tags: [tag],
    request: { params: idParams, headers: ifMatch },
    responses: { 200: oneTask('The restored task.'), ...errors(...baseErrors, 403, 404, 412, 422) },
  });
}
