import type { SessionView, UserView } from '../../application/auth/user-view.js';
import type { TaskView } from '../../application/tasks/task-view.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export interface TaskJson {
  id: string;
  user_id: string;
  title: string;
  description: string;
  is_completed: boolean;
  completed_at: string | null;
  due_at: string | null;
  priority: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at?: string | null;
}

/** The contract's task body. `deleted_at` only where it means something: trash and sync views. */
export function taskJson(task: TaskView, withDeletedAt = false): TaskJson {
  const json: TaskJson = {
    id: task.id,
    user_id: task.ownerId,
    title: task.title,
    description: task.description,
    is_completed: task.isCompleted,
    completed_at: iso(task.completedAt),
    due_at: iso(task.dueAt),
    priority: task.priority,
    version: task.version,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
  };
  if (withDeletedAt) json.deleted_at = iso(task.deletedAt);
  return json;
}

export function userJson(user: UserView) {
  return { id: user.id, email: user.email, name: user.name, created_at: user.createdAt.toISOString() };
}

export function sessionJson(session: SessionView) {
  return {
    user: userJson(session.user),
    access_token: session.accessToken,
    token_type: session.tokenType,
    expires_in: session.expiresIn,
  };
}

export const etagOf = (task: TaskView) => `"${task.version}"`;
