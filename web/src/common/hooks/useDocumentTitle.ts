import { useEffect } from 'react';
import { useT } from '../../app/i18n';

/** Each page names itself in the tab title, so screen readers announce navigation. */
export function useDocumentTitle(pageTitle: string) {
  const t = useT();
  useEffect(() => {
    document.title = `${pageTitle} · ${t('app.name')}`;
  }, [pageTitle, t]);
}
