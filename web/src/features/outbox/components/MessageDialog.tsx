import { useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { skipToken } from '@reduxjs/toolkit/query';
import { useI18n } from '../../../app/i18n';
import { QueryError } from '../../../common/components/QueryError';
import { emailDocument } from '../emailDocument';
import { categoryLabels, statusColors, statusLabels } from '../labels';
import { useGetMessageQuery } from '../messagesApi';

/** One email: envelope, delivery state, and the body (HTML in a locked-down frame, or text). */
export function MessageDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, formatDate } = useI18n();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const titleId = useId();
  const [view, setView] = useState<'html' | 'text'>('html');
  const { data: message, error, isFetching, refetch } = useGetMessageQuery(id ?? skipToken);
  const shown = message && message.id === id ? message : undefined;
  const tab = shown?.html ? view : 'text';

  return (
    <Dialog open={id !== null} onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId} sx={{ overflowWrap: 'anywhere' }}>
        {shown?.subject ?? t('outbox.loading')}
      </DialogTitle>
      <DialogContent dividers>
        {!shown && error ? (
          <QueryError error={error} message={t('outbox.messageError')} onRetry={() => void refetch()} retrying={isFetching} />
        ) : !shown ? (
          <Stack sx={{ gap: 1 }} aria-hidden>
            <Skeleton width="60%" />
            <Skeleton width="40%" />
            <Skeleton variant="rounded" height={240} />
          </Stack>
        ) : (
          <Stack sx={{ gap: 2 }}>
            <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
              <Typography component="dt" color="text.secondary">
                {t('outbox.to')}
              </Typography>
              <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }} data-testid="message-to">
                {shown.to}
              </Typography>
              <Typography component="dt" color="text.secondary">
                {t('outbox.from')}
              </Typography>
              <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                {shown.from}
              </Typography>
              <Typography component="dt" color="text.secondary">
                {t('outbox.created')}
              </Typography>
              <Typography component="dd" sx={{ m: 0 }}>
                {formatDate(shown.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </Typography>
            </Box>
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
              <Chip size="small" variant="outlined" label={t(categoryLabels[shown.category])} />
              <Chip size="small" variant="outlined" color={statusColors[shown.status]} label={t(statusLabels[shown.status])} />
            </Stack>
            {shown.lastError && <Alert severity="error">{t('outbox.lastError', { error: shown.lastError })}</Alert>}
            {shown.bodyWithheld ? (
              <Alert severity="info">{t('outbox.withheld')}</Alert>
            ) : (
              <>
                {shown.html && shown.text && (
                  <Tabs value={tab} onChange={(_e, value: 'html' | 'text') => setView(value)} aria-label={t('outbox.bodyView')}>
                    <Tab value="html" label={t('outbox.html')} />
                    <Tab value="text" label={t('outbox.text')} />
                  </Tabs>
                )}
                {tab === 'html' && shown.html ? (
                  <Box
                    component="iframe"
                    title={t('outbox.frameTitle', { subject: shown.subject })}
                    // No scripts, no same-origin access, no forms; links may open a new tab.
                    sandbox="allow-popups allow-popups-to-escape-sandbox"
                    referrerPolicy="no-referrer"
                    srcDoc={emailDocument(shown.html)}
                    data-testid="message-html"
                    sx={{
                      width: '100%',
                      height: { xs: 360, sm: 420 },
                      border: 1,
                      borderColor: 'divider',
                      borderRadius: 2,
                      bgcolor: '#fff',
                    }}
                  />
                ) : (
                  <Box
                    component="pre"
                    tabIndex={0}
                    data-testid="message-text"
                    sx={{
                      m: 0,
                      p: 2,
                      borderRadius: 2,
                      bgcolor: 'action.hover',
                      whiteSpace: 'pre-wrap',
                      overflowWrap: 'anywhere',
                      fontSize: '0.875rem',
                    }}
                  >
                    {shown.text ?? t('outbox.noBody')}
                  </Box>
                )}
              </>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
