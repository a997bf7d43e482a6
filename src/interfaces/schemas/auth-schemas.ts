import { z } from 'zod';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_BYTES } from '../../domain/user/password-policy.js';

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export const emailSchema = z
  .string()
  .max(320)
  .refine((s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(s.trim()), { message: 'E-mail must be a valid address.' })
  .meta({ example: 'ada@example.com' });

export const passwordSchema = z
  .string()
  .refine((s) => utf8Bytes(s) >= PASSWORD_MIN_BYTES, { message: `Password must be at least ${PASSWORD_MIN_BYTES} bytes.` })
  .refine((s) => utf8Bytes(s) <= PASSWORD_MAX_BYTES, {
    message: `Password must be at most ${PASSWORD_MAX_BYTES} UTF-8 bytes (bcrypt's limit; never truncated).`,
  })
  .meta({ example: 'correct horse battery staple' });

export const registerBody = z
  .strictObject({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().max(200).nullable().optional().meta({ example: 'Ada Lovelace' }),
  })
  .meta({ id: 'Register' });

/** Login checks shapes only: a wrong password of any length is the same 401 as an unknown e-mail. */
export const loginBody = z
  .strictObject({
    email: z.string().max(320).meta({ example: 'ada@example.com' }),
    password: z.string().max(1024).meta({ example: 'correct horse battery staple' }),
  })
  .meta({ id: 'Login' });
