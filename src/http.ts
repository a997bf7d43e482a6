// The `/http` entry: the Koa app, for a host that mounts it or listens itself.
import type Koa from 'koa';
import { pino, type Logger } from 'pino';
import { createApp, type HttpOptions } from './interfaces/http/app.js';
import { composeTaskhex, type TaskhexOptions } from './interfaces/library/taskhex.js';

export { createApp, type HttpOptions } from './interfaces/http/app.js';
export type { TaskhexOptions } from './interfaces/library/taskhex.js';

export type TaskhexHttpOptions = TaskhexOptions & {
  /** CORS allow-list, cookie flags, body limit…; defaults are the server's. */
  readonly http?: Partial<HttpOptions> | undefined;
  /** Default: pino at level info on stdout. */
  readonly logger?: Logger | undefined;
};

export interface TaskhexHttpApp {
  /** Not listening: `app.listen(port)`, `http.createServer(app.callback())`, or mount it. */
  readonly app: Koa;
  /** Closes the connection pool Taskhex opened (a host's ORM is left open). */
  close(): Promise<void>;
}

/** Builds the container from the library's options and returns the HTTP API on it. */
export async function createHttpApp(options: TaskhexHttpOptions): Promise<TaskhexHttpApp> {
  const { container, close } = await composeTaskhex(options);
  const app = createApp(container, options.logger ?? pino(), {
    corsOrigins: [],
    cookieSecure: true,
    bodyLimitBytes: 64 * 1024,
    aliasListShape: 'object',
    trustProxy: false,
    ...options.http,
  });
  return { app, close };
}
