import { useState } from 'react';
import Grid from '@mui/material/Grid';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { PageHeader } from '../../../common/components/PageHeader';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { usePermission } from '../../access/usePermission';
import { selectCurrentUser, selectWorkspace } from '../../auth/authSlice';
import { ContactCreateDialog } from '../../contacts/components/ContactCreateDialog';
import { ContactsCreatedChart } from '../../reports/components/ContactsCreatedChart';
import { ContactsCountCard } from '../components/ContactsCountCard';

export function HomePage() {
  const t = useT();
  useDocumentTitle(t('home.title'));
  const user = useAppSelector(selectCurrentUser);
  const workspace = useAppSelector(selectWorkspace);
  const canCreate = usePermission('records.write');
  const [creating, setCreating] = useState(false);
  const firstName = user?.name.trim().split(/\s+/)[0] ?? '';

  return (
    <>
      <PageHeader title={t('home.greeting', { name: firstName })} subtitle={t('home.subtitle', { workspace: workspace?.name ?? '' })} />
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 4 }}>
          <ContactsCountCard onCreate={canCreate ? () => setCreating(true) : undefined} />
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <ContactsCreatedChart />
        </Grid>
      </Grid>
      {canCreate && <ContactCreateDialog open={creating} onClose={() => setCreating(false)} offerViewInList />}
    </>
  );
}
