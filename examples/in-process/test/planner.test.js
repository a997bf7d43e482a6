// @ts-check
// A host's unit test: its own logic on Taskhex's in-memory kit, no database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInMemoryTaskhex } from 'taskhex/testing';
import { completeMatching, onboard } from '../src/planner.js';

test('onboarding creates the checklist, and completing by word completes only matching open tasks', async () => {
  const taskhex = createInMemoryTaskhex();
  const ada = await onboard(taskhex, 'ada@example.com');
  assert.deepEqual(await completeMatching(taskhex, ada, 'the'), ['Meet the team', 'Read the handbook', 'Set up the laptop']);
  const open = await taskhex.tasks.list(ada, { completed: false });
  assert.equal(open.total, 0);
});

test('onboarding is all or nothing: a taken e-mail leaves no tasks behind', async () => {
  const taskhex = createInMemoryTaskhex();
  await onboard(taskhex, 'ada@example.com');
  await assert.rejects(onboard(taskhex, 'ADA@example.com'), { code: 'conflict' });
  assert.equal(taskhex.tasksStore.all().length, 3);
});

test("another user's task is forbidden in-process too", async () => {
  const taskhex = createInMemoryTaskhex();
  const ada = await onboard(taskhex, 'ada@example.com');
  const bob = await onboard(taskhex, 'bob@example.com');
  const [adas] = (await taskhex.tasks.list(ada)).items;
  assert.ok(adas);
  await assert.rejects(taskhex.tasks.get(bob, adas.id), { code: 'forbidden' });
});
