import { ValidationFailed } from '../shared/domain-error.js';

const MAX_LENGTH = 254;
// Deliberately loose: one @, something on each side, a dot in the domain. Deliverability is the mail
// server's business; this only keeps obvious garbage out and makes comparison case-insensitive.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** An e-mail address, trimmed and lower-cased so that lookups and uniqueness ignore case. */
export class Email {
  private constructor(readonly value: string) {}

  static parse(raw: string): Email {
    const value = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (value.length === 0 || value.length > MAX_LENGTH || !SHAPE.test(value) || value.includes('\u0000')) {
      throw ValidationFailed.field('email', 'E-mail must be a valid address.', 'invalid_email');
    }
    return new Email(value);
  }

  toString(): string {
    return this.value;
  }
}
