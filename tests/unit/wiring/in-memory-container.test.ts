import { expect, test } from '@jest/globals';
import { TaskForbidden, TaskNotFound } from '../../../src/domain/task/task-errors.js';
import { TOKENS } from '../../../src/infrastructure/container/tokens.js';
import { FixedClock } from '../../../src/testing/fakes.js';
import { buildInMemoryContainer } from '../../../src/testing/in-memory-container.js';

test('the production applicationModule runs a whole scenario on in-memory fakes, with no database', async () => {
  const clock = new FixedClock();
  const { container, tasksStore, tokens } = buildInMemoryContainer({ clock });

  const ada = await container.get(TOKENS.RegisterUser).execute({ email: 'ada@example.com', password: 'correct horse battery' });
  const bob = await container.get(TOKENS.RegisterUser).execute({ email: 'bob@example.com', password: 'correct horse battery' });
  const session = await container.get(TOKENS.LogIn).execute({ email: 'ADA@example.com', password: 'correct horse battery' });
  const actor = await container.get(TOKENS.ResolveActor).execute(await tokens.verify(session.accessToken));
  expect(actor.userId).toBe(ada.user.id);

  const created = await container.get(TOKENS.CreateTask).execute(actor, { title: 'Buy milk' });
  clock.advance(1000);
  await container.get(TOKENS.CreateTask).execute(actor, { title: 'Walk the dog' });
  await container.get(TOKENS.UpdateTask).execute(actor, { taskId: created.id, changes: { priority: 'high' } });
  const done = await container.get(TOKENS.ToggleTaskCompletion).execute(actor, { taskId: created.id });
  expect(done).toMatchObject({ isCompleted: true, priority: 'high', version: 3 });

  const page = await container.get(TOKENS.ListTasks).execute(actor, {});
  expect(page.items.map((t) => t.title)).toEqual(['Walk the dog', 'Buy milk']);
  await expect(container.get(TOKENS.GetTask).execute({ userId: bob.user.id }, { taskId: created.id })).rejects.toThrow(TaskForbidden);

  await container.get(TOKENS.SoftDeleteTask).execute(actor, { taskId: created.id });
  expect((await container.get(TOKENS.ListTrash).execute(actor, {})).items.map((t) => t.id)).toEqual([created.id]);
  await container.get(TOKENS.RestoreTask).execute(actor, { taskId: created.id });
  await container.get(TOKENS.PurgeTask).execute(actor, { taskId: created.id });
  await expect(container.get(TOKENS.GetTask).execute(actor, { taskId: created.id })).rejects.toThrow(TaskNotFound);

  expect(tasksStore.all().map((t) => t.title)).toEqual(['Walk the dog']);
});

test('use cases are singletons sharing the same fakes', () => {
  const { container } = buildInMemoryContainer();
  expect(container.get(TOKENS.CreateTask)).toBe(container.get(TOKENS.CreateTask));
  expect(container.get(TOKENS.ListTasks)).not.toBe(container.get(TOKENS.ListTrash));
});

test('auto-provisioning follows the settings bound in the container', async () => {
  const { container } = buildInMemoryContainer({ autoProvision: true });
  const actor = await container
    .get(TOKENS.ResolveActor)
    .execute({ via: 'jwks', issuer: 'https://fe.example.com', subject: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY' });
  await expect(container.get(TOKENS.GetCurrentUser).execute(actor)).resolves.toMatchObject({ id: actor.userId });
});
