import { baseApi } from '../../api/baseApi';
import type { ContactsCreatedReport } from './types';

export const reportsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getContactsCreated: build.query<ContactsCreatedReport, void>({
      query: () => '/reports/contacts-created',
      providesTags: ['ContactsCreatedReport'],
    }),
  }),
});

export const { useGetContactsCreatedQuery } = reportsApi;

/**
 * The warehouse is fed asynchronously from events, so a new contact shows up in
 * reports a second or two after it is created: keep polling while the page is visible.
 */
export const reportPollingIntervalMs = 4000;
