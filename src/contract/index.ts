/**
 * The contract, by capability (issue 13). Add a capability's endpoints and topics here; the
 * contract test checks that every route implements an entry and every entry is implemented.
 */
import type { Endpoint, Topic } from './endpoint';
import { connectors } from './connectors';
import { facts } from './facts';
import { kb } from './kb';
import { live, liveTopics } from './live';
import { liveIngest } from './liveIngest';
import { notifications, userTopic } from './notifications';
import { people } from './people';
import { training } from './peopleTraining';
import { quality } from './quality';
import { workorders, workordersTopic } from './workorders';
import { performance } from './performance';
import { platform } from './platform';
import { wfm } from './wfm';
import { notices } from './notices';
import { timeOff } from './wfmTimeOff';
import { intraday } from './wfmIntraday';
import { duty, emergencyPlan } from './duty';
import { assessment } from './assessment';
import { goals } from './goals';
import { careers } from './careers';
import { peer } from './peer';
import { floorRules } from './floorRules';

export const contract = {
  live,
  duty,
  emergencyPlan,
  notifications,
  notices,
  facts,
  liveIngest,
  connectors,
  kb,
  workorders,
  training,
  quality,
  people,
  platform,
  performance,
  wfm,
  timeOff,
  intraday,
  assessment,
  goals,
  careers,
  peer,
  floorRules,
};

/** Every live topic (the socket's messages by topic). */
export const topics = {
  ...liveTopics,
  user: userTopic,
  workorders: workordersTopic,
};

export type Contract = typeof contract;
export type Topics = typeof topics;

/** Every endpoint of the contract, with its capability and name. */
export function allEndpoints(): { capability: string; name: string; endpoint: Endpoint }[] {
  return Object.entries(contract as Record<string, Record<string, Endpoint>>).flatMap(([capability, eps]) =>
    Object.entries(eps).map(([name, endpoint]) => ({ capability, name, endpoint })),
  );
}

export function allTopics(): Topic[] {
  return Object.values(topics);
}

export * from './endpoint';
