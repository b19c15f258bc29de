/** Per-agent / per-team facts of a day, week or month (issue 11): one source of the floor's numbers. */
import { z } from 'zod';
import { isoDate, isoMonth } from './atoms';
import { endpoint } from './endpoint';

export const FACT_SOURCES = ['telephony', 'schedule', 'qa', 'workorders', 'survey', 'people', 'manual'] as const;

/** One figure with its source; null with a reason when it is missing; ratio figures with their parts. */
const fact = <V extends z.ZodType>(value: V) =>
  z.object({
    value: value.nullable(),
    source: z.enum(FACT_SOURCES),
    reason: z.string().optional(),
    num: z.number().optional(),
    den: z.number().optional(),
    computedAt: z.number(),
  });
const num = fact(z.number());
export type Fact = z.infer<typeof num>;

/** Every figure of a row (src/core/facts Facts), by DESIGN.md name. */
export const factFigures = z.object({
  handled: num,
  transferred: num,
  talk: num,
  hold: num,
  acw: num,
  ring: num,
  aht: num,
  staffed: num,
  notReady: num,
  notReadyByReason: fact(z.record(z.string(), z.number())),
  idle: num,
  occupancy: num,
  notReadyShare: num,
  idleShare: num,
  transferRate: num,
  adherence: num,
  conformance: num,
  attendance: num,
  attendanceDetail: fact(
    z.object({
      scheduledShifts: z.number(),
      onTime: z.number(),
      late: z.number(),
      lateMinutes: z.number(),
      earlyLeave: z.number(),
      earlyLeaveMinutes: z.number(),
      absent: z.number(),
    }),
  ),
  qaScore: num,
  fatalRate: num,
  nonFatalRate: num,
  complaints: num,
  csat: num,
  skillLevel: num,
  certified: fact(z.array(z.string())),
});

export const targetCheck = z.object({ kpi: z.string(), target: z.number(), actual: z.number(), direction: z.enum(['higher', 'lower']), met: z.boolean() });
export type TargetCheck = z.infer<typeof targetCheck>;
export type FactFigures = z.infer<typeof factFigures>;

/** An agent's row. */
export const agentFactsRow = factFigures.extend({
  key: z.string(),
  agentId: z.number(),
  agentCode: z.string().nullable(),
  employeeNo: z.string(),
  name: z.string(),
  hireDate: z.string(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  tenureMonths: z.number(),
  targets: z.array(targetCheck),
  missed: z.array(z.string()),
});
/** A team's row (and the total). */
export const teamFactsRow = factFigures.extend({ key: z.string(), teamId: z.number().nullable(), teamName: z.string().nullable(), agents: z.number() });
export type AgentFactsRow = z.infer<typeof agentFactsRow>;
export type TeamFactsRow = z.infer<typeof teamFactsRow>;

export const FACTS_BYS = ['agent', 'team'] as const;

export const facts = {
  get: endpoint({
    method: 'GET',
    path: '/api/facts',
    access: 'any',
    summary: 'Facts by agent|team for a day, week or month, each figure with its source (agents: own; team leads: their teams; center-wide roles: all)',
    tags: ['facts'],
    query: z.object({
      by: z.enum(FACTS_BYS).default('agent'),
      // calendar-checked at the edge (contract/atoms.ts): a bad one is 400 input.badDate / input.dateOutOfRange
      day: isoDate.optional(),
      week: isoDate.optional(),
      month: isoMonth.optional(),
      // one team (center-wide roles: any; team leads: one of theirs); agents always get their own row
      teamId: z.coerce.number().int().positive().optional(),
    }),
    response: z.object({
      by: z.enum(FACTS_BYS),
      period: z.object({ kind: z.enum(['day', 'week', 'month']), value: z.string(), from: z.string(), to: z.string() }),
      tz: z.string(),
      computedAt: z.number(),
      rows: z.array(z.union([agentFactsRow, teamFactsRow])),
      total: teamFactsRow,
    }),
  }),
};
