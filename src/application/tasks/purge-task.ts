import { TaskVersionMismatch } from '../../domain/task/task-errors.js';
import type { Actor } from '../actor.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { checkExpectedVersion, loadOwnedTask } from './owned-task.js';
import type { TaskRef } from './soft-delete-task.js';

/** Deletes a task for good, from the trash or straight from the list. */
export class PurgeTask {
  constructor(private readonly tasks: TaskRepository) {}

  async execute(actor: Actor, input: TaskRef): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const task = await loadOwnedTask(this.tasks, actor, input.taskId, 'any');
      checkExpectedVersion(task, input.expectedVersion);
      if (await this.tasks.delete(task.id, task.version)) return;
      const current = await this.tasks.findById(task.id);
      // Someone else purged it first: the outcome the caller wanted already holds.
      if (!current) return;
      // Without If-Match the caller stated no precondition: a concurrent edit does not stop the purge.
      if (input.expectedVersion !== undefined || attempt >= 5) throw new TaskVersionMismatch(task.id, current.version);
    }
  }
}
