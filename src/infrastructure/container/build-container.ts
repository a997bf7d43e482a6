import { Container } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../application/ports/clock.js';
import type { IdGenerator } from '../../application/ports/id-generator.js';
import { applicationModule, persistenceModule, securityModule, systemModule } from './modules.js';
import type { TaskhexSettings } from './settings.js';
import { TOKENS } from './tokens.js';

export interface ContainerInput {
  readonly orm: MikroORM;
  readonly settings: TaskhexSettings;
  readonly clock?: Clock | undefined;
  readonly ids?: IdGenerator | undefined;
}

/** The composition root: the only place that knows which adapter serves which port. */
export function buildContainer(input: ContainerInput): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Orm).toConstantValue(input.orm);
  container.bind(TOKENS.Settings).toConstantValue(input.settings);
  if (input.clock) container.bind(TOKENS.Clock).toConstantValue(input.clock);
  if (input.ids) container.bind(TOKENS.IdGenerator).toConstantValue(input.ids);
  container.load(persistenceModule, securityModule, systemModule, applicationModule);
  return container;
}
