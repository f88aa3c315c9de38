import { CreateRecordDialog } from '../../records/components/CreateRecordDialog';

interface ContactCreateDialogProps {
  open: boolean;
  onClose: () => void;
  /** Offer a "View" link to the new contact in the confirmation toast. */
  offerViewInList?: boolean;
}

/** Create a contact from anywhere (Home, the contacts list). */
export function ContactCreateDialog({ open, onClose, offerViewInList = false }: ContactCreateDialogProps) {
  return <CreateRecordDialog object="contacts" open={open} onClose={onClose} offerView={offerViewInList} />;
}
