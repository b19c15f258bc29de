import { createContext, createElement, lazy, useContext, useEffect, useState, type ComponentType } from 'react';
import { hasAny, type Me } from './session';

export interface NavItem {
  path: string;
  /** i18n key of the label */
  label: string;
  /** roles that see the item and may open the page */
  roles: readonly string[];
  /** group heading (i18n key) */
  group?: string;
  /** shown only to a squad leader (小队长, GET /api/auth/me squadIds): an agent acting for the lead on their squad */
  squadLeader?: boolean;
  page: LazyPage;
  /**
   * The page draws its first data before the app shell's menu, top-bar bell, demo check and phone tab bar (issue 16:
   * the wallboard's first tiles): opened at start, the shell fills those in once the page called useFirstDrawn.
   */
  drawsFirst?: true;
}

/** A page's code, fetched on its first render; `preload()` starts that fetch earlier (the same request: the browser keeps one module). */
export type LazyPage = ComponentType & { preload: () => Promise<unknown> };

/**
 * A page whose code already arrived (preloaded) renders at once; React.lazy alone suspends its first render even
 * then (the import's promise settles a task later: the fallback was drawn and the page, its socket included,
 * started a step later, issue 16). Each mount keeps the way it started, so a page is never remounted.
 */
function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loaded: ComponentType | undefined;
  let fetching: Promise<{ default: ComponentType }> | undefined;
  const get = () =>
    (fetching ??= load().then(
      (m) => ((loaded = m.default), m),
      (e: unknown) => {
        fetching = undefined; // a chunk that did not arrive is asked again on the next render
        throw e;
      },
    ));
  const Lazy = lazy(get);
  const Page = () => createElement(useState(() => loaded ?? Lazy)[0]);
  return Object.assign(Page, { preload: get });
}

/**
 * Starts fetching the code of the page a URL's hash names (`#/live/wallboard?x`), before the session is known:
 * the page's chunk then arrives beside GET /api/auth/me instead of after it (issue 16: the wallboard's
 * chunk was a step of its own after the sign-in check). Nothing for the home page or an unknown path.
 */
