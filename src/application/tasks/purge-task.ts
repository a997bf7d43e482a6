import { TaskVersionMismatch } from '../../domain/task/task-errors.js';
import type { Actor } from '../actor.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { checkExpectedVersion, loadOwnedTask } from './owned-task.js';
import type { TaskRef } from './soft-delete-task.js';

/** Deletes a task for good, from the trash or straight from the list. */
export class PurgeTask {
  constructor(private readonly tasks: TaskRepository) {}

  async execute(actor: Actor, input: TaskRef): Promise<void> {
    const task = await loadOwnedTask(this.tasks, actor, input.taskId, 'any');
    checkExpectedVersion(task, input.expectedVersion);
    if (!(await this.tasks.delete(task.id, task.version))) {
      const current = await this.tasks.findById(task.id);
      // Someone else purged it first: the outcome the caller wanted already holds.
      if (current) throw new TaskVersionMismatch(task.id, current.version);
    }
  }
}
