import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { changeOwnedTask } from './owned-task.js';
import { toTaskView, type TaskView } from './task-view.js';

export interface ToggleTaskCompletionInput {
  readonly taskId: string;
  readonly expectedVersion?: number | undefined;
  /** Given: set to this value (safe to retry). Absent: flip the current state. */
  readonly isCompleted?: boolean | undefined;
}

export class ToggleTaskCompletion {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: ToggleTaskCompletionInput): Promise<TaskView> {
    const task = await changeOwnedTask(this.tasks, actor, input, 'active', (t) =>
      t.setCompleted(input.isCompleted ?? !t.isCompleted, this.clock.now()),
    );
    return toTaskView(task);
  }
}
