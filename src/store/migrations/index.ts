import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import platform from './001_platform';
import people from './006_people';
import live from './002_live';
import alerts from './003_alerts';
import qaperf from './005_qaperf';
import wfm from './004_wfm';
import kb from './007_kb';
import workorders from './008_workorders';
import liveRollups from './009_live_rollups';
import factsInputs from './015_facts_inputs';
import examLimits from './016_exam_limits';
import liveFloorState from './018_live_floor_state';
import liveCenters from './021_live_centers';
import notifications from './023_notifications';
import factDays from './024_fact_days';
import centerKeys from './032_center_keys';
import factDayClaims from './033_fact_day_claims';
import factAgentSums from './036_fact_agent_sums';
import noticeDelivery from './034_notice_delivery';
import setupArchive from './035_setup_archive';
import liveFloorSnapshots from './037_live_floor_snapshots';
import timeOff from './041_time_off';
import duty from './039_duty';
import emergencyLevels from './040_emergency_levels';
import assessment from './042_assessment';
import kbTermFreq from './051_kb_term_freq';
import liveEventIndexes from './057_live_event_indexes';
import liveEventsFactTrigger from './062_live_events_fact_trigger';
import queueLogLegacyIds from './063_queue_log_legacy_ids';
import goals from './043_goals';
import careers from './044_careers';
import shrinkageCategories from './048_shrinkage_categories';
import skillLevels from './047_skill_levels';
import peer from './045_peer';
import floorRules from './046_floor_rules';
import intraday from './049_intraday';
import auditCenter from './058_audit_center';
import requirementShrinkage from './059_requirement_shrinkage';
import requirementActivityShare from './060_requirement_activity_share';
import squadRoutine from './052_squad_routine';
import shiftQueues from './053_shift_queues';
import planWeeks from './054_plan_weeks';

/**
 * Every migration, by name (run in name order). Each capability owns its own file(s);
 * add a line here for a new one. A number belongs to one migration (migrations.test.ts checks it).
 */
export const migrations: Record<string, (dialect: Dialect) => Migration> = {
  '001_platform': platform,
  '006_people': people,
  '002_live': live,
  '003_alerts': alerts,
  '005_qaperf': qaperf,
  '004_wfm': wfm,
  '007_kb': kb,
  '008_workorders': workorders,
  '009_live_rollups': liveRollups,
  '015_facts_inputs': factsInputs,
  '016_exam_limits': examLimits,
  '018_live_floor_state': liveFloorState,
  '021_live_centers': liveCenters,
  '023_notifications': notifications,
  '024_fact_days': factDays,
  '032_center_keys': centerKeys,
  '033_fact_day_claims': factDayClaims,
  '034_notice_delivery': noticeDelivery,
  '035_setup_archive': setupArchive,
  '037_live_floor_snapshots': liveFloorSnapshots,
  '041_time_off': timeOff,
  '039_duty': duty,
  '040_emergency_levels': emergencyLevels,
  '042_assessment': assessment,
  '051_kb_term_freq': kbTermFreq,
  '043_goals': goals,
  '044_careers': careers,
  '048_shrinkage_categories': shrinkageCategories,
  '047_skill_levels': skillLevels,
  '045_peer': peer,
  '046_floor_rules': floorRules,
  '049_intraday': intraday,
  '058_audit_center': auditCenter,
  '059_requirement_shrinkage': requirementShrinkage,
  '060_requirement_activity_share': requirementActivityShare,
  '052_squad_routine': squadRoutine,
  '053_shift_queues': shiftQueues,
  '054_plan_weeks': planWeeks,
  '036_fact_agent_sums': factAgentSums,
  '057_live_event_indexes': liveEventIndexes,
  '062_live_events_fact_trigger': liveEventsFactTrigger,
  '063_queue_log_legacy_ids': queueLogLegacyIds,
};

/**
 * Migrations whose recorded name changed, old → new. `migrate()` renames them in the migration table
 * before the migrator runs, so a database that ran one under its old name does not run it again.
 *
 * 009 was given twice: `009_notifications` (one platform notifications table, added first) and
 * `009_live_rollups` (added the same day). The live rollups keep 009 because a later migration
 * (live centers) alters their tables and must run after them on a fresh database; notifications are
 * touched by no later migration and became 023: on a fresh database they now run after 018, on an
 * existing one the recorded row is renamed and nothing runs again.
 */
export const renamedMigrations: Readonly<Record<string, string>> = {
  '009_notifications': '023_notifications',
};
