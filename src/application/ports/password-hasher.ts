export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Burns the time of one verification; used when the e-mail is unknown so both failures take as long. */
  verifyAgainstDummy(password: string): Promise<void>;
}
