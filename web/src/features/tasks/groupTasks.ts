import type { Task } from './tasksApi';

export interface TaskGroups {
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
}

/** Splits open tasks by due time in the user's time zone: before now, later today, later (or undated). */
export function groupOpenTasks(tasks: Task[], now: Date, timeZone?: string): TaskGroups {
  const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const today = dayOf(now);
  const groups: TaskGroups = { overdue: [], today: [], upcoming: [] };
  for (const task of tasks) {
    if (task.done) continue;
    if (!task.dueAt) groups.upcoming.push(task);
    else {
      const due = new Date(task.dueAt);
      if (due.getTime() < now.getTime()) groups.overdue.push(task);
      else if (dayOf(due) === today) groups.today.push(task);
      else groups.upcoming.push(task);
    }
  }
  return groups;
}
