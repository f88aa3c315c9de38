import { useId, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT, type MessageKey } from '../../../app/i18n';

const suggestions: MessageKey[] = [
  'pipeline.lost.reason.price',
  'pipeline.lost.reason.competitor',
  'pipeline.lost.reason.timing',
  'pipeline.lost.reason.noBudget',
  'pipeline.lost.reason.noDecision',
];

const maxLength = 500;

interface LostReasonDialogProps {
  dealName: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Asked when a deal is dropped on a lost stage; cancelling leaves the deal where it was. */
export function LostReasonDialog({ dealName, onConfirm, onCancel }: LostReasonDialogProps) {
  const t = useT();
  const titleId = useId();
  const suggestionsId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) {
      setError(t('pipeline.lost.required'));
      return;
    }
    onConfirm(trimmed.slice(0, maxLength));
  };

  return (
    <Dialog open onClose={onCancel} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('pipeline.lost.title', { deal: dealName })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('pipeline.lost.body')}</DialogContentText>
          <TextField
            autoFocus
            fullWidth
            name="lostReason"
            label={t('pipeline.lost.reason')}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setError(null);
            }}
            error={error !== null}
            helperText={error ?? ' '}
            slotProps={{ htmlInput: { maxLength } }}
          />
          <Typography id={suggestionsId} variant="body2" color="text.secondary" sx={{ mt: 1, mb: 1 }}>
            {t('pipeline.lost.suggestions')}
          </Typography>
          <Stack direction="row" role="group" aria-labelledby={suggestionsId} sx={{ gap: 1, flexWrap: 'wrap' }}>
            {suggestions.map((key) => (
              <Chip
                key={key}
                label={t(key)}
                variant={reason === t(key) ? 'filled' : 'outlined'}
                color={reason === t(key) ? 'primary' : 'default'}
                onClick={() => {
                  setReason(t(key));
                  setError(null);
                }}
              />
            ))}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button onClick={onCancel} color="inherit">
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" color="error">
            {t('pipeline.lost.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
