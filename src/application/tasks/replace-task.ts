import type { Priority } from '../../domain/task/priority.js';
import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { changeOwnedTask } from './owned-task.js';
import { toTaskView, type TaskView } from './task-view.js';

export interface ReplaceTaskInput {
  readonly taskId: string;
  readonly expectedVersion?: number | undefined;
  readonly title: string;
  readonly description?: string | undefined;
  readonly isCompleted?: boolean | undefined;
  readonly dueAt?: Date | null | undefined;
  readonly priority?: Priority | undefined;
}

/** Full replace of the editable fields: whatever is left out goes back to its default. */
export class ReplaceTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: ReplaceTaskInput): Promise<TaskView> {
    const replacement = {
      title: input.title,
      description: input.description ?? '',
      isCompleted: input.isCompleted ?? false,
      dueAt: input.dueAt ?? null,
      priority: input.priority ?? 'normal',
    };
    const task = await changeOwnedTask(this.tasks, actor, input, 'active', (t) => t.edit(replacement, this.clock.now()));
    return toTaskView(task);
  }
}
