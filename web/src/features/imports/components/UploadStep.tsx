import { useId, useRef, useState, type DragEvent } from 'react';
import InsertDriveFileOutlined from '@mui/icons-material/InsertDriveFileOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { byteSize } from '../../exports/exportFormat';
import type { ImportObject } from '../types';

export const maxImportBytes = 200 * 1024 * 1024;
const objects: ImportObject[] = ['contacts', 'companies', 'deals'];

interface UploadStepProps {
  object: ImportObject;
  file: File | null;
  error: string | null;
  busy: boolean;
  onObjectChange: (object: ImportObject) => void;
  onFileChange: (file: File | null) => void;
  onNext: () => void;
}

/** Step 1: what the file holds, and the file itself (dropped or picked). */
export function UploadStep({ object, file, error, busy, onObjectChange, onFileChange, onNext }: UploadStepProps) {
  const { t, formatNumber } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const objectLabelId = useId();
  const hintId = useId();
  const [dragOver, setDragOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const accept = (candidate: File | undefined) => {
    if (!candidate) return;
    if (!/\.csv$/i.test(candidate.name) && !/csv|comma-separated/.test(candidate.type)) {
      setProblem(t('imports.upload.notCsv', { name: candidate.name }));
    } else if (candidate.size > maxImportBytes) {
      setProblem(t('imports.upload.tooLarge', { name: candidate.name }));
    } else if (candidate.size === 0) {
      setProblem(t('imports.upload.emptyFile', { name: candidate.name }));
    } else {
      setProblem(null);
      onFileChange(candidate);
      return;
    }
    onFileChange(null);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragOver(false);
    accept(event.dataTransfer.files[0]);
  };
  const size = file ? byteSize(file.size) : null;
  const shownError = problem ?? error;

  return (
    <Stack sx={{ gap: 3 }}>
      <div>
        <Typography id={objectLabelId} variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {t('imports.upload.object')}
        </Typography>
        <ToggleButtonGroup
          exclusive
          value={object}
          aria-labelledby={objectLabelId}
          onChange={(_event, value: ImportObject | null) => value && onObjectChange(value)}
          sx={{ flexWrap: 'wrap' }}
        >
          {objects.map((o) => (
            <ToggleButton key={o} value={o} sx={{ px: 3 }}>
              {t(`imports.object.${o}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </div>

      <Paper
        variant="outlined"
        onDragOver={(event) => {
          event.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
        data-testid="import-dropzone"
        sx={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragOver ? 'primary.main' : 'divider',
          bgcolor: dragOver ? 'action.hover' : 'background.paper',
          borderRadius: 3,
          p: { xs: 3, sm: 5 },
          textAlign: 'center',
        }}
      >
        <input
          ref={inputRef}
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="import-file-input"
          onChange={(event) => {
            accept(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        {file && size ? (
          <Stack sx={{ alignItems: 'center', gap: 1.5 }}>
            <InsertDriveFileOutlined color="primary" sx={{ fontSize: 40 }} aria-hidden />
            <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }} data-testid="import-file-name">
              {t('imports.upload.chosen', {
                name: file.name,
                size: formatNumber(size.value, { style: 'unit', unit: size.unit, unitDisplay: 'short' }),
              })}
            </Typography>
            <Button size="small" onClick={() => inputRef.current?.click()}>
              {t('imports.upload.remove')}
            </Button>
          </Stack>
        ) : (
          <Stack sx={{ alignItems: 'center', gap: 1 }}>
            <UploadFileOutlined color="primary" sx={{ fontSize: 40 }} aria-hidden />
            <Typography sx={{ fontWeight: 600 }}>{t('imports.upload.drop')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('imports.upload.or')}
            </Typography>
            <Button variant="outlined" onClick={() => inputRef.current?.click()} aria-describedby={hintId}>
              {t('imports.upload.choose')}
            </Button>
          </Stack>
        )}
        <Typography id={hintId} variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t('imports.upload.hint')}
        </Typography>
      </Paper>

      {shownError && (
        <Alert severity="error" role="alert">
          {shownError}
        </Alert>
      )}
      <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button variant="contained" disabled={!file} loading={busy} onClick={onNext}>
          {t('imports.upload.next')}
        </Button>
      </Box>
    </Stack>
  );
}
