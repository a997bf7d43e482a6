import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000Initial } from './Migration20261123000000Initial.js';
import { Migration20261123000100TaskPlanning } from './Migration20261123000100TaskPlanning.js';
import { Migration20261124000000IdempotencyKeys } from './Migration20261124000000IdempotencyKeys.js';
import { Migration20261125000000TaskCounts } from './Migration20261125000000TaskCounts.js';

/**
 * Every migration, in order. Listed explicitly rather than found by globbing a folder, so the same
 * list runs from src/ under Jest and from dist/ after a build. `npm run migration:create` writes a new
 * file from the mapping diff; add it here.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123000000Initial', class: Migration20261123000000Initial },
  { name: 'Migration20261123000100TaskPlanning', class: Migration20261123000100TaskPlanning },
  { name: 'Migration20261124000000IdempotencyKeys', class: Migration20261124000000IdempotencyKeys },
  { name: 'Migration20261125000000TaskCounts', class: Migration20261125000000TaskCounts },
];
