import { listTasksQuerySchema, updateTaskSchema } from './task.schemas.js';

describe('task schemas', () => {
  it('accepts IANA time zones and nothing that could reach SQL as text', () => {
    expect(listTasksQuerySchema.parse({ tz: 'Europe/Paris' }).tz).toBe('Europe/Paris');
    expect(listTasksQuerySchema.parse({}).tz).toBe('UTC');
    for (const tz of ["UTC'; DROP TABLE x; --", 'Mars/Olympus', 'Europe/Paris ', '']) {
      expect(listTasksQuerySchema.safeParse({ tz }).error?.issues[0]?.path).toEqual(['tz']);
    }
  });

  it('takes assigneeId as "me" or a UUID', () => {
    expect(listTasksQuerySchema.parse({ assigneeId: 'me' }).assigneeId).toBe('me');
    expect(listTasksQuerySchema.safeParse({ assigneeId: 'you' }).success).toBe(false);
  });

  it('keeps absent fields absent on PATCH and turns empty notes into null', () => {
    expect(updateTaskSchema.parse({ done: true })).toEqual({ done: true });
    expect(updateTaskSchema.parse({ notes: '  ' })).toEqual({ notes: null });
    expect(updateTaskSchema.safeParse({}).success).toBe(false);
    expect(updateTaskSchema.safeParse({ dismissReminder: false }).success).toBe(false);
  });
});
