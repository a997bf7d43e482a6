import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, test } from '@jest/globals';
import type { UserRepository } from '../../src/application/ports/user-repository.js';
import { Email } from '../../src/domain/user/email.js';
import { Identity } from '../../src/domain/user/identity.js';
import { EmailAlreadyRegistered } from '../../src/domain/user/user-errors.js';
import { User } from '../../src/domain/user/user.js';

export interface UserRepositorySubject {
  readonly users: UserRepository;
  reset(): Promise<void>;
}

const NOW = new Date('2026-03-01T12:00:00.000Z');

const registered = (email: string, name: string | null = null) =>
  User.register({ id: randomUUID(), email: Email.parse(email), name, passwordHash: '$2b$04$hash', now: NOW });
const provisioned = (email: string | null = null) =>
  User.provision({ id: randomUUID(), email: email ? Email.parse(email) : null, name: 'From the front end', now: NOW });
const link = (user: User, subject: string, issuer = 'https://app.example.com') =>
  Identity.link({ issuer, subject, userId: user.id, now: NOW });

export function userRepositoryContract(name: string, subject: () => UserRepositorySubject): void {
  describe(`UserRepository contract: ${name}`, () => {
    let s: UserRepositorySubject;
    beforeEach(async () => {
      s = subject();
      await s.reset();
    });

    test('a registered user reads back by id and by e-mail', async () => {
      const user = registered('ada@example.com', 'Ada');
      await s.users.insert(user);
      expect({ ...(await s.users.findById(user.id)) }).toEqual({ ...user });
      expect((await s.users.findByEmail('ada@example.com'))?.id).toBe(user.id);
    });

    test('unknown ids, non-UUID ids and unknown e-mails find nobody', async () => {
      expect(await s.users.findById(randomUUID())).toBeNull();
      expect(await s.users.findById('aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY')).toBeNull();
      expect(await s.users.findByEmail('nobody@example.com')).toBeNull();
    });

    test('a second registration with the same e-mail is EmailAlreadyRegistered and stores nothing', async () => {
      await s.users.insert(registered('ada@example.com'));
      const again = registered('ada@example.com');
      await expect(s.users.insert(again)).rejects.toThrow(EmailAlreadyRegistered);
      expect(await s.users.findById(again.id)).toBeNull();
    });

    test('two concurrent registrations of one e-mail: exactly one wins', async () => {
      const results = await Promise.allSettled([1, 2, 3].map(() => s.users.insert(registered('race@example.com'))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(EmailAlreadyRegistered);
      }
    });

    test('a provisioned user may share an e-mail with a registered one; login lookup finds the registered one', async () => {
      const p = provisioned('ada@example.com');
      await s.users.provision(p, link(p, 'sub-1'));
      const r = registered('ada@example.com');
      await s.users.insert(r);
      expect((await s.users.findByEmail('ada@example.com'))?.id).toBe(r.id);
    });

    test('delete removes the user and their identities', async () => {
      const p = provisioned();
      await s.users.provision(p, link(p, 'sub-del'));
      await s.users.delete(p.id);
      expect(await s.users.findById(p.id)).toBeNull();
      expect(await s.users.findByIdentity('https://app.example.com', 'sub-del')).toBeNull();
      await expect(s.users.delete('not-a-uuid')).resolves.toBeUndefined();
    });

    test('provision creates the user and its identity; a second provision of that identity creates nothing', async () => {
      const first = provisioned();
      const subject = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY';
      expect((await s.users.provision(first, link(first, subject))).id).toBe(first.id);
      const second = provisioned();
      expect((await s.users.provision(second, link(second, subject))).id).toBe(first.id);
      expect(await s.users.findById(second.id)).toBeNull();
      expect((await s.users.findByIdentity('https://app.example.com', subject))?.id).toBe(first.id);
    });

    test('subjects are opaque text: UUID-looking, long and odd ones, per issuer', async () => {
      const subjects = [randomUUID(), 's'.repeat(255), "o'brien; drop table users", 'ünïcødé-主题'];
      for (const subject of subjects) {
        const u = provisioned();
        await s.users.provision(u, link(u, subject));
        expect((await s.users.findByIdentity('https://app.example.com', subject))?.id).toBe(u.id);
        expect(await s.users.findByIdentity('https://other.example.com', subject)).toBeNull();
      }
    });

    test('concurrent provisioning of one identity creates exactly one user', async () => {
      const candidates = Array.from({ length: 6 }, () => provisioned());
      const owners = await Promise.all(candidates.map((u) => s.users.provision(u, link(u, 'racing-subject'))));
      expect(new Set(owners.map((o) => o.id)).size).toBe(1);
      const survivors = (await Promise.all(candidates.map((u) => s.users.findById(u.id)))).filter((u) => u !== null);
      expect(survivors.map((u) => u!.id)).toEqual([owners[0]!.id]);
    });
  });
}
