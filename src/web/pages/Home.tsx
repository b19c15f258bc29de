import { useTranslation } from 'react-i18next';
import type { NavItem } from '../nav';
import { useMe } from '../session';
import { Page } from '../components/ui';

export function Home({ items }: { items: NavItem[] }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('home.welcome', { name: me.displayName })}>
      <p>
        {t('home.yourRoles')}: {me.roles.map((r) => t(`roles.${r}`)).join(' / ')}
      </p>
      <h2>{t('home.shortcuts')}</h2>
      <div className="tiles">
        {items.map((n) => (
          <a key={n.path} className="tile" href={`#${n.path}`}>
            {t(n.label)}
          </a>
        ))}
      </div>
    </Page>
  );
}
