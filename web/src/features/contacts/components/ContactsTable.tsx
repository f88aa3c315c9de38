import type { ReactNode } from 'react';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { TableSkeleton } from '../../../common/components/TableSkeleton';
import type { Contact } from '../types';

const columns = [
  { key: 'name', label: 'contacts.column.name', minWidth: 180 },
  { key: 'email', label: 'contacts.column.email', minWidth: 220 },
  { key: 'phone', label: 'contacts.column.phone', minWidth: 140 },
  { key: 'company', label: 'contacts.column.company', minWidth: 160 },
  { key: 'created', label: 'contacts.column.created', minWidth: 120 },
] as const;

interface ContactsTableProps {
  contacts: Contact[];
  loading: boolean;
  /** Rendered below the rows inside the scroll area's frame (e.g. "Load more"). */
  footer?: ReactNode;
}

// The first column stays put while the rest scroll sideways on narrow screens.
const stickyFirstColumn = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  bgcolor: 'background.paper',
  borderRight: { xs: 1, md: 0 },
  borderRightColor: { xs: 'divider' },
} as const;

export function ContactsTable({ contacts, loading, footer }: ContactsTableProps) {
  const { t, formatDate } = useI18n();
  const none = (
    <Typography component="span" color="text.secondary" aria-label={t('contacts.none')}>
      {t('contacts.none')}
    </Typography>
  );

  return (
    <>
      <TableContainer
        // Focusable so keyboard users can scroll it; the frame around it shows the focus.
        className="contacts-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('contacts.tableLabel')}
        sx={{ maxHeight: { xs: 'calc(100dvh - 240px)', sm: 'calc(100dvh - 260px)' }, '&:focus-visible': { outline: 'none' } }}
      >
        <Table stickyHeader size="small" aria-label={t('contacts.tableLabel')} sx={{ minWidth: 760 }}>
          <TableHead>
            <TableRow>
              {columns.map((column, index) => (
                <TableCell key={column.key} sx={{ minWidth: column.minWidth, ...(index === 0 ? { ...stickyFirstColumn, zIndex: 3 } : {}) }}>
                  {t(column.label)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          {loading ? (
            <TableSkeleton columns={columns.length} />
          ) : (
            <TableBody>
              {contacts.map((contact) => (
                <TableRow key={contact.id} data-testid="contact-row">
                  <TableCell component="th" scope="row" sx={{ fontWeight: 500, ...stickyFirstColumn }}>
                    {contact.firstName} {contact.lastName}
                  </TableCell>
                  <TableCell>
                    <Link href={`mailto:${contact.email}`} underline="hover" color="inherit">
                      {contact.email}
                    </Link>
                  </TableCell>
                  <TableCell>{contact.phone || none}</TableCell>
                  <TableCell>{contact.companyName || none}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={contact.createdAt}>{formatDate(contact.createdAt)}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      </TableContainer>
      {footer}
    </>
  );
}
