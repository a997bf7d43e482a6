import { Email } from '../../domain/user/email.js';
import { Identity, isAcceptableSubject } from '../../domain/user/identity.js';
import { Unauthenticated } from '../../domain/user/user-errors.js';
import { User } from '../../domain/user/user.js';
import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { VerifiedClaims } from '../ports/token-service.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface ResolvedActor extends Actor {
  /** The subject the token named: the caller may use it in `/api/{user_id}/…` instead of the user id. */
  readonly subject: string;
}

/**
 * Turns verified token claims into the acting Taskhex user. Taskhex's own tokens name the user id;
 * a front end's tokens name an opaque subject at their issuer, mapped to a user through an identity
 * (created on first sight when auto-provisioning is on).
 */
export class ResolveActor {
  constructor(
    private readonly users: UserRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly options: { autoProvision: boolean },
  ) {}

  async execute(claims: VerifiedClaims): Promise<ResolvedActor> {
    if (!isAcceptableSubject(claims.subject) || !isAcceptableSubject(claims.issuer)) {
      throw new Unauthenticated('The token does not name a user.');
    }
    if (claims.via === 'shared-secret') {
      const own = await this.users.findById(claims.subject);
      if (own) return { userId: own.id, subject: claims.subject };
    }
    const linked = await this.users.findByIdentity(claims.issuer, claims.subject);
    if (linked) return { userId: linked.id, subject: claims.subject };
    if (!this.options.autoProvision) throw new Unauthenticated('The user of this token is not known here.');

    const now = this.clock.now();
    const user = User.provision({ id: this.ids.next(), email: parseEmail(claims.email), name: parseName(claims.name), now });
    const identity = Identity.link({ issuer: claims.issuer, subject: claims.subject, userId: user.id, now });
    const owner = await this.users.provision(user, identity);
    return { userId: owner.id, subject: claims.subject };
  }
}

// Claims from a front end are informative only: a malformed e-mail or name must not block sign-in.
function parseEmail(raw: unknown): Email | null {
  if (typeof raw !== 'string') return null;
  try {
    return Email.parse(raw);
  } catch {
    return null;
  }
}

function parseName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.replaceAll('\u0000', '').trim();
  return name.length === 0 ? null : [...name].slice(0, 200).join('');
}
