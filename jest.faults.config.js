// The fault suite (npm run test:faults): real Taskhex processes against throwaway PostgreSQL and Redis.
// Scenarios run one at a time so load stays bounded; each file starts and stops its own processes.
import { swc } from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  roots: ['<rootDir>/faults'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/faults/support/global-setup.mjs',
  globalTeardown: '<rootDir>/faults/support/global-teardown.mjs',
  testTimeout: 120000,
  maxWorkers: 1,
  // A scenario's child processes are awaited, but Node's fetch keeps sockets alive briefly after.
  forceExit: true,
};
