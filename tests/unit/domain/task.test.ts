import { describe, expect, test } from '@jest/globals';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';
import { Task, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH } from '../../../src/domain/task/task.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const ID = '00000000-0000-4000-8000-000000000001';
const OWNER = '00000000-0000-4000-8000-0000000000aa';

const newTask = (extra: Partial<Parameters<typeof Task.create>[0]> = {}) =>
  Task.create({ id: ID, ownerId: OWNER, title: 'Buy milk', now: T0, ...extra });

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors[0]?.path;
    throw error;
  }
  return undefined;
}

describe('Task.create', () => {
  test('starts open, normal priority, version 1, with both timestamps at creation', () => {
    const task = newTask();
    expect(task).toMatchObject({
      id: ID,
      ownerId: OWNER,
      title: 'Buy milk',
      description: '',
      isCompleted: false,
      completedAt: null,
      dueAt: null,
      priority: 'normal',
      version: 1,
      deletedAt: null,
    });
    expect(task.createdAt).toEqual(T0);
    expect(task.updatedAt).toEqual(T0);
  });

  test('trims the title', () => {
    expect(newTask({ title: '  \t Buy milk \n' }).title).toBe('Buy milk');
  });

  test.each(['', '   ', '\n\t'])('refuses an empty title %j', (title) => {
    expect(fieldOf(() => newTask({ title }))).toBe('title');
  });

  test('accepts 500 code points, counting an astral emoji as one', () => {
    expect(newTask({ title: 'a'.repeat(TITLE_MAX_LENGTH) }).title).toHaveLength(500);
    const emoji = '😀'.repeat(TITLE_MAX_LENGTH); // 1000 UTF-16 units, 500 code points
    expect(newTask({ title: emoji }).title).toBe(emoji);
  });

  test('refuses 501 code points, also when padded by spaces that trimming keeps out', () => {
    expect(fieldOf(() => newTask({ title: 'a'.repeat(TITLE_MAX_LENGTH + 1) }))).toBe('title');
    expect(fieldOf(() => newTask({ title: '😀'.repeat(TITLE_MAX_LENGTH + 1) }))).toBe('title');
    expect(newTask({ title: `  ${'a'.repeat(TITLE_MAX_LENGTH)}  ` }).title).toHaveLength(500);
  });

  test('refuses NUL characters in title and description', () => {
    expect(fieldOf(() => newTask({ title: 'a\u0000b' }))).toBe('title');
    expect(fieldOf(() => newTask({ description: 'a\u0000b' }))).toBe('description');
  });

  test('description: up to 5000 code points, kept as given', () => {
    expect(newTask({ description: '  x  ' }).description).toBe('  x  ');
    expect(newTask({ description: 'd'.repeat(DESCRIPTION_MAX_LENGTH) }).description).toHaveLength(5000);
    expect(fieldOf(() => newTask({ description: 'd'.repeat(DESCRIPTION_MAX_LENGTH + 1) }))).toBe('description');
  });

  test('priority must be low, normal or high', () => {
    for (const priority of ['low', 'normal', 'high'] as const) expect(newTask({ priority }).priority).toBe(priority);
    expect(fieldOf(() => newTask({ priority: 'medium' as never }))).toBe('priority');
  });

  test('an invalid due date, or one outside years 1 to 9999, is refused', () => {
    expect(fieldOf(() => newTask({ dueAt: new Date('nope') }))).toBe('due_at');
    expect(fieldOf(() => newTask({ dueAt: new Date('0000-12-31T23:59:59Z') }))).toBe('due_at');
    expect(fieldOf(() => newTask({ dueAt: new Date('+010000-01-01T00:00:00Z') }))).toBe('due_at');
    expect(newTask({ dueAt: new Date('0001-01-01T00:00:00Z') }).dueAt).toEqual(new Date('0001-01-01T00:00:00Z'));
    expect(newTask({ dueAt: new Date('9999-12-31T23:59:59.999Z') }).dueAt).toEqual(new Date('9999-12-31T23:59:59.999Z'));
  });

  test('created completed: completed_at is the creation time', () => {
    const task = newTask({ isCompleted: true });
    expect(task.isCompleted).toBe(true);
    expect(task.completedAt).toEqual(T0);
  });
});

