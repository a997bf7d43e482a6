import { Email } from '../../domain/user/email.js';
import { checkPassword } from '../../domain/user/password-policy.js';
import { User } from '../../domain/user/user.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenIssuer } from '../ports/token-service.js';
import type { UserRepository } from '../ports/user-repository.js';
import { toUserView, type SessionView } from './user-view.js';

export interface RegisterUserInput {
  readonly email: string;
  readonly password: string;
  readonly name?: string | null | undefined;
}

/** Registration has no acting user yet, so unlike the others it takes only its input. */
export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenIssuer,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterUserInput): Promise<SessionView> {
    const email = Email.parse(input.email);
    const password = checkPassword(input.password);
    const user = User.register({
      id: this.ids.next(),
      email,
      name: input.name ?? null,
      passwordHash: await this.hasher.hash(password),
      now: this.clock.now(),
    });
    await this.users.insert(user);
    const token = this.tokens.issue(user.id);
    return { user: toUserView(user), accessToken: token.accessToken, tokenType: 'Bearer', expiresIn: token.expiresIn };
  }
}
