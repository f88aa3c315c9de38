import { useI18n } from '../../../app/i18n';
import { visuallyHiddenSx } from '../../../common/components/VisuallyHidden';
import Box from '@mui/material/Box';
import type { DailyCount } from '../types';

/** The chart's numbers as a table for screen readers (the chart itself is an image to them). */
export function ContactsCreatedTable({ series }: { series: DailyCount[] }) {
  const { t, formatDay, formatNumber } = useI18n();
  return (
    // Tables ignore height: 1px, so the hiding happens on a wrapper.
    <Box sx={visuallyHiddenSx}>
      <table>
        <caption>{t('reports.contactsCreated.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.contactsCreated.day')}</th>
            <th scope="col">{t('reports.contactsCreated.count')}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((point) => (
            <tr key={point.day}>
              <td>{formatDay(point.day, { dateStyle: 'medium' })}</td>
              <td>{formatNumber(point.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}
