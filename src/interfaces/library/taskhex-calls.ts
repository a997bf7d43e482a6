import type { Container } from 'inversify';
import type { Actor } from '../../application/actor.js';
import type { ResolvedActor } from '../../application/auth/resolve-actor.js';
import type { SessionView, UserView } from '../../application/auth/user-view.js';
import type { TaskPageView, TaskView } from '../../application/tasks/task-view.js';
import { Unauthenticated } from '../../domain/user/user-errors.js';
import { TOKENS } from '../../infrastructure/container/tokens.js';
import { loginBody, registerBody } from '../schemas/auth-schemas.js';
import { parseInput } from '../schemas/field-problems.js';
import {
  completeTaskBody,
  createTaskBody,
  listTasksQuery,
  replaceTaskBody,
  taskIdParams,
  toCreateInput,
  toListInput,
  toUpdateChanges,
  updateTaskBody,
} from '../schemas/task-schemas.js';
import {
  asJsonBody,
  asQuery,
  parseActor,
  parseConditions,
  type Conditions,
  type LogInBody,
  type RegisterBody,
  type TaskBody,
  type TaskChanges,
  type TaskListQuery,
} from './inputs.js';

/** Runs one call as a unit of work: in a request context, or joined to the current transaction. */
export type UnitOfWork = <T>(work: () => Promise<T>) => Promise<T>;

export interface AuthCalls {
  register(body: RegisterBody): Promise<SessionView>;
  logIn(body: LogInBody): Promise<SessionView>;
  me(actor: Actor): Promise<UserView>;
  /** The user's tasks go with the account. */
  deleteAccount(actor: Actor): Promise<void>;
}

export interface TaskCalls {
  /**
   * With an idempotency key (as HTTP's `Idempotency-Key`): the same key and body within 24 h return the
   * first task and create nothing; the same key with another body is an IdempotencyKeyReused (`conflict`).
   */
  create(actor: Actor, body: TaskBody, options?: { readonly idempotencyKey?: string | undefined }): Promise<TaskView>;
  get(actor: Actor, taskId: string): Promise<TaskView>;
  list(actor: Actor, query?: TaskListQuery): Promise<TaskPageView>;
  listTrash(actor: Actor, query?: TaskListQuery): Promise<TaskPageView>;
  /** PUT: a full replace; fields left out take their defaults. */
  replace(actor: Actor, taskId: string, body: TaskBody, conditions?: Conditions): Promise<TaskView>;
  /** PATCH: only the given fields change. */
  update(actor: Actor, taskId: string, changes: TaskChanges, conditions?: Conditions): Promise<TaskView>;
  /** Sets completion (safe to retry). */
  setCompletion(actor: Actor, taskId: string, isCompleted: boolean, conditions?: Conditions): Promise<TaskView>;
  toggleCompletion(actor: Actor, taskId: string, conditions?: Conditions): Promise<TaskView>;
  /** To the trash. */
  softDelete(actor: Actor, taskId: string, conditions?: Conditions): Promise<void>;
  restore(actor: Actor, taskId: string, conditions?: Conditions): Promise<TaskView>;
  /** Deletes for good, from the trash or straight from the list. */
  purge(actor: Actor, taskId: string, conditions?: Conditions): Promise<void>;
}

/** The calls a host makes; the same set inside a transaction. */
export interface TaskhexCalls {
  readonly auth: AuthCalls;
  readonly tasks: TaskCalls;
  /** Verifies a token (Taskhex's own, or a front end's) and resolves the acting user, as HTTP does. */
  actorFromToken(token: string): Promise<ResolvedActor>;
}

const taskId = (id: unknown) => parseInput(taskIdParams, { id }, 'The task id is not valid.').id;

/**
 * The use cases from the container as typed functions. Each call validates its input with the HTTP
 * schemas before it touches the unit of work, then runs the use case inside it.
 */
