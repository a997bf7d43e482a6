import { EntitySchema } from '@mikro-orm/core';
import { Identity } from '../../domain/user/identity.js';
import { User } from '../../domain/user/user.js';

export const IdentitySchema = new EntitySchema<Identity>({
  class: Identity as any,
  tableName: 'user_identities',
  properties: {
    issuer: { type: 'string', length: 255, primary: true },
    subject: { type: 'string', length: 255, primary: true },
    userId: {
      kind: 'm:1',
      entity: () => User,
      fieldName: 'user_id',
      mapToPk: true,
      deleteRule: 'cascade',
      index: 'user_identities_user_id_index',
    },
    createdAt: { type: 'Date', fieldName: 'created_at', columnType: 'timestamptz' },
  },
});
