import DomainAddOutlined from '@mui/icons-material/DomainAddOutlined';
import { RecordListPage, type ListCopy } from '../../records/components/RecordListPage';

const copy: ListCopy = {
  title: 'companies.title',
  create: 'companies.create',
  emptyTitle: 'companies.empty.title',
  emptyBody: 'companies.empty.body',
  emptyReadOnly: 'companies.empty.readOnly',
  loadError: 'companies.loadError',
  icon: <DomainAddOutlined />,
};

export function CompaniesPage() {
  return <RecordListPage object="companies" copy={copy} />;
}
