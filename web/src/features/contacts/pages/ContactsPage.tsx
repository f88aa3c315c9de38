import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import { RecordListPage, type ListCopy } from '../../records/components/RecordListPage';

const copy: ListCopy = {
  title: 'contacts.title',
  create: 'contacts.create',
  emptyTitle: 'contacts.empty.title',
  emptyBody: 'contacts.empty.body',
  emptyReadOnly: 'contacts.empty.readOnly',
  loadError: 'contacts.loadError',
  icon: <PersonAddAlt1Outlined />,
};

export function ContactsPage() {
  return <RecordListPage object="contacts" copy={copy} />;
}
