import Download from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import { useT } from '../../../app/i18n';
import { CopyButton } from '../../../common/components/CopyButton';

interface RecoveryCodesPanelProps {
  codes: string[];
  account: string;
  saved: boolean;
  onSavedChange: (saved: boolean) => void;
}

function download(codes: string[], account: string, heading: string) {
  const text = `${heading}\n${account}\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'meridian-recovery-codes.txt';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Recovery codes, shown once: copy, download, and an explicit "I saved them". */
export function RecoveryCodesPanel({ codes, account, saved, onSavedChange }: RecoveryCodesPanelProps) {
  const t = useT();
  return (
    <Stack sx={{ gap: 2 }}>
      <Alert severity="warning">{t('account.mfa.codesOnce')}</Alert>
      <Box
        component="ol"
        aria-label={t('account.mfa.codesLabel')}
        data-testid="recovery-codes"
        sx={{
          m: 0,
          p: 2,
          listStyle: 'none',
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
          gap: 1,
          borderRadius: 2,
          bgcolor: 'action.hover',
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: '1rem',
        }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1 }}>
        <CopyButton text={codes.join('\n')} label={t('account.mfa.copyCodes')} />
        <Button variant="outlined" startIcon={<Download />} onClick={() => download(codes, account, t('account.mfa.codesFileHeading'))}>
          {t('account.mfa.downloadCodes')}
        </Button>
      </Stack>
      <FormControlLabel
        control={<Checkbox checked={saved} onChange={(event) => onSavedChange(event.target.checked)} name="savedCodes" />}
        label={t('account.mfa.savedCodes')}
      />
    </Stack>
  );
}
