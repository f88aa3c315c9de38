import { Link as RouterLink } from 'react-router';
import LockOutlined from '@mui/icons-material/LockOutlined';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { useAppSelector } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { EmptyState } from '../../common/components/EmptyState';
import { useDocumentTitle } from '../../common/hooks/useDocumentTitle';
import { selectRole } from '../auth/authSlice';
import { roleLabelKeys } from './roleLabels';

interface NoAccessProps {
  /** Sets the tab title too: true when this is the whole page, false inside a page section. */
  page?: boolean;
}

/** What a role without the needed permission sees instead of a page (a direct URL or a 403). */
export function NoAccess({ page = true }: NoAccessProps) {
  const t = useT();
  const role = useAppSelector(selectRole);
  return (
    <>
      {page && <NoAccessTitle />}
      <Paper variant="outlined" sx={{ borderRadius: 3 }} data-testid="no-access">
        <EmptyState
          icon={<LockOutlined />}
          headingLevel={page ? 'h2' : 'h3'}
          title={t('access.denied.title')}
          description={role ? t('access.denied.bodyWithRole', { role: t(roleLabelKeys[role]) }) : t('access.denied.body')}
          action={
            <Button component={RouterLink} to="/" variant="contained">
              {t('access.denied.home')}
            </Button>
          }
        />
      </Paper>
    </>
  );
}

function NoAccessTitle() {
  const t = useT();
  useDocumentTitle(t('access.denied.title'));
  return null;
}
