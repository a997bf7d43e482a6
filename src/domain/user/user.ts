import { ValidationFailed } from '../shared/domain-error.js';
import type { Email } from './email.js';

export const NAME_MAX_LENGTH = 200;

/**
 * A Taskhex user. Registered users have an e-mail and a password hash; users provisioned from a front
 * end's token may have neither (they sign in there) and are found through their identities.
 */
export class User {
  readonly id!: string;
  readonly email!: string | null;
  readonly name!: string | null;
  readonly passwordHash!: string | null;
  readonly createdAt!: Date;

  private constructor(fields: Omit<User, never>) {
    Object.assign(this, fields);
  }

  static register(input: { id: string; email: Email; name?: string | null; passwordHash: string; now: Date }): User {
    return new User({
      id: input.id,
      email: input.email.value,
      name: checkName(input.name ?? null),
      passwordHash: input.passwordHash,
      createdAt: input.now,
    });
  }

  /** A user known only through a front end's token. */
  static provision(input: { id: string; email: Email | null; name: string | null; now: Date }): User {
    return new User({
      id: input.id,
      email: input.email?.value ?? null,
      name: checkName(input.name),
      passwordHash: null,
      createdAt: input.now,
    });
  }
}

function checkName(raw: string | null): string | null {
  if (raw === null) return null;
  const name = raw.trim();
  if (name.length === 0) return null;
  if (name.includes('\u0000')) throw ValidationFailed.field('name', 'Name must not contain NUL characters.', 'invalid_string');
  if ([...name].length > NAME_MAX_LENGTH) {
    throw ValidationFailed.field('name', `Name must be at most ${NAME_MAX_LENGTH} characters.`, 'too_big');
  }
  return name;
}
