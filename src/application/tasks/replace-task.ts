import type { Priority } from '../../domain/task/priority.js';
import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { checkExpectedVersion, loadOwnedTask, saveChange } from './owned-task.js';
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
    const task = await loadOwnedTask(this.tasks, actor, input.taskId);
    checkExpectedVersion(task, input.expectedVersion);
    const loadedVersion = task.version;
    const changed = task.edit(
      {
        title: input.title,
        description: input.description ?? '',
        isCompleted: input.isCompleted ?? false,
        dueAt: input.dueAt ?? null,
        priority: input.priority ?? 'normal',
      },
      this.clock.now(),
    );
    if (changed) await saveChange(this.tasks, task, loadedVersion);
    return toTaskView(task);
  }
}
