import type { MikroORM } from '@mikro-orm/core';
import { withRequestContext } from '../persistence/request-context.js';
import type { Logger } from 'pino';
import type { PurgeExpiredTrash } from '../../application/tasks/purge-expired-trash.js';

export interface RetentionSchedulerOptions {
  readonly orm: MikroORM;
  readonly purge: PurgeExpiredTrash;
  readonly logger: Logger;
  /** Between runs; default one hour. */
  readonly intervalMs?: number | undefined;
  /** Before the first run, so start-up is not slowed by it; default one minute. */
  readonly firstRunAfterMs?: number | undefined;
}

export interface RetentionScheduler {
  /** Stops scheduling and waits for a run in progress, so the pool can close under it safely. */
  stop(): Promise<void>;
}

/**
 * Runs the retention job on a timer in every instance. No leader is needed: the job deletes in
 * batches that skip rows another instance holds. The timers are unref'd so they never keep the
 * process alive, and runs never overlap within one process.
 */
export function startRetentionScheduler(options: RetentionSchedulerOptions): RetentionScheduler {
  const intervalMs = options.intervalMs ?? 60 * 60 * 1000;
  let running: Promise<void> | null = null;
  let stopped = false;

  const runOnce = () => {
    if (running || stopped) return;
    running = withRequestContext(options.orm.em, () => options.purge.execute())
      .then((report) => {
        if (report.tasks > 0 || report.idempotencyKeys > 0) {
          options.logger.info({ purged: report.tasks, purged_idempotency_keys: report.idempotencyKeys }, 'retention purge');
        }
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'retention purge failed'))
      .finally(() => {
        running = null;
      });
  };

  const first = setTimeout(runOnce, options.firstRunAfterMs ?? 60_000);
  const every = setInterval(runOnce, intervalMs);
  first.unref();
  every.unref();

  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
