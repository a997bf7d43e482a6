import { DomainError } from '../shared/domain-error.js';

export class EmailAlreadyRegistered extends DomainError {
  readonly code = 'conflict';
  constructor() {
    super('An account with this e-mail already exists.');
  }
}

/** Login failed. The same error whether the e-mail is unknown or the password is wrong. */
export class InvalidCredentials extends DomainError {
  readonly code = 'invalid_credentials';
  constructor() {
    super('E-mail or password is incorrect.');
  }
}

/** No usable identity: no token, a bad token, or a token naming a user that does not exist. */
export class Unauthenticated extends DomainError {
  readonly code = 'unauthorized';
  constructor(message = 'Authentication is required.') {
    super(message);
  }
}

export class TokenExpired extends DomainError {
  readonly code = 'token_expired';
  constructor() {
    super('The access token has expired.');
  }
}

/** The path names another user (the brief's `/api/{user_id}/…` surface). */
export class UserForbidden extends DomainError {
  readonly code = 'forbidden';
  constructor() {
    super('You can only access your own tasks.');
  }
}
