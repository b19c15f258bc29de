import { useTranslation } from 'react-i18next';
import { hasAny, type Me } from '../session';

/** What an agent does from a phone, in the order of a shift (issue 14): schedule, check-in, scores, KB, work orders. */
const AGENT_TABS = [
  { path: '/wfm/me', label: 'phone.tabs.schedule' },
  { path: '/floor/checkin', label: 'phone.tabs.checkin' },
  { path: '/performance/mine', label: 'phone.tabs.scores' },
  { path: '/kb/search', label: 'phone.tabs.kb' },
  { path: '/wo/board', label: 'phone.tabs.workorders' },
] as const;

/**
 * Navigation below 700 px, where the side menu is hidden: a bar at the bottom with the agent's five
 * daily pages (other roles: home), and a menu button that opens the full side menu as a drawer.
 */
export function PhoneTabBar({ me, path, menuOpen, onMenu }: { me: Me; path: string; menuOpen: boolean; onMenu: () => void }) {
  const { t } = useTranslation();
  const tabs = hasAny(me, ['agent']) ? AGENT_TABS : [{ path: '/', label: 'nav.home' }];
  return (
    <nav className="tabbar" data-testid="tabbar" aria-label={t('phone.tabbar')}>
      {tabs.map((tab) => (
        <a key={tab.path} href={`#${tab.path}`} className={path === tab.path ? 'active' : ''} data-tab={tab.path}>
          {t(tab.label)}
        </a>
      ))}
      <button type="button" className={menuOpen ? 'active' : ''} aria-expanded={menuOpen} data-testid="tabbar-menu" onClick={onMenu}>
        {t('phone.menu')}
      </button>
    </nav>
  );
}
