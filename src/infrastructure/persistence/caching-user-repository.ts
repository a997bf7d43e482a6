import type { Identity } from '../../domain/user/identity.js';
import type { User } from '../../domain/user/user.js';
import type { UserRepository } from '../../application/ports/user-repository.js';

export interface UserCacheOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now?: () => number;
}

/**
 * Every authenticated request asks "does the token's user exist?" (findById), which cost a database
 * round trip per request. Found users are remembered for a few seconds, in a bounded map; misses are
 * never remembered, and deleting a user through this repository forgets it at once, so in one process
 * a deleted account's token is refused immediately. Another instance may accept it for at most `ttlMs`.
 * Users have no other mutable state, so nothing else can go stale.
 */
export class CachingUserRepository implements UserRepository {
  private readonly found = new Map<string, { user: User; until: number }>();
  private readonly now: () => number;

  constructor(
    private readonly inner: UserRepository,
    private readonly options: UserCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async findById(id: string): Promise<User | null> {
    const hit = this.found.get(id);
    if (hit && hit.until > this.now()) return hit.user;
    if (hit) this.found.delete(id);
    const user = await this.inner.findById(id);
    if (user) this.remember(id, user);
    return user;
  }

  findByEmail(normalizedEmail: string): Promise<User | null> {
    return this.inner.findByEmail(normalizedEmail);
  }

  insert(user: User): Promise<void> {
    return this.inner.insert(user);
  }

  async delete(id: string): Promise<void> {
    this.found.delete(id);
    try {
      await this.inner.delete(id);
    } finally {
      // A concurrent lookup may have refilled the entry while the delete ran.
      this.found.delete(id);
    }
  }

  findByIdentity(issuer: string, subject: string): Promise<User | null> {
    return this.inner.findByIdentity(issuer, subject);
  }

  provision(user: User, identity: Identity): Promise<User> {
    return this.inner.provision(user, identity);
  }

  private remember(id: string, user: User): void {
    // Insertion order is age order: when full, drop the oldest entry.
    if (this.found.size >= this.options.maxEntries) {
      const oldest = this.found.keys().next().value;
      if (oldest !== undefined) this.found.delete(oldest);
    }
    this.found.set(id, { user, until: this.now() + this.options.ttlMs });
  }
}
