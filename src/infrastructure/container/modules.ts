import { ContainerModule } from 'inversify';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../application/ports/clock.js';
import { MikroOrmTaskRepository } from '../persistence/mikro-orm-task-repository.js';
import { MikroOrmUserRepository } from '../persistence/mikro-orm-user-repository.js';
import { PgIdempotencyStore } from '../persistence/pg-idempotency-store.js';

import { CachingUserRepository } from '../persistence/caching-user-repository.js';
import { BcryptPasswordHasher } from '../security/bcrypt-password-hasher.js';
import { HmacCursorCodec } from '../security/hmac-cursor-codec.js';
import { Hs256TokenService } from '../security/hs256-token-service.js';
import { JwksTokenVerifier } from '../security/jwks-token-verifier.js';
import { AlgorithmRoutingTokenVerifier } from '../security/token-verifier.js';
import { SystemClock } from '../system/system-clock.js';
import { UuidGenerator } from '../system/uuid-generator.js';
import type { TaskhexSettings } from './settings.js';
import { TOKENS } from './tokens.js';

export { applicationModule } from './application-module.js';

/**
 * The repositories hold the ORM's global EntityManager, which resolves to the current request's (or
 * transaction's) fork through AsyncLocalStorage; so they are singletons and need no request scope.
 */
/** How long a found user is trusted without asking the database (see CachingUserRepository). */
const USER_CACHE_TTL_MS = 5_000;
const USER_CACHE_MAX_ENTRIES = 10_000;

export const persistenceModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.TaskRepository)
    .toResolvedValue((orm) => new MikroOrmTaskRepository(orm.em as EntityManager), [TOKENS.Orm])
    .inSingletonScope();
  bind(TOKENS.UserRepository)
    .toResolvedValue(
      (orm) =>
        new CachingUserRepository(new MikroOrmUserRepository(orm.em as EntityManager), {
          ttlMs: USER_CACHE_TTL_MS,
          maxEntries: USER_CACHE_MAX_ENTRIES,
        }),
      [TOKENS.Orm],
    )
    .inSingletonScope();
  bind(TOKENS.IdempotencyStore)
    .toResolvedValue((orm) => new PgIdempotencyStore(orm.em as EntityManager), [TOKENS.Orm])
    .inSingletonScope();
});

export const securityModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.PasswordHasher)
    .toResolvedValue((s: TaskhexSettings) => new BcryptPasswordHasher(s.bcryptCost), [TOKENS.Settings])
    .inSingletonScope();
  const hs256 = Symbol('Hs256TokenService');
  bind<Hs256TokenService>(hs256)
    .toResolvedValue(
      (s: TaskhexSettings, clock: Clock) =>
        new Hs256TokenService(
          {
            secret: s.secret,
            expiresInSeconds: s.tokenLifetimeSeconds,
            // With a JWKS front end, JWT_ISSUER/JWT_AUDIENCE describe its tokens, not Taskhex's own; its
            // HS256 cookie cache (no `iss`) then names users at that same issuer.
            issuer: s.jwksUrl ? undefined : s.jwtIssuer,
            audience: s.jwksUrl ? undefined : s.jwtAudience,
            issuerWhenAbsent: s.jwksUrl ? s.jwtIssuer : undefined,
          },
          clock,
        ),
      [TOKENS.Settings, TOKENS.Clock],
    )
    .inSingletonScope();
  bind(TOKENS.TokenIssuer).toService(hs256);
  bind(TOKENS.TokenVerifier)
    .toResolvedValue(
      (s: TaskhexSettings, hs: Hs256TokenService, clock: Clock) =>
        new AlgorithmRoutingTokenVerifier(
          hs,
          s.jwksUrl
            ? new JwksTokenVerifier({ jwksUrl: s.jwksUrl, issuer: s.jwtIssuer, audience: s.jwtAudience }, clock)
            : undefined,
        ),
      [TOKENS.Settings, hs256, TOKENS.Clock],
    )
    .inSingletonScope();
  bind(TOKENS.CursorCodec)
    .toResolvedValue((s: TaskhexSettings) => new HmacCursorCodec(s.secret), [TOKENS.Settings])
    .inSingletonScope();
});

export const systemModule = new ContainerModule(({ bind, isBound }) => {
  if (!isBound(TOKENS.Clock)) bind(TOKENS.Clock).toConstantValue(new SystemClock());
  if (!isBound(TOKENS.IdGenerator)) bind(TOKENS.IdGenerator).toConstantValue(new UuidGenerator());
});