export function taskhexCalls(container: Container, unitOfWork: UnitOfWork): TaskhexCalls {
  const register = container.get(TOKENS.RegisterUser);
  const logIn = container.get(TOKENS.LogIn);
  const currentUser = container.get(TOKENS.GetCurrentUser);
  const deleteAccount = container.get(TOKENS.DeleteAccount);
  const verifier = container.get(TOKENS.TokenVerifier);
  const resolveActor = container.get(TOKENS.ResolveActor);
  const create = container.get(TOKENS.CreateTask);
  const createIdempotently = container.get(TOKENS.CreateTaskIdempotently);
  const get = container.get(TOKENS.GetTask);
  const list = container.get(TOKENS.ListTasks);
  const listTrash = container.get(TOKENS.ListTrash);
  const replace = container.get(TOKENS.ReplaceTask);
  const update = container.get(TOKENS.UpdateTask);
  const toggle = container.get(TOKENS.ToggleTaskCompletion);
  const softDelete = container.get(TOKENS.SoftDeleteTask);
  const restore = container.get(TOKENS.RestoreTask);
  const purge = container.get(TOKENS.PurgeTask);
  const run = unitOfWork;

  const ref = (id: string, conditions: Conditions | undefined) => ({
    taskId: taskId(id),
    expectedVersion: parseConditions(conditions),
  });

  return {
    auth: {
      register: async (body) => {
        const input = parseInput(registerBody, body);
        return run(() => register.execute(input));
      },
      logIn: async (body) => {
        const input = parseInput(loginBody, body);
        return run(() => logIn.execute(input));
      },
      me: async (actor) => {
        const a = parseActor(actor);
        return run(() => currentUser.execute(a));
      },
      deleteAccount: async (actor) => {
        const a = parseActor(actor);
        return run(() => deleteAccount.execute(a));
      },
    },
    tasks: {
      create: async (actor, body, options) => {
        const a = parseActor(actor);
        const input = toCreateInput(parseInput(createTaskBody, asJsonBody(body)));
        const key = options?.idempotencyKey;
        if (key === undefined) return run(() => create.execute(a, input));
        return run(async () => (await createIdempotently.execute(a, { idempotencyKey: key, task: input })).task);
      },
      get: async (actor, id) => {
        const a = parseActor(actor);
        const input = { taskId: taskId(id) };
        return run(() => get.execute(a, input));
      },
      list: async (actor, query) => {
        const a = parseActor(actor);
        const input = toListInput(parseInput(listTasksQuery, asQuery(query)));
        return run(() => list.execute(a, input));
      },
      listTrash: async (actor, query) => {
        const a = parseActor(actor);
        const input = toListInput(parseInput(listTasksQuery, asQuery(query)));
        return run(() => listTrash.execute(a, input));
      },
      replace: async (actor, id, body, conditions) => {
        const a = parseActor(actor);
        const input = { ...ref(id, conditions), ...toCreateInput(parseInput(replaceTaskBody, asJsonBody(body))) };
        return run(() => replace.execute(a, input));
      },
      update: async (actor, id, changes, conditions) => {
        const a = parseActor(actor);
        const input = { ...ref(id, conditions), changes: toUpdateChanges(parseInput(updateTaskBody, asJsonBody(changes))) };
        return run(() => update.execute(a, input));
      },
      setCompletion: async (actor, id, isCompleted, conditions) => {
        const a = parseActor(actor);
        const { is_completed } = parseInput(completeTaskBody, { is_completed: isCompleted });
        const input = { ...ref(id, conditions), isCompleted: is_completed };
        return run(() => toggle.execute(a, input));
      },
      toggleCompletion: async (actor, id, conditions) => {
        const a = parseActor(actor);
        const input = ref(id, conditions);
        return run(() => toggle.execute(a, input));
      },
      softDelete: async (actor, id, conditions) => {
        const a = parseActor(actor);
        const input = ref(id, conditions);
        return run(() => softDelete.execute(a, input));
      },
      restore: async (actor, id, conditions) => {
        const a = parseActor(actor);
        const input = ref(id, conditions);
        return run(() => restore.execute(a, input));
      },
      purge: async (actor, id, conditions) => {
        const a = parseActor(actor);
        const input = ref(id, conditions);
        return run(() => purge.execute(a, input));
      },
    },
    actorFromToken: async (token) => {
      if (typeof token !== 'string' || token.length === 0) {
        throw new Unauthenticated('Authentication is required.');
      }
      return run(async () => resolveActor.execute(await verifier.verify(token)));
    },
  };
}
