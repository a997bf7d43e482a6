import type { Clock } from '../ports/clock.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { IDEMPOTENCY_WINDOW_MS } from './create-task-idempotently.js';

export interface PurgeExpiredTrashOptions {
  /** Trashed tasks older than this many days are deleted for good. */
  readonly retentionDays: number;
  /** Rows per statement: keeps each delete short, so it never holds many locks for long. */
  readonly batchSize?: number | undefined;
}

export interface PurgeReport {
  readonly tasks: number;
  readonly idempotencyKeys: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The retention job, for every user at once (a system task, so it takes no actor): deletes trashed
 * tasks past retention and forgets expired idempotency keys. Safe to run on several instances at the
 * same time: the stores delete in batches that skip rows another run holds, so each row goes once.
 */
export class PurgeExpiredTrash {
  private readonly batchSize: number;

  constructor(
    private readonly tasks: TaskRepository,
    private readonly keys: IdempotencyStore,
    private readonly clock: Clock,
    private readonly options: PurgeExpiredTrashOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
  }

  async execute(): Promise<PurgeReport> {
    const now = this.clock.now().getTime();
    const trashCutoff = new Date(now - this.options.retentionDays * DAY_MS);
    const keyCutoff = new Date(now - IDEMPOTENCY_WINDOW_MS);
    return {
      tasks: await this.drain((n) => this.tasks.purgeTrashedBefore(trashCutoff, n)),
      idempotencyKeys: await this.drain((n) => this.keys.deleteCreatedBefore(keyCutoff, n)),
    };
  }

  private async drain(batch: (size: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await batch(this.batchSize);
      total += n;
      // A short batch means nothing is left that this run may take (the rest, if any, is another run's).
      if (n < this.batchSize) return total;
    }
  }
}
