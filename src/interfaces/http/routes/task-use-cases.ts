import type { Container } from 'inversify';
import { TOKENS } from '../../../infrastructure/container/tokens.js';

/** The task use cases the routes call, resolved once from the container. */
export function taskUseCases(container: Container) {
  return {
    create: container.get(TOKENS.CreateTask),
    createIdempotently: container.get(TOKENS.CreateTaskIdempotently),
    get: container.get(TOKENS.GetTask),
    list: container.get(TOKENS.ListTasks),
    listTrash: container.get(TOKENS.ListTrash),
    replace: container.get(TOKENS.ReplaceTask),
    update: container.get(TOKENS.UpdateTask),
    toggle: container.get(TOKENS.ToggleTaskCompletion),
    softDelete: container.get(TOKENS.SoftDeleteTask),
    restore: container.get(TOKENS.RestoreTask),
    purge: container.get(TOKENS.PurgeTask),
  };
}

export type TaskUseCases = ReturnType<typeof taskUseCases>;
