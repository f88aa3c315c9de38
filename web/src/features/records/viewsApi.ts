import { baseApi } from '../../api/baseApi';
import type { FilterGroup, RecordObject, SavedView } from './types';

export interface ViewInput {
  object: RecordObject;
  name: string;
  filter: FilterGroup | null;
  sort: string | null;
  columns: string[];
  shared: boolean;
}

export const viewsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listViews: build.query<{ data: SavedView[] }, RecordObject>({
      query: (object) => ({ url: '/views', params: { object } }),
      providesTags: (_r, _e, object) => [{ type: 'View', id: object }],
    }),
    createView: build.mutation<SavedView, ViewInput>({
      query: (body) => ({ url: '/views', method: 'POST', body }),
      invalidatesTags: (_r, _e, { object }) => [{ type: 'View', id: object }],
    }),
    updateView: build.mutation<SavedView, { id: string; object: RecordObject; changes: Partial<Omit<ViewInput, 'object'>> }>({
      query: ({ id, changes }) => ({ url: `/views/${encodeURIComponent(id)}`, method: 'PATCH', body: changes }),
      invalidatesTags: (_r, _e, { object }) => [{ type: 'View', id: object }],
    }),
    deleteView: build.mutation<void, { id: string; object: RecordObject }>({
      query: ({ id }) => ({ url: `/views/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: (_r, _e, { object }) => [{ type: 'View', id: object }],
    }),
  }),
});

export const { useListViewsQuery, useCreateViewMutation, useUpdateViewMutation, useDeleteViewMutation } = viewsApi;
