import { baseApi } from '../../api/baseApi';
import type { Role } from '../access/permissions';

export interface MyWorkspace {
  id: string;
  name: string;
  role: Role;
  joinedAt: string;
  current: boolean;
}

export const workspacesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listMyWorkspaces: build.query<MyWorkspace[], void>({
      query: () => '/me/workspaces',
      transformResponse: (response: { data: MyWorkspace[] }) => response.data,
      providesTags: ['Workspace'],
    }),
  }),
});

export const { useListMyWorkspacesQuery } = workspacesApi;
