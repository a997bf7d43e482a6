import { availableParallelism } from 'node:os';
import bcrypt from 'bcrypt';
import type { PasswordHasher } from '../../application/ports/password-hasher.js';

const BCRYPT_MAX_BYTES = 72;

/**
 * Async bcrypt: a cost-12 hash takes about a quarter of a second and must not block the event loop.
 * It runs on libuv's pool (4 threads by default), so a burst of logins could take every core from the
 * requests that need none; at most `maxConcurrent` hashes run at once (default: all cores but one),
 * the rest wait their turn. Logins queue; everything else keeps its latency.
 */
export class BcryptPasswordHasher implements PasswordHasher {
  private dummyHash: Promise<string> | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly cost: number,
    private readonly maxConcurrent = Math.max(1, availableParallelism() - 1),
  ) {}

  hash(password: string): Promise<string> {
    return this.limited(() => bcrypt.hash(password, this.cost));
  }

  async verify(password: string, hash: string): Promise<boolean> {
    // bcrypt reads only the first 72 bytes: a longer candidate would match the password it starts with.
    // Registration refuses such passwords, so a longer one can never be right; compare anyway to keep the time.
    const tooLong = Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES;
    const matches = await this.limited(() => bcrypt.compare(password, hash));
    return matches && !tooLong;
  }

  async verifyAgainstDummy(password: string): Promise<void> {
    // Same cost and the same queue as real hashes, so an unknown e-mail takes as long as a wrong password.
    this.dummyHash ??= this.hash('taskhex-timing-equaliser');
    const dummy = await this.dummyHash;
    await this.limited(() => bcrypt.compare(password, dummy));
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    while (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
