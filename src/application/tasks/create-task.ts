import type { Priority } from '../../domain/task/priority.js';
import { Task } from '../../domain/task/task.js';
import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { toTaskView, type TaskView } from './task-view.js';

export interface CreateTaskInput {
  readonly title: string;
  readonly description?: string | undefined;
  readonly isCompleted?: boolean | undefined;
  readonly dueAt?: Date | null | undefined;
  readonly priority?: Priority | undefined;
}

export class CreateTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateTaskInput): Promise<TaskView> {
    const task = Task.create({ ...input, id: this.ids.next(), ownerId: actor.userId, now: this.clock.now() });
    await this.tasks.insert(task);
    return toTaskView(task);
  }
}
