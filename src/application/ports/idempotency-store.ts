export interface IdempotencyClaim {
  readonly userId: string;
  readonly key: string;
  /** A canonical description of the request; two requests are "the same" when their fingerprints are equal. */
  readonly fingerprint: string;
  readonly now: Date;
  /** A record created before this instant has expired and no longer counts. */
  readonly notBefore: Date;
}

export type IdempotencyOutcome =
  /** This call was the first: `work` ran and its response is now stored. */
  | { readonly kind: 'executed'; readonly response: string }
  /** An earlier call with this key (and this or another request) stored `response`; `work` did not run. */
  | { readonly kind: 'existing'; readonly sameRequest: boolean; readonly response: string };

/**
 * Remembers, per user and key, the first response of a write, so a retried request replays it instead
 * of writing again.
 */
export interface IdempotencyStore {
  /**
   * Runs `work` at most once per (userId, key) among unexpired records. Atomic with whatever `work`
   * writes: if `work` fails, nothing is remembered and nothing it wrote stays. A concurrent call with
   * the same key waits until the first one has finished, then sees its outcome.
   */
  run(claim: IdempotencyClaim, work: () => Promise<string>): Promise<IdempotencyOutcome>;
  /** Forgets up to `batchSize` records created before `cutoff`; returns how many. */
  deleteCreatedBefore(cutoff: Date, batchSize: number): Promise<number>;
}
