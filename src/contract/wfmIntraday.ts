/**
 * Intraday re-optimisation (日内调整, issue 15): the day's gap chart and proposal, accepting break moves,
 * pushing overtime / VTO offers, and the agents' answers.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { endpoint } from './endpoint';
import { epochMs, idParams, isoDate } from './atoms';

const tags = ['wfm'] as const;

/** Who sees the gap chart (a team lead: the proposal for their teams' agents). */
const INTRADAY_VIEW: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'wfm'];
/** Who changes the published day: planners, the duty manager, a team lead for their teams. */
const INTRADAY_ACT: Role[] = ['duty_manager', 'team_lead', 'wfm'];
const offerKind = z.enum(['overtime', 'vto']);

const offerAgent = z.object({
  agentId: z.number(),
  name: z.string(),
  teamId: z.number().nullable(),
  shiftId: z.number(),
  newStart: z.number(),
  newEnd: z.number(),
  status: z.string(),
  answeredAt: z.number().nullable(),
});
const offer = z.object({
  id: z.number(),
  kind: offerKind,
  start: z.number(),
  end: z.number(),
  capacity: z.number(),
  taken: z.number(),
  agents: z.array(offerAgent),
});

export const intradayPlanResult = z.object({
  published: z.boolean(),
  /** 'plan': the published week's requirement; 'reforecast': from now on the queue's share of it replaced by its re-forecast */
  source: z.enum(['none', 'plan', 'reforecast']),
  intervalMin: z.number().nullable(),
  intervals: z.array(z.object({ ts: z.number(), required: z.number(), planned: z.number(), afterBreaks: z.number(), after: z.number() })),
  breakMoves: z.array(
    z.object({
      shiftId: z.number(),
      agentId: z.number(),
      name: z.string(),
      kind: z.string(),
      fromStart: z.number(),
      toStart: z.number(),
      durationMin: z.number(),
    }),
  ),
  proposals: z.array(
    z.object({
      kind: offerKind,
      start: z.number(),
      end: z.number(),
      capacity: z.number(),
      agents: z.array(z.object({ agentId: z.number(), name: z.string(), shiftId: z.number(), start: z.number(), end: z.number() })),
    }),
  ),
  ruledOut: z.array(z.object({ agentId: z.number(), name: z.string(), start: z.number(), end: z.number(), rule: z.string() })),
  shortBeforeMin: z.number(),
  shortAfterMin: z.number(),
  /**
   * what the cover is compared with (core/wfm/intraday intradayRequired): the requirement net of the shrinkage
   * the day's schedule shows (leave, booked activities) when the shrinkage it was computed with is known
   * (shrinkageTotal not null), as stored otherwise; null: no published week
   */
  basis: z
    .object({
      shrinkageTotal: z.number().nullable(),
      shrinkageLeave: z.number().nullable(),
      /** the planned-activity share the booked activities are seen up to (migration 060); null: not recorded, the whole non-leave share */
      shrinkageActivity: z.number().nullable(),
      /**
       * the share booked activities are seen up to (core/wfm/timeOff activityCap): shrinkageActivity when usable,
       * at most total − leave, else total − leave; null: the shrinkage is not known or not believable (compared as stored)
       */
      activityCap: z.number().nullable(),
      activitiesBooked: z.boolean(),
      /** 'reforecast': the queue whose share of the requirement the re-forecast replaced */
      queue: z.string().nullable(),
    })
    .nullable(),
  offers: z.array(offer),
});
export type IntradayPlanResult = z.infer<typeof intradayPlanResult>;

export const myOfferRow = z.object({
  id: z.number(),
  kind: offerKind,
  start: z.number(),
  end: z.number(),
  capacity: z.number(),
  taken: z.number(),
  mine: offerAgent,
});

/** The center's intraday setting (`wfm.intraday`); each bound is checked so a typo cannot silence the alerts. */
export const intradaySettingsBody = z.object({
  vtoMinOver: z.number().int().min(1).max(50),
  maxOvertimeMin: z.number().int().min(15).max(480),
  maxVtoMin: z.number().int().min(15).max(480),
  rtaGraceMin: z.number().int().min(0).max(120),
});

export const intraday = {
  intradaySettings: endpoint({
    method: 'GET',
    path: '/api/wfm/intraday/settings',
    access: INTRADAY_VIEW,
    summary: 'The center intraday setting: VTO threshold, longest overtime / VTO offer, real-time adherence grace (minutes)',
    tags,
    response: intradaySettingsBody,
  }),
  putIntradaySettings: endpoint({
    method: 'PUT',
    path: '/api/wfm/intraday/settings',
    access: ['duty_manager', 'wfm'],
    summary: 'Change the center intraday setting (audited); the live floor uses the new grace within a minute',
    tags,
    body: intradaySettingsBody,
    response: z.object({ ok: z.literal(true) }),
  }),
  intradayPlan: endpoint({
    method: 'GET',
    path: '/api/wfm/intraday/plan',
    access: INTRADAY_VIEW,
    summary: "The day's requirement vs published cover vs after the proposal: break moves, overtime and VTO offers, and the offers pushed",
    tags,
    query: z.object({
      date: isoDate,
      queue: z.string().min(1).optional(),
      targetSl: z.coerce.number().min(0).max(1).optional(),
      thresholdS: z.coerce.number().min(0).optional(),
    }),
    response: intradayPlanResult,
  }),
  intradayBreaks: endpoint({
    method: 'POST',
    path: '/api/wfm/intraday/breaks',
    access: INTRADAY_ACT,
    summary: 'Accept break moves: each break moves within its window in the published day (audited)',
    tags,
    body: z.object({
      date: isoDate,
      moves: z
        .array(z.object({ shiftId: z.number().int().positive(), fromStart: epochMs, toStart: epochMs }))
        .min(1)
        .max(500),
    }),
    response: z.object({ moved: z.number() }),
  }),
  intradayOffers: endpoint({
    method: 'POST',
    path: '/api/wfm/intraday/offers',
    access: INTRADAY_ACT,
    summary: 'Push proposed overtime / VTO offers to the agents concerned (bell and their channels)',
    tags,
    body: z.object({
      date: isoDate,
      offers: z
        .array(z.object({ kind: offerKind, start: epochMs, end: epochMs, capacity: z.number().int().min(1).max(500) }))
        .min(1)
        .max(100),
    }),
    response: z.object({ ids: z.array(z.number()) }),
  }),
  myIntradayOffers: endpoint({
    method: 'GET',
    path: '/api/wfm/intraday/my-offers',
    access: ['agent'],
    summary: 'The overtime / VTO offers that went to you, with your answer',
    tags,
    response: z.array(myOfferRow),
  }),
  answerIntradayOffer: endpoint({
    method: 'POST',
    path: '/api/wfm/intraday/offers/:id/answer',
    access: ['agent'],
    summary: 'Take or decline an offer: first come, first served up to its places; taking it changes your shift',
    tags,
    params: idParams,
    body: z.object({ accept: z.boolean() }),
    response: z.object({ ok: z.literal(true) }),
  }),
};
