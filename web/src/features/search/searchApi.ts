import { baseApi } from '../../api/baseApi';
import type { RecordObject } from '../records/types';

export interface SearchHit {
  object: RecordObject;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

export interface SearchArgs {
  q: string;
  limit?: number;
  objects?: RecordObject[];
}

export const searchApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    search: build.query<{ data: SearchHit[] }, SearchArgs>({
      query: ({ q, limit = 10, objects }) => ({ url: '/search', params: { q, limit, ...(objects && { objects: objects.join(',') }) } }),
      providesTags: [{ type: 'Record', id: 'SEARCH' }],
      keepUnusedDataFor: 30,
    }),
  }),
});

export const { useSearchQuery } = searchApi;
