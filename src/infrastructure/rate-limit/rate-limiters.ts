import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { FlexibleRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface RateLimitSettings {
  /** Requests per authenticated user per window. */
  readonly perUser: number;
  /** Requests per client address per window on the public auth routes. */
  readonly perAddress: number;
  /** Seconds; one hour in production, shorter in tests. */
  readonly windowSeconds?: number | undefined;
  /** Unset: each process keeps its own budgets in memory. */
  readonly redisUrl?: string | undefined;
  /** Namespace of the Redis keys; instances that share it share budgets. */
  readonly keyPrefix?: string | undefined;
  /** Told when Redis becomes unreachable (requests then fall back to the in-memory insurance limiter). */
  readonly onStoreError?: ((error: Error) => void) | undefined;
}

export interface RateLimiters {
  readonly perUser: RateLimiter;
  readonly perAddress: RateLimiter;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

/**
 * Memory store by default; with a Redis URL every instance counts in Redis, so they share one budget.
 * When Redis does not answer, each request is counted by an in-memory insurance limiter of the same
 * size instead (per instance, so N instances allow up to N times the budget until Redis is back):
 * a Redis outage degrades the limit, it never turns requests into 500s or lets them through unlimited.
 */
export function createRateLimiters(settings: RateLimitSettings): RateLimiters {
  const duration = settings.windowSeconds ?? 3600;
  const prefix = settings.keyPrefix ?? 'taskhex:rl';
  if (!settings.redisUrl) {
    return {
      perUser: new FlexibleRateLimiter(new RateLimiterMemory({ points: settings.perUser, duration, keyPrefix: `${prefix}:user` })),
      perAddress: new FlexibleRateLimiter(new RateLimiterMemory({ points: settings.perAddress, duration, keyPrefix: `${prefix}:addr` })),
      close: async () => {},
    };
  }

  const redis = connectRedis(settings.redisUrl, settings.onStoreError);
  const insured = (points: number, keyPrefix: string) =>
    new FlexibleRateLimiter(
      new RateLimiterRedis({
        storeClient: redis,
        points,
        duration,
        keyPrefix,
        // Do not wait for a reconnect: count in memory at once while Redis is away.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:insurance` }),
      }),
    );
  return {
    perUser: insured(settings.perUser, `${prefix}:user`),
    perAddress: insured(settings.perAddress, `${prefix}:addr`),
    close: async () => {
      // QUIT needs a live connection; otherwise stop reconnecting and drop the socket.
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

function connectRedis(url: string, onError: ((error: Error) => void) | undefined): Redis {
  const redis = new Redis(url, {
    // Commands fail at once while disconnected (→ insurance limiter) instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // A dead socket never emits "close" again; do not keep the process alive for ioredis' 2 s default.
    disconnectTimeout: 200,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let reported = false;
  redis.on('error', (error: Error) => {
    // One report per outage; ioredis retries on its own.
    if (!reported) onError?.(error);
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  return redis;
}
