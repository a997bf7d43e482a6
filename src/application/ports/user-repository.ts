import type { Identity } from '../../domain/user/identity.js';
import type { User } from '../../domain/user/user.js';

export interface UserRepository {
  /** Any string is safe here: a value that is not a UUID finds nobody (it never reaches SQL as one). */
  findById(id: string): Promise<User | null>;
  findByEmail(normalizedEmail: string): Promise<User | null>;
  /** Throws EmailAlreadyRegistered when the e-mail is taken, including by a concurrent insert. */
  insert(user: User): Promise<void>;
  delete(id: string): Promise<void>;
  findByIdentity(issuer: string, subject: string): Promise<User | null>;
  /**
   * Creates the user and links the identity atomically. When a concurrent request linked the same
   * identity first, creates nothing and returns that request's user, so a user is provisioned once.
   */
  provision(user: User, identity: Identity): Promise<User>;
}
