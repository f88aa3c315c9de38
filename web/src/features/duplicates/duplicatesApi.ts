import { baseApi } from '../../api/baseApi';
import type { AnyRecord } from '../records/types';
import type { DuplicateObject, DuplicatePage, MergeRequest } from './types';

const pairs = (object: DuplicateObject) => ({ type: 'Record' as const, id: `${object}:DUPLICATES` });

export const duplicatesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listDuplicates: build.infiniteQuery<DuplicatePage, DuplicateObject, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ queryArg, pageParam }) => ({
        url: `/${queryArg}/duplicates`,
        params: { limit: 20, ...(pageParam && { cursor: pageParam }) },
      }),
      providesTags: (_result, _error, object) => [pairs(object), { type: 'Record', id: `${object}:LIST` }],
    }),
    mergeRecords: build.mutation<AnyRecord, MergeRequest>({
      query: ({ object, ...body }) => ({ url: `/${object}/merge`, method: 'POST', body }),
      // The merged-away records are gone from every list; other suggestions may have involved them.
      invalidatesTags: (result, _error, { object, primaryId, duplicateIds }) =>
        result
          ? [
              pairs(object),
              { type: 'Record', id: `${object}:LIST` },
              { type: 'Record', id: primaryId },
              ...duplicateIds.map((id) => ({ type: 'Record' as const, id })),
              ...(object === 'contacts' ? (['ContactsCreatedReport'] as const) : []),
            ]
          : [],
    }),
    dismissDuplicate: build.mutation<void, { object: DuplicateObject; ids: [string, string]; pairId: string }>({
      query: ({ object, ids }) => ({ url: `/${object}/duplicates/dismiss`, method: 'POST', body: { ids } }),
      // The pair leaves the list at once; a refusal puts it back.
      async onQueryStarted({ object, pairId }, { dispatch, queryFulfilled }) {
        const patch = dispatch(
          duplicatesApi.util.updateQueryData('listDuplicates', object, (draft) => {
            for (const page of draft.pages) page.data = page.data.filter((pair) => pair.id !== pairId);
          }),
        );
        try {
          await queryFulfilled;
        } catch {
          patch.undo();
        }
      },
    }),
  }),
});

export const { useListDuplicatesInfiniteQuery, useMergeRecordsMutation, useDismissDuplicateMutation } = duplicatesApi;
