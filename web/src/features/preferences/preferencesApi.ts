import { baseApi } from '../../api/baseApi';
import type { Preferences, PreferencesPatch } from './types';

/** The patch applied to cached preferences, the way the server merges it. */
export function applyPatch(current: Preferences, patch: PreferencesPatch): Preferences {
  return {
    ...current,
    ...(patch.theme !== undefined && { theme: patch.theme }),
    ...(patch.density !== undefined && { density: patch.density }),
    ...(patch.locale !== undefined && { locale: patch.locale }),
    ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }),
    notifications: {
      email: { ...current.notifications.email, ...patch.notifications?.email },
      inApp: { ...current.notifications.inApp, ...patch.notifications?.inApp },
    },
  };
}

export const preferencesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getPreferences: build.query<Preferences, void>({
      query: () => '/me/preferences',
      providesTags: ['Preferences'],
    }),
    // Optimistic: a toggle responds at once and rolls back if the server refuses it.
    updatePreferences: build.mutation<Preferences, PreferencesPatch>({
      query: (body) => ({ url: '/me/preferences', method: 'PATCH', body }),
      async onQueryStarted(patch, { dispatch, queryFulfilled }) {
        const optimistic = dispatch(preferencesApi.util.updateQueryData('getPreferences', undefined, (draft) => applyPatch(draft, patch)));
        try {
          const { data } = await queryFulfilled;
          dispatch(preferencesApi.util.upsertQueryData('getPreferences', undefined, data));
        } catch {
          optimistic.undo();
        }
      },
    }),
  }),
});

export const { useGetPreferencesQuery, useUpdatePreferencesMutation } = preferencesApi;

/** The cached preferences, without fetching (undefined until someone has). */
export const selectCachedPreferences = preferencesApi.endpoints.getPreferences.select();
