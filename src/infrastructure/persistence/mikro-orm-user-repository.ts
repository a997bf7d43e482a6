import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../domain/user/identity.js';
import { EmailAlreadyRegistered } from '../../domain/user/user-errors.js';
import { User } from '../../domain/user/user.js';
import type { UserRepository } from '../../application/ports/user-repository.js';
import { loadedEntity } from './loaded-entity.js';
import { UserSchema } from './user.schema.js';
import { fromPgTimestamp } from './pg-timestamp.js';
import { isUuid } from './uuid.js';

class IdentityTakenMeanwhile extends Error {}

interface UserRow {
  id: string;
  email: string | null;
  name: string | null;
  password_hash: string | null;
  created_at: Date | string;
}

export class MikroOrmUserRepository implements UserRepository {
  constructor(private readonly em: EntityManager) {}

  /** On every authenticated request (does the token's user exist?): a plain projection, no hydration. */
  async findById(id: string): Promise<User | null> {
    if (!isUuid(id)) return null;
    const rows = await this.em
      .getConnection()
      .execute<UserRow[]>(
        'select id, email, name, password_hash, created_at from users where id = ?',
        [id],
        'all',
        this.em.getTransactionContext(),
      );
    const row = rows[0];
    if (!row) return null;
    return loadedEntity(User, {
      id: row.id,
      email: row.email,
      name: row.name,
      passwordHash: row.password_hash,
      createdAt: fromPgTimestamp(row.created_at),
    });
  }

  async findByEmail(normalizedEmail: string): Promise<User | null> {
    return this.em.findOne(
      UserSchema,
      { email: normalizedEmail, passwordHash: { $ne: null } },
      { disableIdentityMap: true },
    );
  }

  async insert(user: User): Promise<void> {
    try {
      await this.em.insert(UserSchema, { ...user });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new EmailAlreadyRegistered();
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    if (!isUuid(id)) return;
    await this.em.nativeDelete(UserSchema, { id });
  }

  async findByIdentity(issuer: string, subject: string): Promise<User | null> {
    // Subjects are compared as text; they are never cast to uuid.
    const rows = await this.em
      .getConnection()
      .execute<Record<string, unknown>[]>(
        'select u.* from user_identities i join users u on u.id = i.user_id where i.issuer = ? and i.subject = ?',
        [issuer, subject],
        'all',
        // execute() does not find the current transaction by itself.
        this.em.getTransactionContext(),
      );
    return rows[0] ? this.em.map(UserSchema, rows[0]) : null;
  }

  async provision(user: User, identity: Identity): Promise<User> {
    try {
      await this.em.transactional(async (tx) => {
        await tx.insert(UserSchema, { ...user });
        // A concurrent first request for the same identity waits here for the other transaction, then
        // inserts nothing; this transaction rolls back its user and adopts the other one.
        const linked = await tx
          .getConnection()
          .execute<unknown[]>(
            'insert into user_identities (issuer, subject, user_id, created_at) values (?, ?, ?, ?) on conflict do nothing returning user_id',
            [identity.issuer, identity.subject, identity.userId, identity.createdAt],
            'all',
            tx.getTransactionContext(),
          );
        if (linked.length === 0) throw new IdentityTakenMeanwhile();
      });
      return user;
    } catch (error) {
      if (!(error instanceof IdentityTakenMeanwhile)) throw error;
      const existing = await this.findByIdentity(identity.issuer, identity.subject);
      if (!existing) throw error;
      return existing;
    }
  }
}
