import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdempotencyClaim, IdempotencyOutcome, IdempotencyStore } from '../../application/ports/idempotency-store.js';

/**
 * The idempotency store in PostgreSQL, so every instance shares it. One transaction claims the key
 * (an INSERT on the (user_id, key) primary key), runs the work, and stores the response. A concurrent
 * request with the same key blocks on that uncommitted key until the first commits or rolls back,
 * then sees the stored response or claims the key itself: exactly one of them ever runs the work, and
 * a failed run leaves neither a key nor a task behind. An expired row is taken over in the same INSERT.
 */
export class PgIdempotencyStore implements IdempotencyStore {
  constructor(private readonly em: EntityManager) {}

  async run(claim: IdempotencyClaim, work: () => Promise<string>): Promise<IdempotencyOutcome> {
    const hash = createHash('sha256').update(claim.fingerprint).digest('hex');
    // A retry only happens when the expiry sweep removes the row between our two statements.
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await this.em.transactional(async (em) => {
        const claimed = await em.execute<{ claimed: number }[]>(
          `insert into idempotency_keys (user_id, key, request_hash, response, created_at) values (?, ?, ?, null, ?)
           on conflict (user_id, key) do update
             set request_hash = excluded.request_hash, response = null, created_at = excluded.created_at
             where idempotency_keys.created_at < ?
           returning 1 as claimed`,
          [claim.userId, claim.key, hash, claim.now, claim.notBefore],
        );
        if (claimed.length === 1) {
          const response = await work();
          await em.execute('update idempotency_keys set response = ?::jsonb where user_id = ? and key = ?', [
            response,
            claim.userId,
            claim.key,
          ]);
          return { kind: 'executed', response } as const;
        }
        const [row] = await em.execute<{ request_hash: string; response: string | null }[]>(
          'select request_hash, response::text as response from idempotency_keys where user_id = ? and key = ?',
          [claim.userId, claim.key],
        );
        if (!row || row.response === null) return null;
        return { kind: 'existing', sameRequest: row.request_hash === hash, response: row.response } as const;
      });
      if (outcome) return outcome;
    }
    throw new Error('idempotency key could not be claimed');
  }

  async deleteCreatedBefore(cutoff: Date, batchSize: number): Promise<number> {
    const result = await this.em.execute<{ affectedRows?: number }>(
      `delete from idempotency_keys where (user_id, key) in (
         select user_id, key from idempotency_keys where created_at < ? limit ? for update skip locked)`,
      [cutoff, batchSize],
      'run',
    );
    return result.affectedRows ?? 0;
  }
}
