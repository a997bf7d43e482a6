import bcrypt from 'bcrypt';
import type { PasswordHasher } from '../../application/ports/password-hasher.js';

const BCRYPT_MAX_BYTES = 72;

/** Async bcrypt: a cost-12 hash takes about a quarter of a second and must not block the event loop. */
export class BcryptPasswordHasher implements PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly cost: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    // bcrypt reads only the first 72 bytes: a longer candidate would match the password it starts with.
    // Registration refuses such passwords, so a longer one can never be right; compare anyway to keep the time.
    const tooLong = Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES;
    const matches = await bcrypt.compare(password, hash);
    return matches && !tooLong;
  }

  async verifyAgainstDummy(password: string): Promise<void> {
    // Same cost as real hashes, so an unknown e-mail takes as long as a wrong password.
    this.dummyHash ??= bcrypt.hash('taskhex-timing-equaliser', this.cost);
    await bcrypt.compare(password, await this.dummyHash);
  }
}
