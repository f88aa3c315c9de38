import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useT } from '../../app/i18n';

interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}

/** An inline error with a way out; announced to screen readers as an alert. */
export function ErrorState({ title, message, onRetry, retrying }: ErrorStateProps) {
  const t = useT();
  return (
    <Alert
      severity="error"
      variant="outlined"
      role="alert"
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry} loading={retrying}>
            {t('common.retry')}
          </Button>
        )
      }
    >
      <AlertTitle>{title ?? t('common.error.title')}</AlertTitle>
      {message}
    </Alert>
  );
}
