import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { changeOwnedTask } from './owned-task.js';

export interface TaskRef {
  readonly taskId: string;
  readonly expectedVersion?: number | undefined;
}

/** Moves a task to the trash, where it can be restored until it is purged. */
export class SoftDeleteTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: TaskRef): Promise<void> {
    await changeOwnedTask(this.tasks, actor, input, 'active', (t) => t.softDelete(this.clock.now()));
  }
}
