import { ValidationFailed } from '../shared/domain-error.js';

export const PASSWORD_MIN_BYTES = 8;
/** bcrypt ignores everything after 72 bytes; longer passwords are refused rather than truncated. */
export const PASSWORD_MAX_BYTES = 72;

export function checkPassword(password: string): string {
  const bytes = typeof password === 'string' ? new TextEncoder().encode(password).length : 0;
  if (bytes < PASSWORD_MIN_BYTES) {
    throw ValidationFailed.field('password', `Password must be at least ${PASSWORD_MIN_BYTES} bytes.`, 'too_small');
  }
  if (bytes > PASSWORD_MAX_BYTES) {
    throw ValidationFailed.field('password', `Password must be at most ${PASSWORD_MAX_BYTES} UTF-8 bytes.`, 'too_big');
  }
  if (password.includes('\u0000')) {
    throw ValidationFailed.field('password', 'Password must not contain NUL characters.', 'invalid_string');
  }
  return password;
}
