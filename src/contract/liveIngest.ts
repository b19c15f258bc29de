/**
 * Live floor, ingest and reporting half: the CTI push (POST /api/events; the socket message
 * `events` carries the same batch), file upload import, and KPI reports.
 */
import { z } from 'zod';
import { IMPORT_FORMATS, REPORT_BYS, REPORT_PERS } from '../core/live/names';
import type { Role } from '../core/roles';
import { isoMonth } from './atoms';
import { endpoint } from './endpoint';

/** Who may push telephony events (a CTI integration signs in as a user with one of these roles). */
export const EVENT_PUSH_ROLES: Role[] = ['admin', 'duty_manager'];
/** Who reads the four-indicator analysis: every role but agents (a lead: their teams). */
export const ANALYSIS_ROLES: Role[] = ['admin', 'center_manager', 'duty_manager', 'wfm', 'qa', 'team_lead'];
export const IMPORT_ROLES: Role[] = ['admin', 'center_manager', 'wfm', 'duty_manager'];
const tags = ['live'] as const;

/** An event the store refused (a survey naming an unknown agent or call), by event id, with why. */
const storeReject = z.object({
  id: z.string(),
  field: z.string(),
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});

/** What a push stored: events received, new, already stored; refused ones with why. */
export const pushResult = z.object({ received: z.number(), accepted: z.number(), duplicates: z.number(), rejected: z.array(storeReject).optional() });

/** An import's job id, chosen by the uploader (a random UUID). */
const importJobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

/** How far an import is: `waiting` until its upload reaches this server. */
export const importProgress = z.object({
  state: z.enum(['waiting', 'running', 'done', 'failed']),
  bytes: z.number(),
  totalBytes: z.number().nullable(),
  lines: z.number(),
  eventsStored: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  eventsPerS: z.number(),
  etaS: z.number().nullable(),
});

const n = z.number().nullable();
/** A KPI report row (DESIGN.md names); the key columns depend on `by`. */
export const kpiReportRow = z.object({
  key: z.string(),
  intervalStart: z.number().optional(),
  day: z.string().optional(),
  week: z.string().optional(),
  month: z.string().optional(),
  queue: z.string().optional(),
  agentCode: z.string().optional(),
  agentId: z.number().nullable().optional(),
  agentName: z.string().nullable().optional(),
  teamId: z.number().nullable().optional(),
  teamName: z.string().nullable().optional(),
  offered: n,
  answered: n,
  abandoned: n,
  shortAbandoned: n,
  timedOut: n,
  handled: n,
  transferred: n,
  answerRate: n,
  serviceLevel: n,
  asa: n,
  aht: n,
  talk: n,
  hold: n,
  acw: n,
  ring: n,
  staffed: n,
  idle: n,
  notReady: n,
  notReadyByReason: z.record(z.string(), z.number()).nullable(),
  occupancy: n,
  notReadyShare: n,
  idleShare: n,
  transferRate: n,
});
export type KpiReportRow = z.infer<typeof kpiReportRow>;

export const liveIngest = {
  pushEvents: endpoint({
    method: 'POST',
    path: '/api/events',
    access: EVENT_PUSH_ROLES,
    summary: 'Push a batch of normalised events (CTI integration); idempotent by event id; all or nothing on bad input',
    tags,
    // the batch is checked event by event (core/events validateEvent) so a bad one is named by index and field
    upload: true,
    response: pushResult,
  }),
  importFile: endpoint({
    method: 'POST',
    path: '/api/import',
    access: IMPORT_ROLES,
    summary: `Import a telephony file or IVR survey results (?format=${IMPORT_FORMATS.join('|')}|auto&tz=ZONE&job=ID): raw body or multipart, streamed; report with rejected lines`,
    tags,
    upload: true,
    // job: an id the uploader chose, to follow the import with importProgress while it runs
    query: z.object({ format: z.string(), tz: z.string().optional(), job: importJobId.optional() }),
    response: z.object({
      format: z.enum(IMPORT_FORMATS),
      linesRead: z.number(),
      eventsParsed: z.number(),
      eventsStored: z.number(),
      duplicates: z.number(),
      /** the first rejected lines (up to 1000), in line order; rejectedTotal counts them all */
      rejected: z.array(
        z.object({
          line: z.number(),
          reason: z.string(),
          field: z.string().optional(),
          code: z.string().optional(),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      ),
      rejectedTotal: z.number(),
      unknownEvents: z.record(z.string(), z.number()),
      skipped: z.record(z.string(), z.number()),
      /** the imported period: first and last time of the file's telephony events (epoch ms) */
      firstTs: z.number().nullable(),
      lastTs: z.number().nullable(),
    }),
  }),
  importProgress: endpoint({
    method: 'GET',
    path: '/api/import/progress/:job',
    access: IMPORT_ROLES,
    summary: "Progress of the caller's running import (the job id given to POST /api/import): bytes, lines, events stored, events/s, ETA",
    tags,
    params: z.object({ job: importJobId }),
    response: importProgress,
  }),
  kpiReport: endpoint({
    method: 'GET',
    path: '/api/reports/kpi',
    access: 'any',
    summary: 'KPI report by interval|day|week|month|queue|agent|team|agent-interval, optionally of one agent (agents: own rows; team leads: their teams)',
    tags,
    query: z.object({
      by: z.enum(REPORT_BYS),
      from: z.string().optional(),
      to: z.string().optional(),
      interval: z.enum(['15', '30', '60']).optional(),
      queue: z.string().min(1).optional(),
      agent: z.string().min(1).optional(),
      /** with by queue / team / agent: one row per group per interval / day / week / month */
      per: z.enum(REPORT_PERS).optional(),
      tz: z.string().optional(),
    }),
    response: z.object({
      /** the zone name, or a fixed offset in minutes */
      tz: z.union([z.string(), z.number()]),
      by: z.enum(REPORT_BYS),
      from: z.number().nullable(),
      to: z.number().nullable(),
      intervalMin: z.number(),
      rows: z.array(kpiReportRow),
      total: kpiReportRow,
      unknownAgentCodes: z.array(z.string()),
    }),
  }),
  monthlyAnalysis: endpoint({
    method: 'GET',
    path: '/api/reports/analysis',
    access: ANALYSIS_ROLES,
    summary: 'The four indicators of a month (answerRate, occupancy, notReadyShare, idleShare) and their diagnosis (seed 000), in the caller’s scope',
    tags,
    query: z.object({ month: isoMonth }),
    response: z.object({
      month: z.string(),
      figures: z.object({
        offered: n,
        answerRate: n,
        occupancy: n,
        notReadyShare: n,
        idleShare: n,
        staffed: n,
        usualNotReadyShare: n,
      }),
      findings: z.array(
        z.object({
          kind: z.enum(['understaffed', 'overstaffed', 'idleHigh', 'notReadyAbnormal', 'longWait', 'longCall']),
          scope: z.enum(['center', 'queue', 'team', 'agent', 'call']),
          subject: z.string(),
          figures: z.record(z.string(), z.number().nullable()),
          action: z.string(),
        }),
      ),
      thresholds: z.record(z.string(), z.number()),
    }),
  }),
};
