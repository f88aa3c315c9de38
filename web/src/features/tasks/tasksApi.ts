import { baseApi } from '../../api/baseApi';

export interface Task {
  id: string;
  title: string;
  notes: string | null;
  dueAt: string | null;
  reminderAt: string | null;
  assigneeId: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  done: boolean;
  completedAt: string | null;
  createdAt: string;
}

export interface TaskQuery {
  assigneeId?: 'me' | string;
  done?: boolean;
  due?: 'overdue' | 'today' | 'week' | 'none';
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

export interface CreateTaskInput {
  title: string;
  notes?: string;
  dueAt?: string;
  reminderAt?: string;
  assigneeId?: string;
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

export const tasksApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listTasks: build.infiniteQuery<{ data: Task[]; nextCursor: string | null }, TaskQuery, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ queryArg, pageParam }) => ({
        url: '/tasks',
        params: {
          ...Object.fromEntries(
            Object.entries(queryArg)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          ),
          limit: 50,
          ...(pageParam && { cursor: pageParam }),
        },
      }),
      providesTags: ['Task'],
    }),
    createTask: build.mutation<Task, CreateTaskInput>({
      query: (body) => ({ url: '/tasks', method: 'POST', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['Task']),
    }),
    // Completing is optimistic: the checkbox answers at once and rolls back on failure.
    setTaskDone: build.mutation<Task, { id: string; done: boolean }>({
      query: ({ id, done }) => ({ url: `/tasks/${encodeURIComponent(id)}`, method: 'PATCH', body: { done } }),
      async onQueryStarted({ id, done }, { dispatch, getState, queryFulfilled }) {
        const patches = tasksApi.util.selectCachedArgsForQuery(getState(), 'listTasks').map((args) =>
          dispatch(
            tasksApi.util.updateQueryData('listTasks', args, (draft) => {
              for (const page of draft.pages) {
                const task = page.data.find((t) => t.id === id);
                if (task) {
                  task.done = done;
                  task.completedAt = done ? new Date().toISOString() : null;
                }
              }
            }),
          ),
        );
        try {
          await queryFulfilled;
        } catch {
          for (const patch of patches) patch.undo();
        }
      },
      invalidatesTags: (_r, error) => (error ? [] : ['Task']),
    }),
    deleteTask: build.mutation<void, string>({
      query: (id) => ({ url: `/tasks/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: (_r, error) => (error ? [] : ['Task']),
    }),
  }),
});

export const { useListTasksInfiniteQuery, useCreateTaskMutation, useSetTaskDoneMutation, useDeleteTaskMutation } = tasksApi;
