// Type-checks a consumer of every entry of the installed package. `IsAny` assertions catch a type that
// silently degraded to `any` (e.g. a declaration naming a package the consumer does not have).
import { createTaskhex, DomainError, TaskForbidden, type Taskhex, type TaskView, type TaskPageView } from 'taskhex';
import { Task, ValidationFailed, PRIORITIES, type Priority } from 'taskhex/domain';
import { createHttpApp, createApp } from 'taskhex/http';
import { createInMemoryTaskhex, FixedClock, InMemoryTaskRepository, type TaskRepository } from 'taskhex/testing';

type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny = <T>(_value: T, _check: IsAny<T> extends false ? true : never): void => {};

export async function consumer(): Promise<void> {
  const taskhex: Taskhex = await createTaskhex({ databaseUrl: 'postgresql://localhost/db', secret: 's'.repeat(32) });
  notAny(taskhex, true);
  const { user } = await taskhex.auth.register({ email: 'a@example.com', password: 'correct horse battery' });
  notAny(user.id, true);
  const task: TaskView = await taskhex.tasks.create({ userId: user.id }, { title: 'x', priority: 'high' });
  const page: TaskPageView = await taskhex.tasks.list({ userId: user.id }, { limit: 10, completed: false });
  notAny(page.items[0]?.dueAt, true);
  const done = await taskhex.transaction(async (tx) => tx.tasks.setCompletion({ userId: user.id }, task.id, true));
  notAny(done.completedAt, true);
  try {
    await taskhex.tasks.get({ userId: user.id }, task.id);
  } catch (error) {
    if (error instanceof TaskForbidden) notAny(error.taskId, true);
    if (error instanceof DomainError) notAny(error.code, true);
  }
  await taskhex.close();

  const p: Priority = PRIORITIES[0];
  notAny(p, true);
  notAny(Task.create, true);
  notAny(new ValidationFailed('x').errors, true);

  const { app, close } = await createHttpApp({ databaseUrl: 'postgresql://localhost/db', secret: 's'.repeat(32) });
  notAny(app, true);
  notAny(app.callback(), true);
  notAny(createApp, true);
  await close();

  const memory = createInMemoryTaskhex({ clock: new FixedClock() });
  notAny(memory.tasksStore.all(), true);
  const repo: TaskRepository = new InMemoryTaskRepository();
  notAny(repo, true);
}
