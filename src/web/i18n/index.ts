import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale, type Messages } from './types';
import { loadFontsFor } from '../fonts';
import { applyScript } from '../script';
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
const all: Messages[] = [
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
const messagesOf = (l: Locale) => all.reduce((acc, m) => merge(acc, m[l] ?? {}), {} as Record<string, any>);

/**
 * Merges a locale's messages when i18next first needs them (issue 16: all three were merged before the first
 * render; now the screen's locale and the fallback at start, another on a switch). Synchronous, so the first
 * render and a switch find them in place.
 */
const mergeOnUse: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    callback(null, (LOCALES as string[]).includes(language) ? messagesOf(language as Locale) : {});
  },
};

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('cf.locale')) as Locale | null;

void i18n
  .use(mergeOnUse)
  .use(initReactI18next)
  .init({
    lng: saved && LOCALES.includes(saved) ? saved : 'zh-CN',
    fallbackLng: 'zh-CN',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
  });
// the page's language drives the font choice (styles.css :lang) and screen readers
if (typeof document !== 'undefined') {
  document.documentElement.lang = i18n.language;
  loadFontsFor(i18n.language as Locale);
  void applyScript(i18n.language as Locale);
}

export function setLocale(l: Locale) {
  localStorage.setItem('cf.locale', l);
  document.documentElement.lang = l;
  loadFontsFor(l);
  void applyScript(l);
  return i18n.changeLanguage(l);
}

export { i18n, LOCALES, type Locale };
