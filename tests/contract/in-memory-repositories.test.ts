import { randomUUID } from 'node:crypto';
import { InMemoryTaskRepository } from '../../src/testing/in-memory-task-repository.js';
import { InMemoryUserRepository } from '../../src/testing/in-memory-user-repository.js';
import { taskRepositoryContract } from './task-repository.contract.js';
import { userRepositoryContract } from './user-repository.contract.js';

taskRepositoryContract('in-memory', () => ({
  tasks: new InMemoryTaskRepository(),
  createOwner: async () => randomUUID(),
  reset: async () => {},
}));

userRepositoryContract('in-memory', () => ({ users: new InMemoryUserRepository(), reset: async () => {} }));
