// @ts-check
// The host's own logic, written against Taskhex's API only, so the same code runs on PostgreSQL
// (createTaskhex) and in unit tests (createInMemoryTaskhex from taskhex/testing).

/** @typedef {import('taskhex').TaskhexCalls} TaskhexCalls */
/** @typedef {import('taskhex').Actor} Actor */

/**
 * Signs a user up and gives them a starter checklist, all or nothing.
 * @param {import('taskhex').Taskhex} taskhex
 * @param {string} email
 * @returns {Promise<Actor>}
 */
export async function onboard(taskhex, email) {
  return taskhex.transaction(async (tx) => {
    const { user } = await tx.auth.register({ email, password: 'correct horse battery' });
    const actor = { userId: user.id };
    await tx.tasks.create(actor, { title: 'Read the handbook', priority: 'high' });
    await tx.tasks.create(actor, { title: 'Meet the team', due_at: new Date(Date.UTC(2030, 0, 15, 9)) });
    await tx.tasks.create(actor, { title: 'Set up the laptop' });
    return actor;
  });
}

/**
 * Completes every open task whose title mentions `word`; returns the titles it completed.
 * @param {TaskhexCalls} taskhex
 * @param {Actor} actor
 * @param {string} word
 */
export async function completeMatching(taskhex, actor, word) {
  const open = await taskhex.tasks.list(actor, { completed: false, q: word, sort: 'title' });
  const done = [];
  for (const task of open.items) {
    done.push((await taskhex.tasks.setCompletion(actor, task.id, true, { expectedVersion: task.version })).title);
  }
  return done;
}
