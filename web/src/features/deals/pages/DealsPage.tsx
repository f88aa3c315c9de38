import MonetizationOnOutlined from '@mui/icons-material/MonetizationOnOutlined';
import { RecordListPage, type ListCopy } from '../../records/components/RecordListPage';

const copy: ListCopy = {
  title: 'deals.title',
  create: 'deals.create',
  emptyTitle: 'deals.empty.title',
  emptyBody: 'deals.empty.body',
  emptyReadOnly: 'deals.empty.readOnly',
  loadError: 'deals.loadError',
  icon: <MonetizationOnOutlined />,
};

export function DealsPage() {
  return <RecordListPage object="deals" copy={copy} />;
}
