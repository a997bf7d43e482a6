import type { TaskEdits } from '../../domain/task/task.js';
import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { changeOwnedTask } from './owned-task.js';
import { toTaskView, type TaskView } from './task-view.js';

export interface UpdateTaskInput {
  readonly taskId: string;
  /** If-Match: the version the caller last saw. */
  readonly expectedVersion?: number | undefined;
  readonly changes: TaskEdits;
}

/** Partial update: only the given fields change. */
export class UpdateTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: UpdateTaskInput): Promise<TaskView> {
    const task = await changeOwnedTask(this.tasks, actor, input, 'active', (t) => t.edit(input.changes, this.clock.now()));
    return toTaskView(task);
  }
}
