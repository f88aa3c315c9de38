import { baseApi } from '../../api/baseApi';
import type { AnyRecord, BulkJob, BulkRequest, BulkResponse, FilterGroup, ListArgs, RecordObject, RecordPage } from './types';

/** Rows fetched per scroll page: a screenful or two, small enough to answer fast. */
export const recordsPageSize = 100;

const listParams = ({ filter, sort }: ListArgs, cursor: string | null) => ({
  limit: recordsPageSize,
  ...(sort && { sort }),
  ...(filter && { filter: JSON.stringify(filter) }),
  // The total costs the server a count (or an estimate): ask for it once, with the first page.
  ...(cursor ? { cursor } : { total: 'true' }),
});

type Patch = Record<string, unknown>;

/** Applies a PATCH body to a cached record the way the server does (custom merged key by key). */
export function applyPatch(record: AnyRecord, changes: Patch) {
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'custom' && value && typeof value === 'object') {
      const custom = { ...(record.custom ?? {}) };
      for (const [k, v] of Object.entries(value)) {
        if (v === null) delete custom[k];
        else custom[k] = v;
      }
      record.custom = custom;
    } else {
      (record as Record<string, unknown>)[key] = value;
    }
  }
}

export const recordsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    // Keyset pages as the user scrolls: the table asks for the next page near the bottom.
    listRecords: build.infiniteQuery<RecordPage, ListArgs, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ queryArg, pageParam }) => ({ url: `/${queryArg.object}`, params: listParams(queryArg, pageParam) }),
      providesTags: (_result, _error, { object }) => [{ type: 'Record', id: `${object}:LIST` }],
    }),
    getRecord: build.query<AnyRecord, { object: RecordObject; id: string }>({
      query: ({ object, id }) => `/${object}/${encodeURIComponent(id)}`,
      providesTags: (_result, _error, { id }) => [{ type: 'Record', id }],
    }),
    createRecord: build.mutation<AnyRecord, { object: RecordObject; body: Patch }>({
      query: ({ object, body }) => ({ url: `/${object}`, method: 'POST', body }),
      invalidatesTags: (_result, _error, { object }) => [
        { type: 'Record', id: `${object}:LIST` },
        ...(object === 'contacts' ? (['ContactsCreatedReport', { type: 'Contact', id: 'LIST' }] as const) : []),
      ],
    }),
    // Optimistic: every cached list page and the record itself change at once, and roll
    // back if the server refuses.
    updateRecord: build.mutation<AnyRecord, { object: RecordObject; id: string; changes: Patch }>({
      query: ({ object, id, changes }) => ({ url: `/${object}/${encodeURIComponent(id)}`, method: 'PATCH', body: changes }),
      async onQueryStarted({ object, id, changes }, { dispatch, getState, queryFulfilled }) {
        const undo: Array<{ undo: () => void }> = [];
        for (const args of recordsApi.util.selectCachedArgsForQuery(getState(), 'listRecords')) {
          if (args.object !== object) continue;
          undo.push(
            dispatch(
              recordsApi.util.updateQueryData('listRecords', args, (draft) => {
                for (const page of draft.pages) {
                  const row = page.data.find((r) => r.id === id);
                  if (row) applyPatch(row, changes);
                }
              }),
            ),
          );
        }
        undo.push(dispatch(recordsApi.util.updateQueryData('getRecord', { object, id }, (draft) => applyPatch(draft, changes))));
        try {
          const { data } = await queryFulfilled;
          // The server's version wins (derived fields like companyName, stageName).
          dispatch(recordsApi.util.upsertQueryData('getRecord', { object, id }, data));
          for (const args of recordsApi.util.selectCachedArgsForQuery(getState(), 'listRecords')) {
            if (args.object !== object) continue;
            dispatch(
              recordsApi.util.updateQueryData('listRecords', args, (draft) => {
                for (const page of draft.pages) {
                  const index = page.data.findIndex((r) => r.id === id);
                  if (index >= 0) page.data[index] = data;
                }
              }),
            );
          }
        } catch {
          for (const patch of undo) patch.undo();
        }
      },
    }),
    deleteRecord: build.mutation<void, { object: RecordObject; id: string }>({
      query: ({ object, id }) => ({ url: `/${object}/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: (_result, error, { object, id }) =>
        error
          ? []
          : [
              { type: 'Record', id: `${object}:LIST` },
              { type: 'Record', id },
            ],
    }),
    bulkRecords: build.mutation<BulkResponse, { object: RecordObject; request: BulkRequest }>({
      query: ({ object, request }) => ({ url: `/${object}/bulk`, method: 'POST', body: request }),
      invalidatesTags: (result, _error, { object }) => (result && 'affected' in result ? [{ type: 'Record', id: `${object}:LIST` }] : []),
    }),
    // Sums per group (e.g. deal amounts per currency) for the list's current filter.
    aggregateRecords: build.query<
      { data: Array<{ key: string | null; count: number; value: string | null }> },
      {
        object: RecordObject;
        groupBy: string;
        metric: 'count' | 'sum' | 'avg' | 'min' | 'max';
        field?: string;
        filter?: FilterGroup | null;
      }
    >({
      query: ({ object, filter, ...params }) => ({
        url: `/${object}/aggregate`,
        params: { ...params, ...(filter && { filter: JSON.stringify(filter) }) },
      }),
      providesTags: (_result, _error, { object }) => [{ type: 'Record', id: `${object}:LIST` }],
    }),
    getBulkJob: build.query<BulkJob, { object: RecordObject; jobId: string }>({
      query: ({ object, jobId }) => `/${object}/bulk/${encodeURIComponent(jobId)}`,
    }),
  }),
});

export const {
  useListRecordsInfiniteQuery,
  useGetRecordQuery,
  useCreateRecordMutation,
  useUpdateRecordMutation,
  useDeleteRecordMutation,
  useBulkRecordsMutation,
  useGetBulkJobQuery,
  useAggregateRecordsQuery,
} = recordsApi;
