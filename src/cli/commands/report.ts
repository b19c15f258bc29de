import type { Command } from 'commander';
import { validationError } from '../../core/errors';
import { kpiReportFor } from '../../services/live/reports';
import { REPORT_BYS, REPORT_PERS, type KpiReport, type ReportBy, type ReportPer } from '../../store/live/reports';
import { cliActor, cliDeps, openMigratedStore } from '../options';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const sec = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const num = (x: number | null) => (x === null ? '—' : String(Math.round(x * 100) / 100));

const reasons = (x: Record<string, number> | null) =>
  x === null
    ? '—'
    : Object.entries(x)
        .sort()
        .map(([k, v]) => `${k}:${Math.round(v)}`)
        .join(' ') || '-';

/** Agent-side columns (agent-interval rows have no queue-side figures). */
const AGENT_COLS: [string, (row: KpiReport['rows'][number]) => string][] = [
  ['staffed', (x) => num(x.staffed)],
  ['notReady', (x) => num(x.notReady)],
  ['idle', (x) => num(x.idle)],
  ['handled', (x) => num(x.handled)],
  ['talk', (x) => num(x.talk)],
  ['acw', (x) => num(x.acw)],
  ['occupancy', (x) => pct(x.occupancy)],
  ['notReady by reason', (x) => reasons(x.notReadyByReason)],
];

/** `perPeriod`: the rows are split per period (--per), so each is labelled by its key (group and period). */
export function formatReport(r: KpiReport, perPeriod = false): string {
  if (r.by === 'agent-interval') return formatTable(r, AGENT_COLS, perPeriod);
  const cols: [string, (row: KpiReport['rows'][number]) => string][] = [
    ['offered', (x) => num(x.offered)],
    ['answered', (x) => num(x.answered)],
    ['abandoned', (x) => num(x.abandoned)],
    ['shortAb', (x) => num(x.shortAbandoned)],
    ['answerRate', (x) => pct(x.answerRate)],
    ['SL', (x) => pct(x.serviceLevel)],
    ['asa', (x) => sec(x.asa)],
    ['aht', (x) => sec(x.aht)],
    ['occupancy', (x) => pct(x.occupancy)],
    ['notReady%', (x) => pct(x.notReadyShare)],
    ['idle%', (x) => pct(x.idleShare)],
    ['transfer%', (x) => pct(x.transferRate)],
  ];
  return formatTable(r, cols, perPeriod);
}

function formatTable(r: KpiReport, cols: [string, (row: KpiReport['rows'][number]) => string][], perPeriod: boolean): string {
  // the total row is labelled 'total' whatever the grouping (it has no agent code)
  const label = (x: KpiReport['rows'][number]) =>
    x === r.total
      ? 'total'
      : r.by === 'agent' && !perPeriod
        ? `${x.agentCode}${x.agentName ? ` ${x.agentName}` : ''}`
        : r.by === 'agent-interval'
          ? `${x.agentCode}${x.agentName ? ` ${x.agentName}` : ''} ${new Date(x.intervalStart!).toISOString().slice(0, 16)}Z`
          : x.key;
  const table = [['', ...cols.map((c) => c[0])], ...[...r.rows, r.total].map((x) => [label(x), ...cols.map((c) => c[1](x))])];
  const w = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  '));
  if (r.unknownAgentCodes.length) lines.push(`agent codes with no platform agent (agents.ext_code): ${r.unknownAgentCodes.join(', ')}`);
  return lines.join('\n');
}

export function registerReport(program: Command) {
  program
    .command('report')
    .description('KPI report from the stored interval aggregates (DESIGN.md names)')
    .requiredOption('--by <by>', REPORT_BYS.join('|'))
    .option('--from <time>', 'start: YYYY-MM-DD (local), YYYY-MM-DDTHH:MM or ISO time')
    .option('--to <time>', 'end: a date is included; a time is exclusive')
    .option('--interval <min>', '15, 30 or 60 (with --by interval or agent-interval)', '15')
    .option('--queue <queue>', 'only this queue (agent-side figures are then left out)')
    .option('--per <period>', `with --by queue|team|agent: a row per group per ${REPORT_PERS.join('|')}`)
    .option('--agent <code>', 'only this agent (telephony code)')
    .option('--tz <zone>', "local time for intervals, days and months (default: the center's zone)")
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option('--center <id>', 'the center (required when the database has several)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      if (!REPORT_BYS.includes(o.by))
        throw validationError('--by', `expected one of ${REPORT_BYS.join(', ')}, got '${o.by}'`, {
          reason: 'input.invalidOption',
          params: { options: REPORT_BYS.join(' / ') },
        });
      if (o.per !== undefined && !REPORT_PERS.includes(o.per))
        throw validationError('--per', `expected one of ${REPORT_PERS.join(', ')}, got '${o.per}'`, {
          reason: 'input.invalidOption',
          params: { options: REPORT_PERS.join(' / ') },
        });
      const interval = Number(o.interval);
      if (![15, 30, 60].includes(interval))
        throw validationError('--interval', 'expected 15, 30 or 60', { reason: 'input.invalidOption', params: { options: '15 / 30 / 60' } });
      const store = await openMigratedStore(o.db);
      try {
        const report = await kpiReportFor(
          cliDeps(store),
          await cliActor(store, o.center),
          {
            by: o.by as ReportBy,
            from: o.from,
            to: o.to,
            intervalMin: interval as 15 | 30 | 60,
            queue: o.queue,
            tz: o.tz,
            per: o.per as ReportPer | undefined,
            agent: o.agent,
          },
          '--',
        );
        console.log(o.json ? JSON.stringify(report, null, 2) : formatReport(report, o.per !== undefined));
      } finally {
        await store.close();
      }
    });
}
