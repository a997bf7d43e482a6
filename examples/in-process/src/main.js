// @ts-check
// The service: Taskhex in-process against DATABASE_URL (migrated on start).
import { createTaskhex, DomainError } from 'taskhex';
import { completeMatching, onboard } from './planner.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL database (npm run examples in the Taskhex repo makes one).');
  process.exit(1);
}

const taskhex = await createTaskhex({ databaseUrl, secret: 'example-secret-0123456789abcdef01234567', bcryptCost: 4 });
try {
  const ada = await onboard(taskhex, `ada-${Date.now()}@example.com`);
  const completed = await completeMatching(taskhex, ada, 'team');
  const page = await taskhex.tasks.list(ada, { sort: 'title' });
  for (const t of page.items) console.log(`${t.isCompleted ? '[x]' : '[ ]'} ${t.title}`);
  console.log(`completed: ${completed.join(', ')}`);

  // Errors carry the same code as the HTTP problem bodies.
  const someoneElse = await onboard(taskhex, `bob-${Date.now()}@example.com`);
  try {
    await taskhex.tasks.get(someoneElse, page.items[0]?.id ?? '');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.log(`another user's task: ${error.code}`);
  }
} finally {
  await taskhex.close();
}
