import { createServer, ServerResponse, type RequestListener, type Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';

/**
 * A connection accepted just before the stop may not have delivered its request yet; Node counts it
 * as idle. It gets this long to do so before idle connections are closed, so it is served rather
 * than reset.
 */
const IDLE_LINGER_MS = 1_000;

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  /** How long stop() lets in-flight requests run before cutting the remaining connections. */
  readonly shutdownGraceMs: number;
}

export interface RunningHttpServer {
  readonly server: Server;
  readonly address: AddressInfo;
  /**
   * Graceful stop: refuse new connections at once, let in-flight requests finish (their responses
   * say `Connection: close`, so keep-alive clients go away cleanly), close idle connections after a
   * short linger, and after the grace period close whatever is left. Resolves `drained: false` when
   * it had to cut.
   */
  stop(): Promise<{ drained: boolean }>;
}

export async function startHttpServer(handler: RequestListener, options: HttpServerOptions): Promise<RunningHttpServer> {
  let stopping = false;

  /**
   * Once stopping, every response whose headers are still to be written says `Connection: close`,
   * including those of requests already in flight, so keep-alive clients go away cleanly. Decided
   * when the headers are written rather than by keeping a set of in-flight responses: holding every
   * response in a long-lived Set made V8 promote each one out of the young generation (~4 KB per
   * request), which cost ~15 % of the CPU of a GET by id in garbage collection (bench/optimisations.md, 17).
   */
  class ClosingWhenStopping extends ServerResponse {}
  // Assigned rather than declared: writeHead's overloads cannot be overridden in one typed signature.
  const writeHead = ServerResponse.prototype.writeHead as (this: ServerResponse, ...args: unknown[]) => ServerResponse;
  ClosingWhenStopping.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (stopping) this.shouldKeepAlive = false;
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];

  // Node enforces headersTimeout/requestTimeout only when it sweeps its connections (every 30 s by
  // default): a slowloris socket would live 30 s. Sweeping every second keeps them near their bounds.
  const server = createServer({ connectionsCheckingInterval: 1_000, ServerResponse: ClosingWhenStopping }, handler);
  // Slow clients cannot hold a connection open forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let stopped: Promise<{ drained: boolean }> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      // net.Server's close stops accepting without http.Server's immediate closeIdleConnections().
      const closed = new Promise<boolean>((resolve) => NetServer.prototype.close.call(server, () => resolve(true)));
      const linger = setTimeout(() => server.closeIdleConnections(), Math.min(IDLE_LINGER_MS, options.shutdownGraceMs));
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), options.shutdownGraceMs);
      });
      const drained = await Promise.race([closed, grace]);
      clearTimeout(timer);
      clearTimeout(linger);
      if (!drained) {
        server.closeAllConnections();
        await closed;
      }
      return { drained };
    })();
    return stopped;
  };

  return { server, address: server.address() as AddressInfo, stop };
}
