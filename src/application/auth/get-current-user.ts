import { Unauthenticated } from '../../domain/user/user-errors.js';
import type { Actor } from '../actor.js';
import type { UserRepository } from '../ports/user-repository.js';
import { toUserView, type UserView } from './user-view.js';

export class GetCurrentUser {
  constructor(private readonly users: UserRepository) {}

  async execute(actor: Actor): Promise<UserView> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new Unauthenticated('The user of this token no longer exists.');
    return toUserView(user);
  }
}
