import { IdempotencyKeySchema } from './idempotency-key.schema.js';
import { IdentitySchema } from './identity.schema.js';
import { TaskCountSchema } from './task-count.schema.js';
import { TaskSchema } from './task.schema.js';
import { UserSchema } from './user.schema.js';

export const ENTITIES = [UserSchema, IdentitySchema, TaskSchema, IdempotencyKeySchema, TaskCountSchema];
