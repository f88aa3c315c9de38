import { baseApi } from '../../api/baseApi';
import type { RecordObject } from './types';

export type ActivityType = 'note' | 'call' | 'meeting' | 'email';

export interface Activity {
  id: string;
  type: ActivityType;
  subject: string | null;
  body: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  outcome: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface LogActivityInput {
  type: ActivityType;
  subject?: string;
  body?: string;
  occurredAt?: string;
  durationMinutes?: number;
  outcome?: string;
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

/** The query parameter that links a timeline to its record. */
export const linkParam: Record<RecordObject, 'contactId' | 'companyId' | 'dealId'> = {
  contacts: 'contactId',
  companies: 'companyId',
  deals: 'dealId',
};

export interface TimelineArgs {
  object: RecordObject;
  id: string;
}

export const activitiesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listActivities: build.infiniteQuery<{ data: Activity[]; nextCursor: string | null }, TimelineArgs, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ queryArg: { object, id }, pageParam }) => ({
        url: '/activities',
        params: { [linkParam[object]]: id, limit: 20, ...(pageParam && { cursor: pageParam }) },
      }),
      providesTags: ['Activity'],
    }),
    logActivity: build.mutation<Activity, LogActivityInput>({
      query: (body) => ({ url: '/activities', method: 'POST', body }),
      // lastActivityAt moves on the linked records.
      invalidatesTags: (_r, error, body) =>
        error
          ? []
          : [
              'Activity',
              ...[body.contactId, body.companyId, body.dealId].filter(Boolean).map((id) => ({ type: 'Record' as const, id: id! })),
            ],
    }),
    deleteActivity: build.mutation<void, string>({
      query: (id) => ({ url: `/activities/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: (_r, error) => (error ? [] : ['Activity']),
    }),
  }),
});

export const { useListActivitiesInfiniteQuery, useLogActivityMutation, useDeleteActivityMutation } = activitiesApi;
