import { EntitySchema } from '@mikro-orm/core';
import { User } from '../../domain/user/user.js';

export const UserSchema = new EntitySchema<User>({
  class: User as any,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', length: 254, nullable: true },
    name: { type: 'string', length: 200, nullable: true },
    passwordHash: { type: 'string', fieldName: 'password_hash', length: 100, nullable: true, lazy: false },
    createdAt: { type: 'Date', fieldName: 'created_at', columnType: 'timestamptz' },
  },
  indexes: [
    {
      // Only registered (password) accounts claim an e-mail; users provisioned from a front end's token
      // may share one with a registered account without blocking either.
      name: 'users_email_registered_unique',
      expression:
        'create unique index "users_email_registered_unique" on "users" ("email") where password_hash is not null',
    },
  ],
});
