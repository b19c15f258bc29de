/**
 * Every route × every role. Two checks:
 * 1. each route's declared access equals the reviewed table below — a new route, or a changed rule,
 *    fails here until someone writes down who may call it;
 * 2. the running server enforces it: a denied role gets 403 (reason 'role.notAllowed'), an allowed role never
 *    does, and without a session every non-public route answers 401.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from '../core/roles';
import { freshStore } from '../store/testing';
import { allRoutes } from './routes/index';
import { buildApp } from './app';
import { seedTestOrg, signIn } from './testing';

const ADM = 'admin,center_manager';
const STAFF = 'admin,center_manager,duty_manager,team_lead,qa,wfm,trainer,expert';
const WFM_VIEW = 'admin,center_manager,duty_manager,team_lead,wfm';
const KB_ED = 'admin,center_manager,trainer,expert';
const KB_REV = 'admin,center_manager,duty_manager,qa';
const ASSESS_READ = 'admin,center_manager,duty_manager,team_lead,qa,wfm,trainer';
const PEER_ED = 'admin,center_manager,team_lead';
const PEER_READ = 'admin,center_manager,duty_manager,team_lead,trainer,agent';

/** The reviewed access table: 'public', 'any' (any signed-in user, scoped in the handler) or roles. */
export const EXPECTED_ACCESS: Record<string, string> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'any',
  'GET /api/auth/me': 'any',
  'PUT /api/auth/locale': 'any',
  'POST /api/auth/password': 'any',
  'GET /api/centers': 'any',
  'GET /api/teams': 'any',
  'POST /api/teams': ADM,
  'PATCH /api/teams/:id': ADM,
  'GET /api/teams/lead-candidates': ADM,
  'GET /api/agents': 'any',
  'GET /api/agents/:id': 'any',
  'POST /api/agents': ADM,
  'PATCH /api/agents/:id': ADM,
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PUT /api/users/:id/roles': 'admin',
  'PATCH /api/users/:id': 'admin',
  'GET /api/audit': ADM,
  'GET /api/settings/:key': STAFF,
  'PUT /api/settings/:key': ADM,
  // people (issue 6)
  'GET /api/people/config': 'any',
  'GET /api/people/rules': 'any',
  'PUT /api/people/rules': ADM,
  'POST /api/people/violations': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/violations': 'any',
  'GET /api/people/fund': 'any',
  'POST /api/people/fund/spending': 'admin,center_manager,team_lead',
  'POST /api/people/attendance/import': 'admin,center_manager,wfm',
  'GET /api/people/attendance': 'any',
  'POST /api/people/mood': 'agent',
  'GET /api/people/mood/mine': 'agent',
  'GET /api/people/mood/board': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/mood/cycles': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/mood/prompts': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/people/notes': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/notes': 'any',
  'POST /api/people/notes/:id/done': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/people/voice': 'any',
  'GET /api/people/voice': 'any',
  'POST /api/people/voice/:id/reply': 'admin,center_manager,duty_manager',
  'POST /api/people/surveys': ADM,
  'PATCH /api/people/surveys/:id': ADM,
  'DELETE /api/people/surveys/:id': ADM,
  'GET /api/people/surveys': 'any',
  'POST /api/people/surveys/:id/answers': 'any',
  'GET /api/people/surveys/:id/results': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/courses': 'any',
  'POST /api/people/courses': 'admin,center_manager,trainer',
  'PATCH /api/people/courses/:id': 'admin,center_manager,trainer',
  'DELETE /api/people/courses/:id': 'admin,center_manager,trainer',
  'GET /api/people/plan': 'any',
  'POST /api/people/plan': 'admin,center_manager,trainer',
  'PATCH /api/people/plan/:id': 'admin,center_manager,trainer',
  'DELETE /api/people/plan/:id': 'admin,center_manager,trainer',
  'GET /api/people/sessions': STAFF,
  'POST /api/people/sessions': 'admin,center_manager,trainer',
  'PATCH /api/people/sessions/:id': 'admin,center_manager,trainer',
  'DELETE /api/people/sessions/:id': 'admin,center_manager,trainer',
  'PUT /api/people/sessions/:id/attendance': 'admin,center_manager,trainer',
  'GET /api/people/questions': 'admin,center_manager,trainer',
  'POST /api/people/questions': 'admin,center_manager,trainer',
  'PATCH /api/people/questions/:id': 'admin,center_manager,trainer',
  'DELETE /api/people/questions/:id': 'admin,center_manager,trainer',
  'GET /api/people/exams': 'any',
  'POST /api/people/exams': 'admin,center_manager,trainer',
  'PATCH /api/people/exams/:id': 'admin,center_manager,trainer',
  'DELETE /api/people/exams/:id': 'admin,center_manager,trainer',
  'POST /api/people/exams/:id/release-marks': 'admin,center_manager,trainer',
  'POST /api/people/exams/:id/start': 'agent',
  'POST /api/people/attempts/:id/submit': 'agent',
  'GET /api/people/attempts/pending': 'admin,center_manager,trainer',
  'POST /api/people/attempts/:id/marks': 'admin,center_manager,trainer',
  'GET /api/people/attempts/:id': 'any',
  'GET /api/people/attempts': 'any',
  'GET /api/people/cert-queues': 'any',
  'PUT /api/people/cert-queues/:queue': 'admin,center_manager,trainer',
  'DELETE /api/people/cert-queues/:queue': 'admin,center_manager,trainer',
  'GET /api/people/certifications': 'any',
  'GET /api/people/certifications/warnings': 'any',
  'GET /api/people/agents/:id/record': 'any',
  'GET /api/people/briefing': 'any',
  'POST /api/people/notices': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/people/notices/:id/read': 'agent',
  // an agent only as a squad leader (issue 17): coaching and listening about their squad's members, refused otherwise in the use case
  'GET /api/people/shift-log': 'admin,center_manager,duty_manager,team_lead,agent',
  'POST /api/people/shift-log': 'team_lead,agent',
  'POST /api/people/reports': 'team_lead',
  'GET /api/people/reports': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/reports/aggregate': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/tasks': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/people/tasks': 'admin,center_manager,duty_manager',
  'PATCH /api/people/tasks/:id': 'admin,center_manager,duty_manager',
  'DELETE /api/people/tasks/:id': 'admin,center_manager,duty_manager',
  'POST /api/people/tasks/:id/done': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/tasks/completion': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/people/leavers': ADM,
  'GET /api/people/attrition': 'admin,center_manager,duty_manager,team_lead',
  'GET /api/people/at-risk': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/events': 'admin,duty_manager',
  'POST /api/import': 'admin,center_manager,wfm,duty_manager',
  'GET /api/import/progress/:job': 'admin,center_manager,wfm,duty_manager',
  'GET /api/reports/kpi': 'any',
  'GET /api/reports/analysis': 'admin,center_manager,duty_manager,wfm,qa,team_lead',
  'GET /api/facts': 'any',
  'GET /api/floor/now': 'any',
  'GET /api/floor/thresholds': STAFF,
  'PUT /api/floor/thresholds': 'admin,center_manager,duty_manager',
  'GET /api/alerts': 'admin,center_manager,duty_manager,qa,wfm,trainer,team_lead',
  'POST /api/alerts/:id/acknowledge': 'center_manager,duty_manager',
  'POST /api/alerts/:id/close': 'center_manager,duty_manager',
  'GET /api/emergency/staff': 'admin,center_manager,duty_manager',
  'POST /api/emergency/staff': 'admin,center_manager,duty_manager',
  'PATCH /api/emergency/staff/:id': 'admin,center_manager,duty_manager',
  'GET /api/emergency/callins': 'admin,center_manager,duty_manager',
  'POST /api/emergency/callins': 'center_manager,duty_manager',
  'POST /api/emergency/callins/:id/end': 'center_manager,duty_manager',
  'GET /api/emergency/report': 'admin,center_manager,duty_manager',
  'PUT /api/emergency/rate': ADM,
  // the duty-manager regime (issue 17): the center manager edits the roster and the plan's levels,
  // duty managers read them and act (handovers, raise / stand down); the floor sees who is on duty
  'GET /api/duty/shifts': 'admin,center_manager,duty_manager',
  'POST /api/duty/shifts': ADM,
  'DELETE /api/duty/shifts/:id': ADM,
  'GET /api/duty/current': 'admin,center_manager,duty_manager,qa,wfm,trainer,team_lead',
  'GET /api/duty/shifts/:id/handover-draft': 'center_manager,duty_manager',
  'POST /api/duty/shifts/:id/handover': 'center_manager,duty_manager',
  'GET /api/duty/handovers': 'admin,center_manager,duty_manager',
  'POST /api/duty/handovers/:id/acknowledge': 'center_manager,duty_manager',
  'GET /api/duty/shifts/:id/figures': 'admin,center_manager,duty_manager',
  'GET /api/duty/scorecard': 'admin,center_manager,duty_manager',
  'GET /api/emergency/levels': 'admin,center_manager,duty_manager',
  'PUT /api/emergency/levels': ADM,
  'GET /api/emergency/activations': 'admin,center_manager,duty_manager',
  'GET /api/emergency/activations/:id': 'admin,center_manager,duty_manager',
  'POST /api/emergency/activations': 'center_manager,duty_manager',
  'POST /api/emergency/activations/:id/confirm': 'center_manager,duty_manager',
  'POST /api/emergency/activations/:id/dismiss': 'center_manager,duty_manager',
  'POST /api/emergency/activations/:id/stand-down': 'center_manager,duty_manager',
  // whoever is on a level's call-in order answers their own ask (another's is 404)
  'GET /api/emergency/asks': 'any',
  'POST /api/emergency/asks/:id/answer': 'any',
  // the floor rules (issue 17): anyone reports a fault (an agent sees their own), the duty manager / IT fixes it;
  // leads and managers check hygiene and safety and keep the visitor log; managers announce visits to the floor
  'GET /api/floor/faults': 'any',
  'POST /api/floor/faults': 'any',
  'POST /api/floor/faults/:id/fixed': 'admin,center_manager,duty_manager',
  'GET /api/floor/faults/figures': 'admin,center_manager,duty_manager',
  'GET /api/floor/checklist': 'admin,center_manager,duty_manager,team_lead',
  'PUT /api/floor/checklist': 'admin,center_manager,duty_manager',
  'GET /api/floor/checks': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/floor/checks': 'center_manager,duty_manager,team_lead',
  'POST /api/floor/checks/:id/follow-up': 'center_manager,duty_manager,team_lead',
  'GET /api/floor/visits': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/floor/visits': 'center_manager,duty_manager,team_lead',
  'POST /api/floor/visits/:id/out': 'center_manager,duty_manager,team_lead',
  'GET /api/floor/visit-notices': 'admin,center_manager,duty_manager,qa,wfm,trainer,team_lead',
  'POST /api/floor/visit-notices': 'admin,center_manager,duty_manager',
  'GET /api/prompts': 'center_manager,duty_manager,team_lead',
  'POST /api/prompts/:id/done': 'center_manager,duty_manager,team_lead',
  'POST /api/floor/complaints': 'any',
  // quality (質檢): evaluators are `qa`; disputes are decided by the QA lead or a center manager (narrowed in the handler)
  'GET /api/quality/templates': 'any',
  'POST /api/quality/templates': 'qa,center_manager',
  'GET /api/quality/calls': 'qa,center_manager,team_lead',
  'POST /api/quality/calls': 'qa,center_manager,admin',
  'GET /api/quality/work-queue': 'qa,center_manager',
  'POST /api/quality/work-queue/generate': 'qa,center_manager',
  'POST /api/quality/evaluations': 'qa',
  'GET /api/quality/evaluations': 'any',
  'GET /api/quality/evaluations/:id': 'any',
  'POST /api/quality/evaluations/:id/disputes': 'agent',
  'GET /api/quality/disputes': 'any',
  'POST /api/quality/disputes/:id/decision': 'qa,center_manager',
  'GET /api/quality/evaluators': 'qa,center_manager',
  'GET /api/quality/calibrations': 'qa,center_manager',
  'POST /api/quality/calibrations': 'qa,center_manager',
  'GET /api/quality/calibrations/:id': 'qa,center_manager',
  'POST /api/quality/calibrations/:id/close': 'qa,center_manager',
  'GET /api/quality/library': 'any',
  'POST /api/quality/library': 'qa,center_manager,team_lead',
  'DELETE /api/quality/library/:id': 'qa,center_manager',
  'GET /api/quality/reports': 'qa,center_manager,duty_manager,team_lead',
  'GET /api/quality/coaching': 'any',
  'POST /api/quality/coaching': 'team_lead,qa,center_manager',
  'POST /api/quality/coaching/:id/follow-up': 'team_lead,qa,center_manager',
  // performance (績效)
  'GET /api/performance/kpis': 'any',
  'PUT /api/performance/kpis': ADM,
  'GET /api/performance/figures': 'admin,center_manager,duty_manager,team_lead,wfm',
  'POST /api/performance/figures': 'admin,center_manager,wfm',
  'POST /api/performance/figures/csv': 'admin,center_manager,wfm',
  'GET /api/performance/scorecards': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/performance/months/:month/publish': ADM,
  'GET /api/performance/publications': 'any',
  'GET /api/performance/published': 'any',
  'GET /api/performance/my-scorecard': 'any',
  'GET /api/performance/export': ADM,
  'GET /api/performance/contests': 'any',
  'POST /api/performance/contests': ADM,
  'GET /api/performance/contests/:id': 'any',
  'DELETE /api/performance/contests/:id': ADM,
  'GET /api/performance/camp': 'any',
  'POST /api/wfm/erlang': WFM_VIEW,
  'POST /api/wfm/history': 'wfm',
  'POST /api/wfm/forecasts/backtest': 'wfm',
  'POST /api/wfm/forecasts': 'wfm',
  'GET /api/wfm/forecasts': WFM_VIEW,
  'GET /api/wfm/forecasts/:id': WFM_VIEW,
  'GET /api/wfm/templates': WFM_VIEW,
  'PUT /api/wfm/templates': 'wfm',
  'GET /api/wfm/contracts': 'wfm',
  'PUT /api/wfm/contracts/:id': 'wfm',
  'POST /api/wfm/leave': 'wfm',
  'POST /api/wfm/requirements': 'wfm',
  'GET /api/wfm/requirements': WFM_VIEW,
  'GET /api/wfm/shrinkage': WFM_VIEW,
  'PUT /api/wfm/shrinkage': 'wfm',
  'POST /api/wfm/schedule-runs': 'wfm',
  'POST /api/wfm/multi-skill/plan': 'wfm',
  'GET /api/wfm/schedule-runs': WFM_VIEW,
  'GET /api/wfm/schedule-runs/:id': WFM_VIEW,
  'POST /api/wfm/schedule-runs/:id/publish': 'wfm',
  'PATCH /api/wfm/shifts/:id': 'wfm',
  'GET /api/wfm/my-schedule': 'any',
  'POST /api/wfm/swaps': 'agent',
  'POST /api/wfm/time-off': 'agent',
  'GET /api/wfm/time-off': `${WFM_VIEW},agent`,
  'POST /api/wfm/time-off/:id/decide': 'team_lead,wfm',
  'GET /api/wfm/time-off/allowance': `${WFM_VIEW},agent`,
  'GET /api/wfm/intraday/plan': WFM_VIEW,
  'GET /api/wfm/intraday/settings': WFM_VIEW,
  'PUT /api/wfm/intraday/settings': 'duty_manager,wfm',
  'POST /api/wfm/intraday/breaks': 'duty_manager,team_lead,wfm',
  'POST /api/wfm/intraday/offers': 'duty_manager,team_lead,wfm',
  'GET /api/wfm/intraday/my-offers': 'agent',
  'POST /api/wfm/intraday/offers/:id/answer': 'agent',
  'GET /api/wfm/swaps': 'any',
  'POST /api/wfm/swaps/:id/decide': 'team_lead',
  'POST /api/wfm/state-segments': 'admin,wfm',
  'GET /api/wfm/adherence': WFM_VIEW,
  'GET /api/wfm/intraday': WFM_VIEW,
  'POST /api/wfm/peak-slots': 'wfm',
  'GET /api/wfm/peak-slots': 'any',
  'POST /api/wfm/peak-slots/:id/subscribe': 'agent',
  'POST /api/wfm/peak-slots/:id/confirm': 'wfm',
  'PUT /api/wfm/peak-rule': 'wfm',
  'GET /api/wfm/points-rules': WFM_VIEW,
  'PUT /api/wfm/points-rules': 'wfm',
  'POST /api/wfm/points/earn': 'wfm',
  'GET /api/wfm/points': 'any',
  'POST /api/wfm/redemptions': 'agent',
  'GET /api/wfm/redemptions': 'any',
  'POST /api/wfm/redemptions/:id/decide': 'wfm',
  // knowledge base
  'GET /api/kb/categories': 'any',
  'POST /api/kb/categories': KB_ED,
  'GET /api/kb/articles': 'any',
  'POST /api/kb/articles': KB_ED,
  'GET /api/kb/articles/:id': 'any',
  'PUT /api/kb/articles/:id': KB_ED,
  'GET /api/kb/articles/:id/versions': KB_ED + ',duty_manager,qa',
  'POST /api/kb/articles/:id/versions/:version/submit': KB_ED,
  'POST /api/kb/articles/:id/versions/:version/review': KB_REV,
  'POST /api/kb/articles/:id/versions/:version/restore': KB_ED,
  'POST /api/kb/articles/:id/archive': KB_ED,
  'POST /api/kb/articles/:id/vote': 'any',
  'POST /api/kb/articles/:id/attachments': KB_ED,
  'GET /api/kb/attachments/:id': 'any',
  'GET /api/kb/review-queue': KB_REV,
  'GET /api/kb/search': 'any',
  'GET /api/kb/suggest': 'any',
  'GET /api/kb/stats': 'admin,center_manager,duty_manager,qa,trainer,expert',
  // work orders (who may move an order is the core's data, checked in the handler)
  'GET /api/workorders/config': 'any',
  'GET /api/workorders': 'any',
  'POST /api/workorders': 'any',
  'GET /api/workorders/callbacks': 'any',
  'GET /api/workorders/reports': 'admin,center_manager,duty_manager,qa,team_lead',
  'GET /api/workorders/repeat-complainers': 'qa,duty_manager,center_manager,expert',
  'POST /api/workorders/departments': ADM,
  'PATCH /api/workorders/departments/:id': ADM,
  'DELETE /api/workorders/departments/:id': ADM,
  'PUT /api/workorders/types/:type': ADM,
  'GET /api/workorders/:id': 'any',
  'POST /api/workorders/:id/transitions': 'any',
  'POST /api/workorders/:id/attempts': 'any',
  'POST /api/workorders/:id/qa-review': 'qa,duty_manager,center_manager,expert',
  'POST /api/workorders/:id/verdict': 'duty_manager,center_manager',
  'PUT /api/workorders/:id/call': 'any',
  'GET /api/notifications': 'any',
  'POST /api/notifications/read': 'any',
  'GET /api/notices/channels': 'any',
  'PUT /api/notices/channels': 'any',
  'POST /api/notices/test': 'any',
  'GET /api/notices/deliveries': 'any',
  'GET /api/notices/center-deliveries': 'admin,center_manager,duty_manager',
  'GET /api/notices/robots': 'admin,center_manager,duty_manager',
  'POST /api/notices/robots': ADM,
  'DELETE /api/notices/robots/:id': ADM,
  'POST /api/notices/robots/:id/test': ADM,
  // the center's self-assessment (issue 17): managers edit and run rounds; the floor's staff read and own gaps; no agents, no expert seats
  'GET /api/assessment/checklist': ASSESS_READ,
  'POST /api/assessment/points': ADM,
  'PUT /api/assessment/levels': ADM,
  'GET /api/assessment/rounds': ASSESS_READ,
  'POST /api/assessment/rounds': ADM,
  'GET /api/assessment/rounds/:id': ASSESS_READ,
  'PUT /api/assessment/rounds/:id/scores': ADM,
  'PUT /api/assessment/rounds/:id/gaps': ADM,
  'GET /api/assessment/gaps': ASSESS_READ,
  'PATCH /api/assessment/gaps/:id': ASSESS_READ,
  // goals and the lead scorecard (issue 17): leads set their teams' goals, managers anyone's; agents read their own and their team's
  'GET /api/goals': 'admin,center_manager,duty_manager,team_lead,agent',
  'GET /api/goals/options': 'admin,center_manager,team_lead',
  'GET /api/goals/:id': 'admin,center_manager,duty_manager,team_lead,agent',
  'POST /api/goals': 'admin,center_manager,team_lead',
  'PATCH /api/goals/:id': 'admin,center_manager,team_lead',
  'GET /api/goals/lead-scorecards': 'admin,center_manager,team_lead',
  'PUT /api/goals/lead-scorecards/config': ADM,
  // careers (issue 17): leads (their teams) run plans, add IDP items and nominate; managers record moves and review
  // nominations; trainers edit course items of IDPs; agents read their own and acknowledge their plan's steps
  'GET /api/careers/options': 'admin,center_manager,team_lead,trainer,agent',
  'GET /api/careers/idp': 'admin,center_manager,team_lead,trainer,agent',
  'POST /api/careers/idp': 'admin,center_manager,team_lead,trainer',
  'PATCH /api/careers/idp/:id': 'admin,center_manager,team_lead,trainer',
  'GET /api/careers/moves': 'admin,center_manager,team_lead,agent',
  'POST /api/careers/moves': ADM,
  'GET /api/careers/talent': 'admin,center_manager,team_lead',
  'POST /api/careers/talent': 'admin,center_manager,team_lead',
  'PATCH /api/careers/talent/:id': ADM,
  'GET /api/careers/plans': 'admin,center_manager,team_lead,agent',
  'GET /api/careers/plans/proposals': 'admin,center_manager,team_lead',
  'POST /api/careers/plans': 'admin,center_manager,team_lead',
  'GET /api/careers/plans/:id': 'admin,center_manager,team_lead,agent',
  'POST /api/careers/plans/:id/steps': 'admin,center_manager,team_lead',
  'PATCH /api/careers/steps/:id': 'admin,center_manager,team_lead',
  'POST /api/careers/steps/:id/ack': 'agent',
  'POST /api/careers/plans/:id/decision': 'admin,center_manager,team_lead',
  // peer help (issue 17): leads make plans and name squads; readers (agents too) see their reach; a squad leader is an agent with a delegation
  'GET /api/peer/plans': PEER_READ,
  'POST /api/peer/plans': PEER_ED,
  'GET /api/peer/plans/:id': PEER_READ,
  'POST /api/peer/plans/:id/follow-ups': PEER_READ,
  'POST /api/peer/plans/:id/close': PEER_ED,
  'GET /api/peer/squads': PEER_READ,
  'PUT /api/peer/squads': PEER_ED,
  'DELETE /api/peer/squads/:id': PEER_ED,
  'GET /api/peer/squads/:id/figures': PEER_READ,
  'GET /api/peer/squads/:id/live': PEER_READ,
  'GET /api/peer/squad-reports': PEER_READ,
  'POST /api/peer/squads/:id/reports': PEER_READ,
  'GET /api/peer/shadowing': 'admin,center_manager,duty_manager,team_lead,wfm,agent',
  'GET /api/peer/shadowing/options': 'admin,center_manager,team_lead,wfm,agent',
  'POST /api/peer/shadowing': 'admin,center_manager,team_lead,wfm,agent',
  'DELETE /api/peer/shadowing/:id': 'admin,center_manager,team_lead,wfm,agent',
  'POST /api/performance/figures/compute': 'admin,center_manager,wfm',
  // workforce management: forecast page, holiday calendar, leave list
  'GET /api/wfm/history': WFM_VIEW,
  'GET /api/wfm/history/queues': WFM_VIEW,
  'GET /api/wfm/holidays': WFM_VIEW,
  'PUT /api/wfm/holidays': 'wfm',
  'GET /api/wfm/leave': 'wfm',
  // connectors: configuration is the admin's (secrets write-only); the webhook is signed per center
  // (HMAC, not a session); supervisor actions for floor managers and team leads (their teams, in the handler)
  'GET /api/connectors': 'admin',
  'PUT /api/connectors': 'admin',
  'POST /api/connectors/webhook/:centerId': 'public',
  'GET /api/live/actions': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/live/agents/:agentId/pause': 'admin,center_manager,duty_manager,team_lead',
  'POST /api/live/agents/:agentId/queues': 'admin,center_manager,duty_manager,team_lead',
};

