import bcrypt from 'bcrypt';
import type { PasswordHasher } from '../../application/ports/password-hasher.js';

/** Async bcrypt: a cost-12 hash takes about a quarter of a second and must not block the event loop. */
export class BcryptPasswordHasher implements PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly cost: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  async verifyAgainstDummy(password: string): Promise<void> {
    // Same cost as real hashes, so an unknown e-mail takes as long as a wrong password.
    this.dummyHash ??= bcrypt.hash('taskhex-timing-equaliser', this.cost);
    await bcrypt.compare(password, await this.dummyHash);
  }
}