export function preloadPageOf(hash: string): void {
  const path = hash.replace(/^#/, '').split('?')[0];
  void navItems
    .find((n) => n.path === path)
    ?.page.preload()
    .catch(() => {
      // the page's own render reports a chunk that did not arrive
    });
}

/**
 * `#/live/wallboard?kiosk=1`: the wallboard alone, full screen, for the floor's TV (issue 16). The same page (its
 * snapshot, socket, tiles and figures) for the same roles, without the app's shell: no menu, bell or demo check to
 * render and lay out before the first tiles. A language choice and the way back to the app stay in one thin bar.
 */
export const isKiosk = (path: string) => path.split('?')[0] === '/live/wallboard' && new URLSearchParams(path.split('?')[1] ?? '').get('kiosk') === '1';

/** The address's path as App tracks it (`/live/wallboard?kiosk=1`), for a page that shows differently by it. */
export const PathContext = createContext('/');
export const usePath = () => useContext(PathContext);

/** What a page calls once its first data is on screen (App: the shell's deferred parts follow). */
export const FirstDrawnContext = createContext<() => void>(() => {});

/**
 * A page marked drawsFirst says here when its first data is on screen (`drawn` true). The shell fills in after the
 * frame that paints it (the next animation frame, then a task) and once the document has loaded: the menu's words ask
 * font slices of their own, which would otherwise hold the load event and compete with the page's own requests.
 */
export function useFirstDrawn(drawn: boolean) {
  const done = useContext(FirstDrawnContext);
  useEffect(() => {
    if (!drawn) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    const afterFrame = () => (frame = requestAnimationFrame(() => (timer = setTimeout(done))));
    if (document.readyState === 'complete') afterFrame();
    else window.addEventListener('load', afterFrame, { once: true });
    return () => {
      window.removeEventListener('load', afterFrame);
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [drawn, done]);
}

/** Whether the signed-in user sees a menu item and may open its page (the server still checks every call). */
export const mayOpen = (me: Me, n: NavItem) => hasAny(me, n.roles) && (!n.squadLeader || (me.squadIds?.length ?? 0) > 0);

const ADMINS = ['admin', 'center_manager'];

/** Every page; capabilities add theirs. The server still checks every call: this only shapes the menu. */
export const navItems: NavItem[] = [
  { path: '/people/teams', label: 'nav.teams', group: 'nav.people', roles: ADMINS, page: lazyPage(() => import('./pages/people/Teams')) },
  {
    path: '/people/agents',
    label: 'nav.agents',
    group: 'nav.people',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer'],
    page: lazyPage(() => import('./pages/people/Agents')),
  },
  { path: '/people/users', label: 'nav.users', group: 'nav.people', roles: ['admin'], page: lazyPage(() => import('./pages/people/Users')) },
  { path: '/people/audit', label: 'nav.audit', group: 'nav.people', roles: ADMINS, page: lazyPage(() => import('./pages/people/Audit')) },
  // people on the floor (issue 6)
  { path: '/floor/checkin', label: 'ppl.nav.checkin', group: 'ppl.nav.group', roles: ['agent'], page: lazyPage(() => import('./pages/floor/CheckIn')) },
  {
    path: '/floor/mood',
    label: 'ppl.nav.mood',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/floor/MoodBoard')),
  },
  {
    path: '/floor/discipline',
    label: 'ppl.nav.discipline',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'agent'],
    page: lazyPage(() => import('./pages/floor/Discipline')),
  },
  {
    path: '/floor/training',
    label: 'ppl.nav.training',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'trainer', 'agent'],
    page: lazyPage(() => import('./pages/floor/Training')),
  },
  // careers (issue 17): improvement plans and development (IDP, promotions and rotations, talent pool)
  {
    path: '/floor/improvement',
    label: 'careers.nav.improvement',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'team_lead', 'agent'],
    page: lazyPage(() => import('./pages/careers/Improvement')),
  },
  {
    path: '/floor/careers',
    label: 'careers.nav.development',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'team_lead', 'trainer', 'agent'],
    page: lazyPage(() => import('./pages/careers/Development')),
  },
  {
    path: '/floor/routine',
    label: 'ppl.nav.routine',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/floor/Routine')),
  },
  {
    path: '/floor/attrition',
    label: 'ppl.nav.attrition',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/floor/Attrition')),
  },
  {
    path: '/floor/peer',
    label: 'nav.peer',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'trainer', 'wfm', 'agent'],
    page: lazyPage(() => import('./pages/peer/Peer')),
  },
  // a squad leader's part of the lead's routine (issue 17): coaching and listening, the squad's report and figures
  {
    path: '/floor/squad',
    label: 'squad.nav',
    group: 'ppl.nav.group',
    roles: ['agent'],
    squadLeader: true,
    page: lazyPage(() => import('./pages/peer/Squad')),
  },
  {
    path: '/floor/voice',
    label: 'ppl.nav.voice',
    group: 'ppl.nav.group',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'],
    page: lazyPage(() => import('./pages/floor/Voice')),
  },
  {
    path: '/history',
    label: 'nav.history',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'wfm', 'qa', 'team_lead', 'agent'],
    page: lazyPage(() => import('./pages/history/History')),
  },
  {
    path: '/live/wallboard',
    label: 'nav.wallboard',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer'],
    page: lazyPage(() => import('./pages/live/Wallboard')),
    drawsFirst: true,
  },
  {
    path: '/live/alerts',
    label: 'nav.alerts',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer'],
    page: lazyPage(() => import('./pages/live/Alerts')),
  },
  {
    path: '/live/emergency',
    label: 'nav.emergency',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager'],
    page: lazyPage(() => import('./pages/live/Emergency')),
  },
  {
    path: '/live/duty',
    label: 'nav.duty',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager'],
    page: lazyPage(() => import('./pages/live/Duty')),
  },
  // the floor rules as workflows (issue 17, seed 000 第12/13/21/26條) and the call-in asks of the emergency plan
  {
    path: '/floor/faults',
    label: 'nav.faults',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'],
    page: lazyPage(() => import('./pages/floorRules/Faults')),
  },
  {
    path: '/floor/checks',
    label: 'nav.checks',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/floorRules/Checks')),
  },
  {
    path: '/floor/visits',
    label: 'nav.visits',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/floorRules/Visits')),
  },
  {
    path: '/me/callin',
    label: 'nav.callinAsks',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'],
    page: lazyPage(() => import('./pages/floorRules/CallinAsks')),
  },
  {
    path: '/live/import',
    label: 'imp.nav',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager', 'wfm'],
    page: lazyPage(() => import('./pages/live/Import')),
  },
  {
    path: '/live/settings',
    label: 'setup.center.nav',
    group: 'nav.live',
    roles: [...ADMINS, 'duty_manager'],
    page: lazyPage(() => import('./pages/live/CenterSettings')),
  },
  { path: '/live/connectors', label: 'conn.nav', group: 'nav.live', roles: ['admin'], page: lazyPage(() => import('./pages/live/Connectors')) },
  {
    path: '/live/prompts',
    label: 'nav.prompts',
    group: 'nav.live',
    roles: ['center_manager', 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/live/Prompts')),
  },
  // quality (质检) and performance (绩效)
  { path: '/quality/queue', label: 'nav.qaQueue', group: 'nav.quality', roles: ['qa'], page: lazyPage(() => import('./pages/quality/WorkQueue')) },
  { path: '/quality/mine', label: 'nav.myQa', group: 'nav.quality', roles: ['agent'], page: lazyPage(() => import('./pages/quality/MyResults')) },
  {
    path: '/quality/disputes',
    label: 'nav.qaDisputes',
    group: 'nav.quality',
    roles: ['qa', 'center_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/quality/Disputes')),
  },
  {
    path: '/quality/calibration',
    label: 'nav.qaCalibration',
    group: 'nav.quality',
    roles: ['qa', 'center_manager'],
    page: lazyPage(() => import('./pages/quality/Calibration')),
  },
  {
    path: '/quality/reports',
    label: 'nav.qaReports',
    group: 'nav.quality',
    roles: ['qa', 'center_manager', 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/quality/Reports')),
  },
  {
    path: '/quality/coaching',
    label: 'nav.qaCoaching',
    group: 'nav.quality',
    roles: ['qa', 'center_manager', 'team_lead', 'agent'],
    page: lazyPage(() => import('./pages/quality/Coaching')),
  },
  {
    path: '/quality/library',
    label: 'nav.qaLibrary',
    group: 'nav.quality',
    roles: ['qa', 'center_manager', 'duty_manager', 'team_lead', 'trainer', 'agent'],
    page: lazyPage(() => import('./pages/quality/Library')),
  },
  {
    path: '/quality/templates',
    label: 'nav.qaTemplates',
    group: 'nav.quality',
    roles: ['qa', 'center_manager'],
    page: lazyPage(() => import('./pages/quality/Templates')),
  },
  {
    path: '/performance/ranking',
    label: 'nav.ranking',
    group: 'nav.performance',
    roles: ['admin', 'center_manager', 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/performance/Ranking')),
  },
  {
    path: '/performance/facts',
    label: 'nav.facts',
    group: 'nav.performance',
    roles: ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'agent'],
    page: lazyPage(() => import('./pages/performance/Facts')),
  },
  {
    path: '/performance/mine',
    label: 'nav.myScorecard',
    group: 'nav.performance',
    roles: ['agent'],
    page: lazyPage(() => import('./pages/performance/MyScorecard')),
  },
  {
    path: '/performance/contests',
    label: 'nav.contests',
    group: 'nav.performance',
    roles: ['admin', 'center_manager', 'duty_manager', 'team_lead', 'trainer', 'agent'],
    page: lazyPage(() => import('./pages/performance/Contests')),
  },
  {
    path: '/performance/kpis',
    label: 'nav.kpis',
    group: 'nav.performance',
    roles: ['admin', 'center_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/performance/KpiEditor')),
  },
  {
    path: '/performance/assessment',
    label: 'nav.assessment',
    group: 'nav.performance',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer'],
    page: lazyPage(() => import('./pages/assessment/Assessment')),
  },
  // goals and the team lead's scorecard (issue 17)
  {
    path: '/goals',
    label: 'nav.goals',
    group: 'nav.goalsGroup',
    roles: [...ADMINS, 'duty_manager', 'team_lead', 'agent'],
    page: lazyPage(() => import('./pages/goals/Goals')),
  },
  {
    path: '/goals/lead-scorecard',
    label: 'nav.leadScorecard',
    group: 'nav.goalsGroup',
    roles: [...ADMINS, 'team_lead'],
    page: lazyPage(() => import('./pages/goals/LeadScorecard')),
  },
  {
    path: '/wfm/erlang',
    label: 'nav.erlang',
    group: 'nav.wfm',
    roles: ['wfm', 'admin', 'center_manager', 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/wfm/Erlang')),
  },
  { path: '/wfm/schedule', label: 'nav.schedule', group: 'nav.wfm', roles: ['wfm'], page: lazyPage(() => import('./pages/wfm/Schedule')) },
  {
    path: '/wfm/adherence',
    label: 'nav.adherence',
    group: 'nav.wfm',
    roles: ['wfm', 'admin', 'center_manager', 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/wfm/Adherence')),
  },
  {
    path: '/wfm/intraday',
    label: 'nav.intraday',
    group: 'nav.wfm',
    roles: ['wfm', 'duty_manager', 'team_lead'],
    page: lazyPage(() => import('./pages/wfm/Intraday')),
  },
  { path: '/wfm/swaps', label: 'nav.swaps', group: 'nav.wfm', roles: ['team_lead'], page: lazyPage(() => import('./pages/wfm/Swaps')) },
  {
    path: '/wfm/time-off',
    label: 'nav.timeOff',
    group: 'nav.wfm',
    roles: ['agent', 'team_lead', 'wfm'],
    page: lazyPage(() => import('./pages/wfm/TimeOff')),
  },
  { path: '/wfm/me', label: 'nav.mySchedule', group: 'nav.wfm', roles: ['agent'], page: lazyPage(() => import('./pages/wfm/MySchedule')) },
  {
    path: '/kb/search',
    label: 'nav.kbSearch',
    group: 'nav.kb',
    roles: ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'],
    page: lazyPage(() => import('./pages/kb/Search')),
  },
  {
    path: '/kb/editor',
    label: 'nav.kbEditor',
    group: 'nav.kb',
    roles: ['admin', 'center_manager', 'trainer', 'expert', 'duty_manager', 'qa'],
    page: lazyPage(() => import('./pages/kb/Editor')),
  },
  {
    path: '/kb/stats',
    label: 'nav.kbStats',
    group: 'nav.kb',
    roles: ['admin', 'center_manager', 'duty_manager', 'qa', 'trainer', 'expert'],
    page: lazyPage(() => import('./pages/kb/Stats')),
  },
  {
    path: '/wo/board',
    label: 'nav.woBoard',
    group: 'nav.wo',
    roles: ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'],
    page: lazyPage(() => import('./pages/workorders/Board')),
  },
  {
    path: '/wo/reports',
    label: 'nav.woReports',
    group: 'nav.wo',
    roles: ['admin', 'center_manager', 'duty_manager', 'qa', 'team_lead'],
    page: lazyPage(() => import('./pages/workorders/Reports')),
  },
  { path: '/wfm/forecast', label: 'nav.forecast', group: 'nav.wfm', roles: ['wfm'], page: lazyPage(() => import('./pages/wfm/Forecast')) },
  { path: '/wfm/plan-data', label: 'nav.planData', group: 'nav.wfm', roles: ['wfm'], page: lazyPage(() => import('./pages/wfm/PlanData')) },
  {
    path: '/settings/notices',
    label: 'nav.notices',
    group: 'nav.people',
    roles: ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'],
    page: lazyPage(() => import('./pages/settings/Notices')),
  },
  { path: '/wfm/redemptions', label: 'nav.redemptions', group: 'nav.wfm', roles: ['wfm'], page: lazyPage(() => import('./pages/wfm/Redemptions')) },
  // setup that the center changes now and then (issue 14): one group, so it is found in one place
  { path: '/setup/rules', label: 'setup.nav.rules', group: 'setup.nav.group', roles: ADMINS, page: lazyPage(() => import('./pages/setup/Rulebook')) },
  {
    path: '/setup/tasks',
    label: 'setup.nav.tasks',
    group: 'setup.nav.group',
    roles: [...ADMINS, 'duty_manager'],
    page: lazyPage(() => import('./pages/setup/LeadTasks')),
  },
  { path: '/setup/leavers', label: 'setup.nav.leavers', group: 'setup.nav.group', roles: ADMINS, page: lazyPage(() => import('./pages/setup/Leavers')) },
  {
    path: '/setup/points',
    label: 'setup.nav.points',
    group: 'setup.nav.group',
    roles: ['wfm', ...ADMINS],
    page: lazyPage(() => import('./pages/setup/PointsRules')),
  },
  {
    path: '/setup/departments',
    label: 'setup.nav.departments',
    group: 'setup.nav.group',
    roles: ADMINS,
    page: lazyPage(() => import('./pages/setup/Departments')),
  },
  {
    path: '/setup/workorders',
    label: 'setup.nav.woTypes',
    group: 'setup.nav.group',
    roles: ADMINS,
    page: lazyPage(() => import('./pages/setup/WorkOrderTypes')),
  },
];
