import { Link as RouterLink } from 'react-router';
import Add from '@mui/icons-material/Add';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { sumCounts } from '../../reports/dailySeries';
import { reportPollingIntervalMs, useGetContactsCreatedQuery } from '../../reports/reportsApi';

/** How many contacts the workspace has, with the next action right beside it. */
/** `onCreate` is left out for roles that cannot create contacts: no button that would only fail. */
export function ContactsCountCard({ onCreate }: { onCreate?: () => void }) {
  const { t, formatNumber } = useI18n();
  // Same cache entry as the chart: one request serves both.
  const { data, error } = useGetContactsCreatedQuery(undefined, {
    pollingInterval: reportPollingIntervalMs,
    skipPollingIfUnfocused: true,
  });
  const count = data ? sumCounts(data.data) : null;
  const headingId = 'contacts-count-heading';

  return (
    <Card component="section" aria-labelledby={headingId} sx={{ height: '100%' }}>
      <CardContent sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5 }}>
          <Box
            aria-hidden
            sx={{
              display: 'grid',
              placeItems: 'center',
              width: 40,
              height: 40,
              borderRadius: 2,
              bgcolor: 'action.hover',
              color: 'primary.main',
            }}
          >
            <PeopleOutlined />
          </Box>
          <div>
            <Typography variant="h3" component="h2" id={headingId}>
              {t('home.contacts.label')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('home.contacts.caption')}
            </Typography>
          </div>
        </Stack>
        <Typography variant="h1" component="p" sx={{ fontSize: '2.5rem' }} data-testid="contacts-count">
          {count !== null ? formatNumber(count) : error ? '—' : <Skeleton width={80} />}
        </Typography>
        {count === 0 && (
          <Typography variant="body2" color="text.secondary">
            {onCreate ? t('home.empty.body') : t('home.empty.readOnly')}
          </Typography>
        )}
        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mt: 'auto' }}>
          {onCreate && (
            <Button variant="contained" startIcon={<Add />} onClick={onCreate}>
              {t('home.cta.create')}
            </Button>
          )}
          <Button component={RouterLink} to="/contacts" variant="text">
            {t('home.cta.viewAll')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
