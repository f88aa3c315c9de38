import { useEffect, useId, useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import { useT } from '../../../app/i18n';

interface SaveViewDialogProps {
  open: boolean;
  saving: boolean;
  onClose: () => void;
  /** Saves; resolves with the reason it failed, or null. */
  onSave: (name: string, shared: boolean) => Promise<string | null>;
}

/** Name the current filter, sort and columns as a view, personal or shared. */
export function SaveViewDialog({ open, saving, onClose, onSave }: SaveViewDialogProps) {
  const t = useT();
  const titleId = useId();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setName('');
      setShared(false);
      setNameError(null);
    }
  }, [open]);

  const save = async () => {
    if (!name.trim()) return setNameError(t('validation.required', { field: t('records.views.name') }));
    setNameError(await onSave(name.trim(), shared));
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="xs">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <DialogTitle id={titleId}>{t('records.views.saveTitle')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            name="viewName"
            label={t('records.views.name')}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            error={Boolean(nameError)}
            helperText={nameError ?? ' '}
            sx={{ mt: 1 }}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          <FormControlLabel
            control={<Checkbox checked={shared} onChange={(e) => setShared(e.target.checked)} />}
            label={t('records.views.shared')}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2.5 }}>
          <Button color="inherit" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={saving}>
            {t('records.views.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