describe('Task changes', () => {
  test('completion sets completed_at; reopening clears it; each is one version', () => {
    const task = newTask();
    expect(task.setCompleted(true, later(1000))).toBe(true);
    expect(task.completedAt).toEqual(later(1000));
    expect(task.version).toBe(2);
    expect(task.setCompleted(false, later(2000))).toBe(true);
    expect(task.isCompleted).toBe(false);
    expect(task.completedAt).toBeNull();
    expect(task.version).toBe(3);
  });

  test('setting the completion it already has changes nothing (safe retry)', () => {
    const task = newTask();
    task.setCompleted(true, later(1000));
    expect(task.setCompleted(true, later(5000))).toBe(false);
    expect(task.completedAt).toEqual(later(1000));
    expect(task.version).toBe(2);
    expect(task.updatedAt).toEqual(later(1000));
  });

  test('toggle flips completion', () => {
    const task = newTask();
    task.toggleCompleted(later(1));
    expect(task.isCompleted).toBe(true);
    task.toggleCompleted(later(2));
    expect(task.isCompleted).toBe(false);
    expect(task.version).toBe(3);
  });

  test('an edit to the same values is not a change: version and updated_at stay', () => {
    const task = newTask({ description: 'x', priority: 'high', dueAt: new Date('2026-05-01T00:00:00Z') });
    const changed = task.edit(
      { title: '  Buy milk ', description: 'x', priority: 'high', dueAt: new Date('2026-05-01T00:00:00Z'), isCompleted: false },
      later(1000),
    );
    expect(changed).toBe(false);
    expect(task.version).toBe(1);
    expect(task.updatedAt).toEqual(T0);
  });

  test('a real edit bumps the version once however many fields change', () => {
    const task = newTask();
    expect(task.edit({ title: 'Buy oat milk', priority: 'low', dueAt: later(99) }, later(1000))).toBe(true);
    expect(task).toMatchObject({ title: 'Buy oat milk', priority: 'low', version: 2 });
    expect(task.updatedAt).toEqual(later(1000));
  });

  test('edits are all-or-nothing: one bad field leaves every field as it was', () => {
    const task = newTask();
    expect(fieldOf(() => task.edit({ title: 'New title', priority: 'urgent' as never }, later(1)))).toBe('priority');
    expect(task.title).toBe('Buy milk');
    expect(task.version).toBe(1);
    expect(fieldOf(() => task.edit({ description: 'ok', title: '   ' }, later(1)))).toBe('title');
    expect(task.description).toBe('');
  });

  test('clearing the due date is a change', () => {
    const task = newTask({ dueAt: later(5) });
    expect(task.edit({ dueAt: null }, later(10))).toBe(true);
    expect(task.dueAt).toBeNull();
  });

  test('updated_at never goes backwards, even when the clock does', () => {
    const task = newTask();
    task.edit({ title: 'one' }, later(10_000));
    task.edit({ title: 'two' }, later(5_000)); // clock stepped back
    expect(task.updatedAt.getTime()).toBeGreaterThan(later(10_000).getTime());
    const before = task.updatedAt.getTime();
    task.edit({ title: 'three' }, new Date(before)); // same millisecond
    expect(task.updatedAt.getTime()).toBeGreaterThan(before);
  });

  test('soft delete stamps deleted_at once; a second delete changes nothing', () => {
    const task = newTask();
    expect(task.softDelete(later(1))).toBe(true);
    expect(task.deletedAt).toEqual(later(1));
    expect(task.isDeleted()).toBe(true);
    expect(task.version).toBe(2);
    expect(task.softDelete(later(2))).toBe(false);
    expect(task.deletedAt).toEqual(later(1));
    expect(task.version).toBe(2);
  });

  test('restore brings a trashed task back; restoring a live task changes nothing', () => {
    const task = newTask();
    expect(task.restore(later(1))).toBe(false);
    expect(task.version).toBe(1);
    task.softDelete(later(2));
    expect(task.restore(later(3))).toBe(true);
    expect(task.deletedAt).toBeNull();
    expect(task.isDeleted()).toBe(false);
    expect(task.version).toBe(3);
    expect(task.updatedAt).toEqual(later(3));
  });
});
