/**
 * Every capability's messages (add yours to `all`), merged one locale at a time. The browser build does not ship this
 * module: it ships each locale merged as data (bundles.ts, vite.config.ts localeMessages).
 */
import type { Locale, Messages } from './types';
import { platformMessages } from './platform';
import { peopleMessages } from './people';
import { liveMessages } from './live';
import { qaperfMessages } from './qaperf';
import { wfmMessages } from './wfm';
import { kbwoMessages } from './kbwo';
import { notificationMessages } from './notifications';
import { errorMessages } from './errors';
import { factsInputsMessages } from './factsInputs';
import { editMessages } from './edits';
import { factsMessages } from './facts';
import { factsPageMessages } from './factsPage';
import { connectorMessages } from './connectors';
import { phoneMessages } from './phone';
import { historyMessages } from './history';
import { importMessages } from './imports';
import { trainingMessages } from './training';
import { setupMessages } from './setup';
import { floorSetupMessages } from './setupFloor';
import { noticesMessages } from './notices';
import { refusalMessages } from './refusals';
import { recordRefusalMessages } from './recordRefusals';
import { floorWordMessages } from './floorWords';
import { auditMessages } from './audit';
import { timeOffMessages } from './timeOff';
import { planRuleMessages } from './planRules';
import { dutyMessages } from './duty';
import { assessmentMessages } from './assessment';
import { goalsMessages } from './goals';
import { careersMessages } from './careers';
import { multiSkillMessages } from './multiSkill';
import { peerMessages } from './peer';
import { squadMessages } from './squad';
import { floorRulesMessages } from './floorRules';
import { intradayMessages } from './intraday';

/** Every capability's messages; add yours here. */
export const all: Messages[] = [
  platformMessages,
  peopleMessages,
  liveMessages,
  qaperfMessages,
  wfmMessages,
  kbwoMessages,
  notificationMessages,
  errorMessages,
  factsInputsMessages,
  factsMessages,
  factsPageMessages,
  connectorMessages,
  phoneMessages,
  historyMessages,
  importMessages,
  trainingMessages,
  setupMessages,
  floorSetupMessages,
  noticesMessages,
  refusalMessages,
  recordRefusalMessages,
  floorWordMessages,
  auditMessages,
  editMessages,
  timeOffMessages,
  planRuleMessages,
  dutyMessages,
  assessmentMessages,
  goalsMessages,
  careersMessages,
  multiSkillMessages,
  peerMessages,
  squadMessages,
  floorRulesMessages,
  intradayMessages,
];

function merge(into: Record<string, any>, from: Record<string, any>) {
  for (const [k, v] of Object.entries(from)) {
    if (typeof v === 'object' && v) merge((into[k] ??= {}), v);
    else into[k] = v;
  }
  return into;
}

/** One locale's messages, every capability's merged. */
export const messagesOf = (l: Locale) => all.reduce((acc, m) => merge(acc, m[l] ?? {}), {} as Record<string, any>);
