import { EntitySchema } from '@mikro-orm/core';
import { User } from '../../domain/user/user.js';

/** A row of the idempotency store. Not a domain object: only PgIdempotencyStore reads and writes it. */
export interface IdempotencyKeyRow {
  userId: string;
  key: string;
  requestHash: string;
  /** Null only inside the transaction that claimed the key; committed rows always carry one. */
  response: unknown;
  createdAt: Date;
}

/** Mapped so that the schema check sees the table; the adapter itself uses plain SQL. */
export const IdempotencyKeySchema = new EntitySchema<IdempotencyKeyRow>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  properties: {
    userId: {
      kind: 'm:1',
      entity: () => User,
      fieldName: 'user_id',
      mapToPk: true,
      primary: true,
      deleteRule: 'cascade',
    },
    key: { type: 'string', length: 255, primary: true },
    requestHash: { type: 'string', fieldName: 'request_hash', length: 64 },
    response: { type: 'json', nullable: true },
    createdAt: {
      type: 'Date',
      fieldName: 'created_at',
      columnType: 'timestamptz',
      index: 'idempotency_keys_created_at_index',
    },
  },
});
