// The MikroORM CLI config (npx mikro-orm …). The application itself builds the same options through
// ormOptions(); migrations are TypeScript files under src/infrastructure/persistence/migrations.
import { ormOptions } from './src/infrastructure/persistence/orm-options.js';

export default ormOptions({
  clientUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/taskhex',
});
