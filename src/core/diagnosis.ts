/**
 * The four-indicator diagnosis (DESIGN.md, seed 000 fourth article) plus long-wait / long-call
 * alerts, as pure rules over figures. Thresholds are data: per-center settings override the
 * defaults below.
 */
export interface DiagnosisThresholds {
  /** answer rate below this is "low" (not numbered in the seeds; a common target) */
  answerRateTarget: number;
  /** occupancy above this is "high" */
  occupancyHigh: number;
  /** occupancy below this is "low" */
  occupancyLow: number;
  /** idle share above this suggests overstaffing (seed 000: 待話時長超過20%) */
  idleShareMax: number;
  /** not-ready share is abnormal when above usual × factor AND above usual + minExcess */
  notReadyFactor: number;
  notReadyMinExcess: number;
  /** no answer-rate verdict on fewer offered calls than this (too few to judge) */
  minOffered: number;
  /** no share verdict on less staffed time than this, s */
  minStaffedS: number;
  /** a call waiting longer than this raises a long-wait alert, s */
  longWaitS: number;
  /** a call talking longer than this raises a long-call alert (and a break prompt), s */
  longCallS: number;
}

/** The center setting that overrides the defaults below (a partial DiagnosisThresholds). */
export const DIAGNOSIS_THRESHOLDS_KEY = 'live.thresholds';

export const DEFAULT_DIAGNOSIS_THRESHOLDS: Readonly<DiagnosisThresholds> = Object.freeze({
  answerRateTarget: 0.85,
  occupancyHigh: 0.85,
  occupancyLow: 0.7,
  idleShareMax: 0.2,
  notReadyFactor: 1.5,
  notReadyMinExcess: 0.05,
  minOffered: 10,
  minStaffedS: 1800,
  longWaitS: 120,
  longCallS: 1200,
});

export type FindingKind = 'understaffed' | 'overstaffed' | 'idleHigh' | 'notReadyAbnormal' | 'longWait' | 'longCall';

export interface Finding {
  kind: FindingKind;
  /** what it is about: a queue, team, agent, call */
  scope: 'center' | 'queue' | 'team' | 'agent' | 'call';
  subject: string;
  /** the figures that triggered it, by DESIGN.md name */
  figures: Record<string, number | null>;
  /** suggested action, in words from DESIGN.md */
  action: string;
}

export interface ScopeFigures {
  scope: 'center' | 'queue' | 'team';
  subject: string;
  offered: number;
  answerRate: number | null;
  occupancy: number | null;
  idleShare: number | null;
  staffed: number;
}

/** The first three indicators for one queue / team / center. */
export function diagnoseScope(f: ScopeFigures, th: DiagnosisThresholds = DEFAULT_DIAGNOSIS_THRESHOLDS): Finding[] {
  const out: Finding[] = [];
  const base = { scope: f.scope, subject: f.subject } as const;
  const judgeAnswer = f.offered >= th.minOffered && f.answerRate !== null && f.occupancy !== null;
  if (judgeAnswer && f.answerRate! < th.answerRateTarget && f.occupancy! > th.occupancyHigh) {
    out.push({
      ...base,
      kind: 'understaffed',
      figures: { answerRate: f.answerRate, occupancy: f.occupancy },
      action: 'add people now (emergency plan); recruit',
    });
  }
  if (judgeAnswer && f.answerRate! >= th.answerRateTarget && f.occupancy! < th.occupancyLow) {
    out.push({
      ...base,
      kind: 'overstaffed',
      figures: { answerRate: f.answerRate, occupancy: f.occupancy },
      action: 'move shifts',
    });
  }
  if (f.staffed >= th.minStaffedS && f.idleShare !== null && f.idleShare > th.idleShareMax) {
    out.push({
      ...base,
      kind: 'idleHigh',
      figures: { idleShare: f.idleShare, answerRate: f.answerRate, occupancy: f.occupancy },
      action: 'probably overstaffed: check answerRate and occupancy too',
    });
  }
  return out;
}

export interface NotReadyFigures {
  scope: 'agent' | 'team';
  subject: string;
  notReadyShare: number | null;
  /** the same person's / team's usual share (e.g. same weekday and hours over past weeks) */
  usualShare: number | null;
  staffed: number;
}

/** Fourth indicator: not-ready far above its usual share; sorted worst first. */
export function abnormalNotReady(list: readonly NotReadyFigures[], th: DiagnosisThresholds = DEFAULT_DIAGNOSIS_THRESHOLDS): Finding[] {
  const hits: { f: Finding; excess: number }[] = [];
  for (const x of list) {
    if (x.notReadyShare === null || x.usualShare === null || x.staffed < th.minStaffedS) continue;
    const excess = x.notReadyShare - x.usualShare;
    if (x.notReadyShare > x.usualShare * th.notReadyFactor && excess > th.notReadyMinExcess) {
      hits.push({
        excess,
        f: {
          kind: 'notReadyAbnormal',
          scope: x.scope,
          subject: x.subject,
          figures: { notReadyShare: x.notReadyShare, usualShare: x.usualShare },
          action: 'not-ready is pulling answerRate down: talk to them',
        },
      });
    }
  }
  return hits.sort((a, b) => b.excess - a.excess).map((h) => h.f);
}

export interface WaitingCall {
  callId: string;
  queue: string;
  waitS: number;
}
export interface TalkingAgent {
  agent: string;
  talkS: number;
}

export function longWaits(calls: readonly WaitingCall[], th: DiagnosisThresholds = DEFAULT_DIAGNOSIS_THRESHOLDS): Finding[] {
  return calls
    .filter((c) => c.waitS > th.longWaitS)
    .map((c) => ({
      kind: 'longWait' as const,
      scope: 'call' as const,
      subject: c.callId,
      figures: { waitS: c.waitS },
      action: `caller waiting in ${c.queue}: pull someone onto the phones`,
    }));
}

export function longCalls(agents: readonly TalkingAgent[], th: DiagnosisThresholds = DEFAULT_DIAGNOSIS_THRESHOLDS): Finding[] {
  return agents
    .filter((a) => a.talkS > th.longCallS)
    .map((a) => ({
      kind: 'longCall' as const,
      scope: 'agent' as const,
      subject: a.agent,
      figures: { talkS: a.talkS },
      action: 'very long call: team lead to check in and offer a short break afterwards',
    }));
}

export interface DiagnosisInput {
  scopes?: readonly ScopeFigures[];
  notReady?: readonly NotReadyFigures[];
  waiting?: readonly WaitingCall[];
  talking?: readonly TalkingAgent[];
}

export function diagnose(input: DiagnosisInput, overrides: Partial<DiagnosisThresholds> = {}): Finding[] {
  const th = { ...DEFAULT_DIAGNOSIS_THRESHOLDS, ...overrides };
  return [
    ...(input.scopes ?? []).flatMap((s) => diagnoseScope(s, th)),
    ...abnormalNotReady(input.notReady ?? [], th),
    ...longWaits(input.waiting ?? [], th),
    ...longCalls(input.talking ?? [], th),
  ];
}
