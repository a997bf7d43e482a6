import type { Actor } from '../actor.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { loadOwnedTask } from './owned-task.js';
import { toTaskView, type TaskView } from './task-view.js';

export interface GetTaskInput {
  readonly taskId: string;
}

export class GetTask {
  constructor(private readonly tasks: TaskRepository) {}

  async execute(actor: Actor, input: GetTaskInput): Promise<TaskView> {
    return toTaskView(await loadOwnedTask(this.tasks, actor, input.taskId));
  }
}
