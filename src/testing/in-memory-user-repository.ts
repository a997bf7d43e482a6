import type { Identity } from '../domain/user/identity.js';
import { EmailAlreadyRegistered } from '../domain/user/user-errors.js';
import type { User } from '../domain/user/user.js';
import type { UserRepository } from '../application/ports/user-repository.js';

/** Users and identities in Maps, with the PostgreSQL adapter's uniqueness rules. */
export class InMemoryUserRepository implements UserRepository {
  private readonly users = new Map<string, User>();
  private readonly identities = new Map<string, Identity>();

  /** `onDelete` plays ON DELETE CASCADE for other stores (the in-memory Taskhex removes the user's tasks). */
  constructor(private readonly options: { onDelete?: (userId: string) => void } = {}) {}

  /** Synchronous lookup, for the task store's foreign-key check. */
  has(id: string): boolean {
    return this.users.has(id);
  }

  async findById(id: string): Promise<User | null> {
    return this.users.get(id) ?? null;
  }

  async findByEmail(normalizedEmail: string): Promise<User | null> {
    return this.registeredWith(normalizedEmail);
  }

  async insert(user: User): Promise<void> {
    // Check and write with no await in between, as the unique index does: concurrent inserts of one
    // e-mail must not all pass the check.
    if (user.passwordHash !== null && this.registeredWith(user.email ?? '')) throw new EmailAlreadyRegistered();
    this.users.set(user.id, user);
  }

  private registeredWith(email: string): User | null {
    return [...this.users.values()].find((u) => u.email === email && u.passwordHash !== null) ?? null;
  }

  async delete(id: string): Promise<void> {
    this.users.delete(id);
    for (const [k, identity] of this.identities) if (identity.userId === id) this.identities.delete(k);
    this.options.onDelete?.(id);
  }

  async findByIdentity(issuer: string, subject: string): Promise<User | null> {
    const identity = this.identities.get(JSON.stringify([issuer, subject]));
    return identity ? (this.users.get(identity.userId) ?? null) : null;
  }

  /** The current contents; calling the returned function puts them back (the in-memory kit's rollback). */
  snapshot(): () => void {
    const users = new Map(this.users);
    const identities = new Map(this.identities);
    return () => {
      this.users.clear();
      this.identities.clear();
      for (const [k, v] of users) this.users.set(k, v);
      for (const [k, v] of identities) this.identities.set(k, v);
    };
  }

  async provision(user: User, identity: Identity): Promise<User> {
    const k = JSON.stringify([identity.issuer, identity.subject]);
    const existing = this.identities.get(k);
    if (existing) return this.users.get(existing.userId)!;
    this.users.set(user.id, user);
    this.identities.set(k, identity);
    return user;
  }
}
