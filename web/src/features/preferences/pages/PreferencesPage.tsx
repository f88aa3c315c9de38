import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { QueryError } from '../../../common/components/QueryError';
import { useToast } from '../../../common/toast/useToast';
import { SectionHeader } from '../../settings/SectionHeader';
import { AppearanceCard } from '../components/AppearanceCard';
import { NotificationsCard } from '../components/NotificationsCard';
import { RegionCard } from '../components/RegionCard';
import { useGetPreferencesQuery, useUpdatePreferencesMutation } from '../preferencesApi';
import type { PreferencesPatch } from '../types';

/** Saved as they change (optimistically; a refused change rolls back with a message). */
export function PreferencesPage() {
  const t = useT();
  const toast = useToast();
  const { data: preferences, error, isLoading, isFetching, refetch } = useGetPreferencesQuery();
  const [update] = useUpdatePreferencesMutation();

  const change = async (patch: PreferencesPatch) => {
    const result = await update(patch);
    if (!('error' in result)) {
      toast({ message: t('preferences.saved') });
      return;
    }
    const problem = describeApiError(result.error);
    const fieldMessage = Object.values(problem.fieldErrors)[0];
    toast({
      severity: 'error',
      message: problem.status === null ? t('common.error.network') : (fieldMessage ?? t('preferences.saveFailed')),
    });
  };

  let body;
  if (isLoading)
    body = (
      <Stack sx={{ gap: 3 }} aria-hidden>
        {[160, 200, 260].map((h) => (
          <Skeleton key={h} variant="rounded" height={h} />
        ))}
      </Stack>
    );
  else if (!preferences)
    body = <QueryError error={error} message={t('preferences.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else
    body = (
      <>
        <AppearanceCard preferences={preferences} onChange={(patch) => void change(patch)} />
        <RegionCard preferences={preferences} onChange={(patch) => void change(patch)} />
        <NotificationsCard preferences={preferences} onChange={(patch) => void change(patch)} />
      </>
    );

  return (
    <>
      <SectionHeader title={t('settings.preferences')} subtitle={t('preferences.subtitle')} />
      {body}
    </>
  );
}
