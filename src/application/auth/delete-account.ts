import type { Actor } from '../actor.js';
import type { UserRepository } from '../ports/user-repository.js';

/** Deletes the actor's account; their tasks and identities go with it (ON DELETE CASCADE). */
export class DeleteAccount {
  constructor(private readonly users: UserRepository) {}

  async execute(actor: Actor): Promise<void> {
    await this.users.delete(actor.userId);
  }
}
