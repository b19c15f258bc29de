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
  // people on the floor (issue 6)
  { path: '/floor/checkin', label: 'ppl.nav.checkin', group: 'ppl.nav.group', roles: ['agent'], page: lazy(() => import('./pages/floor/CheckIn')) },
  { path: '/floor/mood', label: 'ppl.nav.mood', group: 'ppl.nav.group', roles: [...ADMINS, 'duty_manager', 'team_lead'], page: lazy(() => import('./pages/floor/MoodBoard')) },
  { path: '/floor/discipline', label: 'ppl.nav.discipline', group: 'ppl.nav.group', roles: [...ADMINS, 'duty_manager', 'team_lead', 'agent'], page: lazy(() => import('./pages/floor/Discipline')) },
  { path: '/floor/training', label: 'ppl.nav.training', group: 'ppl.nav.group', roles: [...ADMINS, 'duty_manager', 'team_lead', 'trainer', 'agent'], page: lazy(() => import('./pages/floor/Training')) },
  { path: '/floor/routine', label: 'ppl.nav.routine', group: 'ppl.nav.group', roles: [...ADMINS, 'duty_manager', 'team_lead'], page: lazy(() => import('./pages/floor/Routine')) },
  { path: '/floor/attrition', label: 'ppl.nav.attrition', group: 'ppl.nav.group', roles: [...ADMINS, 'duty_manager', 'team_lead'], page: lazy(() => import('./pages/floor/Attrition')) },
  { path: '/floor/voice', label: 'ppl.nav.voice', group: 'ppl.nav.group', roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'], page: lazy(() => import('./pages/floor/Voice')) },
  { path: '/wfm/erlang', label: 'nav.erlang', group: 'nav.wfm', roles: ['wfm', 'admin', 'center_manager', 'duty_manager', 'team_lead'], page: lazy(() => import('./pages/wfm/Erlang')) },
  { path: '/wfm/schedule', label: 'nav.schedule', group: 'nav.wfm', roles: ['wfm'], page: lazy(() => import('./pages/wfm/Schedule')) },
  { path: '/wfm/adherence', label: 'nav.adherence', group: 'nav.wfm', roles: ['wfm', 'admin', 'center_manager', 'duty_manager', 'team_lead'], page: lazy(() => import('./pages/wfm/Adherence')) },
  { path: '/wfm/swaps', label: 'nav.swaps', group: 'nav.wfm', roles: ['team_lead'], page: lazy(() => import('./pages/wfm/Swaps')) },
  { path: '/wfm/me', label: 'nav.mySchedule', group: 'nav.wfm', roles: ['agent'], page: lazy(() => import('./pages/wfm/MySchedule')) },
];
