import { useT } from '../../app/i18n';
import { describeApiError } from '../../api/problem';
import { NoAccess } from '../../features/access/NoAccess';
import { ErrorState } from './ErrorState';

interface QueryErrorProps {
  error: unknown;
  /** What could not be loaded, e.g. "Members could not be loaded." */
  message: string;
  onRetry: () => void;
  retrying?: boolean;
}

/** A failed load: "no access" for a 403 (the role changed since the page opened), else an error with retry. */
export function QueryError({ error, message, onRetry, retrying }: QueryErrorProps) {
  const t = useT();
  const info = describeApiError(error);
  if (info.status === 403) return <NoAccess page={false} />;
  return <ErrorState message={info.status === null ? t('common.error.network') : message} onRetry={onRetry} retrying={retrying} />;
}
