// ESLint flat config: typescript-eslint's recommended rules, plus the layer rule of the architecture:
// src/domain imports only itself; src/application only the domain and its own ports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outward = ['**/infrastructure/**', '**/interfaces/**'];
const frameworks = ['koa', '@koa/*', '@mikro-orm/*', 'inversify', 'jsonwebtoken', 'jose', 'bcrypt', 'pg', 'ioredis', 'pino'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/**/node_modules/', '.data/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', TextEncoder: 'readonly', fetch: 'readonly', performance: 'readonly', structuredClone: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // A `let` assigned once later (read first by a closure) is not a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...outward, '**/application/**', ...frameworks, 'zod', 'node:*'], message: 'src/domain imports only src/domain.' }] }],
    },
  },
  {
    files: ['src/application/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...outward, ...frameworks], message: 'src/application imports only src/domain and its own ports.' }] }],
    },
  },
);
