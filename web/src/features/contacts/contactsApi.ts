import { baseApi } from '../../api/baseApi';
import type { Contact, ContactPage, CreateContactRequest } from './types';

export const contactsPageSize = 50;

export const contactsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    // Cursor-paged, newest first. "Load more" appends a page; after a create the
    // cached pages are refetched in order, so the new contact shows at the top.
    listContacts: build.infiniteQuery<ContactPage, void, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (lastPage) => lastPage.nextCursor,
      },
      query: ({ pageParam }) => ({
        url: '/contacts',
        params: pageParam ? { limit: contactsPageSize, cursor: pageParam } : { limit: contactsPageSize },
      }),
      providesTags: (result) => [
        { type: 'Contact', id: 'LIST' },
        ...(result?.pages.flatMap((page) => page.data.map(({ id }) => ({ type: 'Contact' as const, id }))) ?? []),
      ],
    }),
    createContact: build.mutation<Contact, CreateContactRequest>({
      query: (body) => ({ url: '/contacts', method: 'POST', body }),
      invalidatesTags: [{ type: 'Contact', id: 'LIST' }, 'ContactsCreatedReport'],
    }),
  }),
});

export const { useListContactsInfiniteQuery, useCreateContactMutation } = contactsApi;
