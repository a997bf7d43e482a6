import type { IdempotencyClaim, IdempotencyOutcome, IdempotencyStore } from '../application/ports/idempotency-store.js';

interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly response: string;
  readonly createdAt: Date;
}

/**
 * The IdempotencyStore port in a Map, with the PostgreSQL adapter's rules: one run per unexpired key,
 * concurrent callers with the same key wait for the first, and a failed run leaves no record.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();
  private readonly running = new Map<string, Promise<void>>();

  async run(claim: IdempotencyClaim, work: () => Promise<string>): Promise<IdempotencyOutcome> {
    const k = JSON.stringify([claim.userId, claim.key]);
    for (let busy = this.running.get(k); busy; busy = this.running.get(k)) await busy;
    const existing = this.records.get(k);
    if (existing && existing.createdAt >= claim.notBefore) {
      return { kind: 'existing', sameRequest: existing.fingerprint === claim.fingerprint, response: existing.response };
    }
    let done!: () => void;
    this.running.set(k, new Promise<void>((resolve) => (done = resolve)));
    try {
      const response = await work();
      this.records.set(k, { fingerprint: claim.fingerprint, response, createdAt: claim.now });
      return { kind: 'executed', response };
    } finally {
      this.running.delete(k);
      done();
    }
  }

  async deleteCreatedBefore(cutoff: Date, batchSize: number): Promise<number> {
    const doomed = [...this.records].filter(([, r]) => r.createdAt < cutoff).slice(0, batchSize);
    for (const [k] of doomed) this.records.delete(k);
    return doomed.length;
  }

  /** How many keys are remembered, for assertions in tests. */
  size(): number {
    return this.records.size;
  }
}
