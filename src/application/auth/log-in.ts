import { InvalidCredentials } from '../../domain/user/user-errors.js';
import { Email } from '../../domain/user/email.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenIssuer } from '../ports/token-service.js';
import type { UserRepository } from '../ports/user-repository.js';
import { toUserView, type SessionView } from './user-view.js';

export interface LogInInput {
  readonly email: string;
  readonly password: string;
}

export class LogIn {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenIssuer,
  ) {}

  async execute(input: LogInInput): Promise<SessionView> {
    let email: string;
    try {
      email = Email.parse(input.email).value;
    } catch {
      await this.hasher.verifyAgainstDummy(input.password);
      throw new InvalidCredentials();
    }
    const user = await this.users.findByEmail(email);
    // An unknown e-mail costs one bcrypt comparison too, so timing does not tell which part was wrong.
    if (!user || user.passwordHash === null) {
      await this.hasher.verifyAgainstDummy(input.password);
      throw new InvalidCredentials();
    }
    if (!(await this.hasher.verify(input.password, user.passwordHash))) throw new InvalidCredentials();
    const token = this.tokens.issue(user.id);
    return { user: toUserView(user), accessToken: token.accessToken, tokenType: 'Bearer', expiresIn: token.expiresIn };
  }
}
