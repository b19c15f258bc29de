import type { Command } from 'commander';
import { validationError } from '../../core/errors';
import type { Fact } from '../../core/facts/index';
import { computeFacts, FACTS_BYS, type AgentFactsRow, type FactsBy, type FactsResult, type TeamFactsRow } from '../../store/facts/index';
import { cliActor, openMigratedStore } from '../options';

const pct = (f: Fact) => (f.value === null ? `— (${f.reason})` : `${((f.value as number) * 100).toFixed(1)}%`);
const sec = (f: Fact) => (f.value === null ? `— (${f.reason})` : (f.value as number).toFixed(1));
const num = (f: Fact) => (f.value === null ? `— (${f.reason})` : String(Math.round((f.value as number) * 100) / 100));

type Row = AgentFactsRow | TeamFactsRow;
const COLS: [string, (r: Row) => string][] = [
  ['handled', (r) => num(r.handled)],
  ['aht', (r) => sec(r.aht)],
  ['occupancy', (r) => pct(r.occupancy)],
  ['transfer%', (r) => pct(r.transferRate)],
  ['adherence', (r) => pct(r.adherence)],
  ['conformance', (r) => pct(r.conformance)],
  ['attendance', (r) => pct(r.attendance)],
  ['qaScore', (r) => num(r.qaScore)],
  ['fatalRate', (r) => pct(r.fatalRate)],
  ['complaints', (r) => num(r.complaints)],
  ['csat', (r) => pct(r.csat)],
  ['skill', (r) => num(r.skillLevel)],
];

/** Readable table: one line per agent (or team) and a 'total' line; missed targets after the table. */
export function formatFacts(res: FactsResult): string {
  const label = (r: Row) => (r === res.total ? 'total' : 'agentId' in r ? `${r.agentCode ?? '-'} ${r.employeeNo} ${r.name}` : (r.teamName ?? '(no team)'));
  const table = [[res.by, ...COLS.map((c) => c[0])], ...[...res.rows, res.total].map((r) => [label(r), ...COLS.map((c) => c[1](r))])];
  const w = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = [
    `${res.period.kind} ${res.period.value} (${res.period.from} … ${res.period.to}, ${res.tz})`,
    ...table.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')),
  ];
  for (const r of res.rows)
    if ('missed' in r && r.missed.length)
      lines.push(
        `missed targets: ${r.employeeNo} ${r.name}: ${r.targets
          .filter((t) => !t.met)
          .map((t) => `${t.kpi} ${Math.round(t.actual * 1000) / 1000} (target ${t.direction === 'higher' ? '≥' : '≤'} ${t.target})`)
          .join(', ')}`,
      );
  return lines.join('\n');
}

export function registerFacts(program: Command) {
  program
    .command('facts')
    .description('per-agent (or per-team) facts of a day, week or month: telephony, schedule, QA, complaints, survey, people figures, each with its source')
    .option('--by <by>', FACTS_BYS.join('|'), 'agent')
    .option('--day <YYYY-MM-DD>', 'one local day (center time zone)')
    .option('--week <YYYY-MM-DD>', 'seven days from this one')
    .option('--month <YYYY-MM>', 'one month')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option('--center <id>', 'the center (required when the database has several)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      if (!FACTS_BYS.includes(o.by))
        throw validationError('--by', `expected one of ${FACTS_BYS.join(', ')}, got '${o.by}'`, { reason: 'facts.badBy', params: { value: String(o.by) } });
      const store = await openMigratedStore(o.db);
      try {
        const { scope } = await cliActor(store, o.center);
        if (!scope.centerId) throw new Error('no center in this database');
        const res = await computeFacts(store.db, scope.centerId, { by: o.by as FactsBy, day: o.day, week: o.week, month: o.month, now: Date.now() });
        console.log(o.json ? JSON.stringify(res, null, 2) : formatFacts(res));
      } finally {
        await store.close();
      }
    });
}
