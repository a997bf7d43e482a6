import type { Config } from '../config/config.js';
import type { TaskhexSettings } from './settings.js';

export function settingsFromConfig(config: Config, secret: string): TaskhexSettings {
  return {
    secret,
    tokenLifetimeSeconds: config.auth.expiresInSeconds,
    jwtIssuer: config.auth.issuer,
    jwtAudience: config.auth.audience,
    jwksUrl: config.auth.jwksUrl,
    autoProvision: config.auth.autoProvision,
    bcryptCost: config.auth.bcryptCost,
    trashRetentionDays: config.trashRetentionDays,
  };
}
