import { baseApi } from '../../api/baseApi';
import type { Permission, Role } from '../access/permissions';

export type RecordVisibility = 'all' | 'team';

export interface RoleInfo {
  role: Role;
  permissions: Permission[];
  recordVisibility: RecordVisibility;
  recordVisibilityEditable: boolean;
}

export interface RoleMatrix {
  permissions: Permission[];
  roles: RoleInfo[];
}

export const rolesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getRoles: build.query<RoleMatrix, void>({
      query: () => '/roles',
      providesTags: ['Role'],
    }),
    setRecordVisibility: build.mutation<RoleInfo, { role: Role; recordVisibility: RecordVisibility }>({
      query: ({ role, recordVisibility }) => ({ url: `/roles/${role}`, method: 'PATCH', body: { recordVisibility } }),
      invalidatesTags: ['Role', 'AuditEntry'],
    }),
  }),
});

export const { useGetRolesQuery, useSetRecordVisibilityMutation } = rolesApi;
