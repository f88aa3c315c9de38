import { useCallback, useState } from 'react';
import Alert from '@mui/material/Alert';
import { useT, type I18n } from '../../app/i18n';
import { useCountdown } from '../hooks/useCountdown';

/** "Too many attempts" with how long to wait, as a person would say it. */
export function waitMessage(t: I18n['t'], seconds: number | null): string {
  if (seconds === null || seconds <= 0) return t('common.error.tooManyNoTime');
  if (seconds < 90) return t('common.error.tooManySeconds', { count: seconds });
  return t('common.error.tooManyMinutes', { count: Math.ceil(seconds / 60) });
}

/**
 * A 429 turned into a friendly wait: a live countdown from Retry-After, the submit button
 * disabled meanwhile, and "you can try again now" once it runs out.
 */
export function useRateLimit() {
  const t = useT();
  const [limited, setLimited] = useState(false);
  const [withTime, setWithTime] = useState(false);
  const { secondsLeft, start } = useCountdown();

  const onLimited = useCallback(
    (retryAfterSeconds: number | null) => {
      setLimited(true);
      setWithTime(Boolean(retryAfterSeconds));
      if (retryAfterSeconds) start(retryAfterSeconds);
    },
    [start],
  );
  const reset = useCallback(() => setLimited(false), []);

  let alert = null;
  if (limited) {
    const waiting = secondsLeft > 0 || !withTime;
    alert = (
      <Alert severity={waiting ? 'warning' : 'info'} role="alert" data-testid="rate-limit">
        {waiting ? waitMessage(t, withTime ? secondsLeft : null) : t('common.error.tryAgainNow')}
      </Alert>
    );
  }
  return { limited, waiting: secondsLeft > 0, onLimited, reset, alert };
}
