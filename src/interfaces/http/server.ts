import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
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
  const inFlight = new Set<ServerResponse>();
  let stopping = false;

  // Node enforces headersTimeout/requestTimeout only when it sweeps its connections (every 30 s by
  // default): a slowloris socket would live 30 s. Sweeping every second keeps them near their bounds.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (stopping) res.setHeader('Connection', 'close');
    handler(req, res);
  });
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
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
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
