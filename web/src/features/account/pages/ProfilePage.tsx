import { useT } from '../../../app/i18n';
import { SectionHeader } from '../../settings/SectionHeader';
import { useGetMeQuery } from '../accountApi';
import { ChangeEmailCard } from '../components/ChangeEmailCard';
import { ProfileDetailsCard } from '../components/ProfileDetailsCard';

export function ProfilePage() {
  const t = useT();
  const { data: me } = useGetMeQuery();
  return (
    <>
      <SectionHeader title={t('settings.profile')} subtitle={t('account.profile.subtitle')} />
      <ProfileDetailsCard />
      <ChangeEmailCard currentEmail={me?.user.email} pendingEmail={me?.pendingEmail ?? null} />
    </>
  );
}
