/** Names shared by the ingest, the store, the server and the contract (one list each). */

/** File formats `callfloor import` and `POST /api/import` read. */
export const IMPORT_FORMATS = ['queue_log', 'anonymous-bank', 'pwc', 'jsonl', 'survey-csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What a KPI report is grouped by. */
export const REPORT_BYS = ['interval', 'day', 'week', 'month', 'queue', 'agent', 'team', 'agent-interval'] as const;
export type ReportBy = (typeof REPORT_BYS)[number];

/** The periods a queue / team / agent report may be split into (`per`). */
export const REPORT_PERS = ['interval', 'day', 'week', 'month'] as const;
export type ReportPer = (typeof REPORT_PERS)[number];
