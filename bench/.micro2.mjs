import { openOrm } from '/work/main/dist/src/infrastructure/database/open-orm.js';
import { Task } from '/work/main/dist/src/domain/task/task.js';
import { loadedEntity } from '/work/main/dist/src/infrastructure/persistence/loaded-entity.js';
import { toTaskView } from '/work/main/dist/src/application/tasks/task-view.js';
const orm = await openOrm({ url: 'postgresql://postgres@127.0.0.1:5432/taskhex_bench', pool: { min: 1, max: 2 }, migrate: false });
const now = new Date();
const fields = () => ({ id: '0b8f7c1e-1111-4222-8333-944444444444', ownerId: '0b8f7c1e-1111-4222-8333-944444444445', title: 'x', description: '', isCompleted: false, completedAt: null, dueAt: null, priority: 'normal', version: 1, createdAt: now, updatedAt: now, deletedAt: null });
for (const [name, fn] of [['load+view', () => toTaskView(loadedEntity(Task, fields()))], ['create', () => Task.create({ id: 'a', ownerId: 'b', title: 't', now })]]) {
  for (let i = 0; i < 50000; i++) fn();
  const t0 = process.hrtime.bigint(); const N = 200000; for (let i = 0; i < N; i++) fn();
  console.log(name, (Number(process.hrtime.bigint() - t0) / N / 1000).toFixed(2), 'µs');
}
await orm.close();
