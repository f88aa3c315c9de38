import { describe, expect, it } from '@jest/globals';
import { groupOpenTasks } from './groupTasks';
import type { Task } from './tasksApi';

const task = (id: string, dueAt: string | null, done = false): Task => ({
  id,
  title: id,
  notes: null,
  dueAt,
  reminderAt: null,
  assigneeId: null,
  contactId: null,
  companyId: null,
  dealId: null,
  done,
  completedAt: null,
  createdAt: '2026-11-01T00:00:00Z',
});

describe('groupOpenTasks', () => {
  it('splits by the user’s day, not UTC, and leaves done tasks out', () => {
    const now = new Date('2026-11-22T20:00:00Z'); // 12:00 in Los Angeles
    const groups = groupOpenTasks(
      [
        task('past', '2026-11-22T19:00:00Z'),
        task('tonight-la', '2026-11-23T06:00:00Z'), // 22:00 the same day in LA, tomorrow in UTC
        task('tomorrow', '2026-11-23T20:00:00Z'),
        task('undated', null),
        task('finished', '2026-11-20T00:00:00Z', true),
      ],
      now,
      'America/Los_Angeles',
    );
    expect(groups.overdue.map((t) => t.id)).toEqual(['past']);
    expect(groups.today.map((t) => t.id)).toEqual(['tonight-la']);
    expect(groups.upcoming.map((t) => t.id)).toEqual(['tomorrow', 'undated']);
  });
});