/** 'public' routes authenticated by a signature instead of a session (HMAC per center). */
const SIGNED_ROUTES = new Set(['POST /api/connectors/webhook/:centerId']);

const declared = (a: (typeof allRoutes)[number]['access']) => (typeof a === 'string' ? a : [...a].sort().join(','));
const norm = (s: string) => (s === 'public' || s === 'any' ? s : s.split(',').sort().join(','));

test('every route declares access and matches the reviewed table', () => {
  const missing: string[] = [];
  for (const r of allRoutes) {
    const key = `${r.method} ${r.url}`;
    if (!(key in EXPECTED_ACCESS)) missing.push(`${key} (declares ${declared(r.access)})`);
    else assert.equal(declared(r.access), norm(EXPECTED_ACCESS[key]), `access of ${key}`);
  }
  assert.deepEqual(missing, [], 'routes missing from EXPECTED_ACCESS');
  const stale = Object.keys(EXPECTED_ACCESS).filter((k) => !allRoutes.some((r) => `${r.method} ${r.url}` === k));
  assert.deepEqual(stale, [], 'EXPECTED_ACCESS lists routes that no longer exist');
});

test('the server enforces the matrix for every role', async () => {
  const store = await freshStore('sqlite');
  await seedTestOrg(store);
  const { app } = await buildApp({ store, webRoot: null, loginAttemptsPerMinute: 10_000 });
  await app.ready();
  // logout last, it ends the session used for the rest
  const routes = [...allRoutes].sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
  const url = (u: string) => u.replace(/:[A-Za-z_]+/g, '1');
  const problems: string[] = [];
  for (const r of routes) {
    if (r.access === 'public') continue;
    const anon = await app.inject({ method: r.method, url: url(r.url), payload: r.method === 'GET' ? undefined : {} });
    if (anon.statusCode !== 401) problems.push(`anonymous ${r.method} ${r.url} → ${anon.statusCode}`);
  }
  for (const role of ROLES) {
    const c = await signIn(app, role === 'agent' ? 'a1' : role);
    for (const r of routes) {
      const res = await c.req(r.method, url(r.url), r.method === 'GET' ? undefined : {});
      const roleDenied = res.status === 403 && res.body?.reason === 'role.notAllowed';
      const expected = EXPECTED_ACCESS[`${r.method} ${r.url}`];
      const allowed = expected === 'public' || expected === 'any' || expected.split(',').includes(role);
      const key = `${r.method} ${r.url}`;
      // a signed route answers an unsigned request 401 whoever is signed in
      if (SIGNED_ROUTES.has(key)) {
        if (res.status !== 401) problems.push(`unsigned ${key} as ${role} → ${res.status}, expected 401`);
        continue;
      }
      if (allowed && (roleDenied || res.status === 401)) problems.push(`${role} refused on ${r.method} ${r.url} (${res.status})`);
      if (!allowed && !roleDenied) problems.push(`${role} not refused on ${r.method} ${r.url} (${res.status})`);
    }
  }
  assert.deepEqual(problems, []);
  await app.close();
  await store.close();
});
