import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { pino } from 'pino';
import supertest from 'supertest';
import { createHttpApp } from '../../src/http.js';
import { TEST_SECRET } from '../support/http-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

test('createHttpApp builds the HTTP API from the library options', async () => {
  const { app, close } = await createHttpApp({ orm: db.orm, secret: TEST_SECRET, bcryptCost: 4, logger: pino({ level: 'silent' }) });
  const http = supertest(app.callback());
  const reg = await http.post('/api/v1/auth/register').send({ email: 'host@example.com', password: 'correct horse battery' });
  expect(reg.status).toBe(201);
  const created = await http.post('/api/v1/tasks').set('Authorization', `Bearer ${reg.body.access_token}`).send({ title: 'Mounted' });
  expect(created.status).toBe(201);
  await close();
});
