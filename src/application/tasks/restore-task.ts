import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { changeOwnedTask } from './owned-task.js';
import type { TaskRef } from './soft-delete-task.js';
import { toTaskView, type TaskView } from './task-view.js';

/** Brings a task back from the trash. */
export class RestoreTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: TaskRef): Promise<TaskView> {
    const task = await changeOwnedTask(this.tasks, actor, input, 'trashed', (t) => t.restore(this.clock.now()));
    return toTaskView(task);
  }
}
