import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface NavItem {
  path: string;
  /** i18n key of the label */
  label: string;
  /** roles that see the item and may open the page */
  roles: readonly string[];
  /** group heading (i18n key) */
  group?: string;
  page: LazyExoticComponent<ComponentType>;
}

const ADMINS = ['admin', 'center_manager'];

/** Every page; capabilities add theirs. The server still checks every call: this only shapes the menu. */
export const navItems: NavItem[] = [
  { path: '/people/teams', label: 'nav.teams', group: 'nav.people', roles: ADMINS, page: lazy(() => import('./pages/people/Teams')) },
  { path: '/people/agents', label: 'nav.agents', group: 'nav.people', roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer'], page: lazy(() => import('./pages/people/Agents')) },
  { path: '/people/users', label: 'nav.users', group: 'nav.people', roles: ['admin'], page: lazy(() => import('./pages/people/Users')) },
  { path: '/people/audit', label: 'nav.audit', group: 'nav.people', roles: ADMINS, page: lazy(() => import('./pages/people/Audit')) },
  { path: '/kb/search', label: 'nav.kbSearch', group: 'nav.kb', roles: ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'], page: lazy(() => import('./pages/kb/Search')) },
  { path: '/kb/editor', label: 'nav.kbEditor', group: 'nav.kb', roles: ['admin', 'center_manager', 'trainer', 'expert', 'duty_manager', 'qa'], page: lazy(() => import('./pages/kb/Editor')) },
  { path: '/kb/stats', label: 'nav.kbStats', group: 'nav.kb', roles: ['admin', 'center_manager', 'duty_manager', 'qa', 'trainer', 'expert'], page: lazy(() => import('./pages/kb/Stats')) },
  { path: '/wo/board', label: 'nav.woBoard', group: 'nav.wo', roles: ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'], page: lazy(() => import('./pages/workorders/Board')) },
  { path: '/wo/reports', label: 'nav.woReports', group: 'nav.wo', roles: ['admin', 'center_manager', 'duty_manager', 'qa', 'team_lead'], page: lazy(() => import('./pages/workorders/Reports')) },
];
