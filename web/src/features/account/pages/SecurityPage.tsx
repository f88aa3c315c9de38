import { useT } from '../../../app/i18n';
import { SectionHeader } from '../../settings/SectionHeader';
import { ChangePasswordCard } from '../components/ChangePasswordCard';
import { MfaCard } from '../components/MfaCard';
import { SessionsCard } from '../components/SessionsCard';

export function SecurityPage() {
  const t = useT();
  return (
    <>
      <SectionHeader title={t('settings.security')} subtitle={t('account.security.subtitle')} />
      <MfaCard />
      <ChangePasswordCard />
      <SessionsCard />
    </>
  );
}
