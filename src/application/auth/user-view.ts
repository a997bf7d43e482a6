import type { User } from '../../domain/user/user.js';

export interface UserView {
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly createdAt: Date;
}

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}

export interface SessionView {
  readonly user: UserView;
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}
