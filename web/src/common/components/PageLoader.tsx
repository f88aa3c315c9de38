import LinearProgress from '@mui/material/LinearProgress';
import { useT } from '../../app/i18n';

/** Shown for the instant a page's code is still loading. */
export function PageLoader() {
  const t = useT();
  return <LinearProgress aria-label={t('app.loading')} sx={{ position: 'fixed', top: 0, left: 0, right: 0, zIndex: 2000 }} />;
}
