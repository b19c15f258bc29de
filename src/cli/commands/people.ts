import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { importAttendance } from '../../store/people/discipline';
import { listRules } from '../../store/people/discipline';
import { listCenters } from '../../store/org';
import { openMigratedStore } from '../options';

/** `callfloor people …`: attendance input (the adapter point) and the center's floor rules. */
export function registerPeople(program: Command) {
  const people = program.command('people').description('people on the floor: attendance input, floor rules');
  people
    .command('import-attendance <file>')
    .description(
      'import scheduled shifts and login segments from JSON {"shifts":[{agentId,date,start,end}],"segments":[{agentId,login,logout}]} (times ISO or epoch ms)',
    )
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (file: string, o) => {
      const raw = JSON.parse(readFileSync(file, 'utf8'));
      const ms = (v: unknown, field: string) => {
        const t = typeof v === 'number' ? v : Date.parse(String(v));
        if (!Number.isFinite(t)) throw new Error(`${field}: expected an ISO timestamp or epoch ms, got ${JSON.stringify(v)}`);
        return t;
      };
      const shifts = (raw.shifts ?? []).map((s: any, i: number) => ({
        agentId: Number(s.agentId),
        date: String(s.date),
        start: ms(s.start, `shifts[${i}].start`),
        end: ms(s.end, `shifts[${i}].end`),
      }));
      const segments = (raw.segments ?? []).map((s: any, i: number) => ({
        agentId: Number(s.agentId),
        login: ms(s.login, `segments[${i}].login`),
        logout: s.logout == null ? null : ms(s.logout, `segments[${i}].logout`),
      }));
      const store = await openMigratedStore(o.db);
      try {
        const r = await importAttendance(store.db, { shifts, segments }, null, Date.now());
        console.log(`imported ${r.shifts} shifts and ${r.segments} login segments`);
      } finally {
        await store.close();
      }
    });
  people
    .command('rules')
    .description("print the center's floor rules")
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (o) => {
      const store = await openMigratedStore(o.db);
      try {
        const [c] = await listCenters(store.db);
        if (!c) throw new Error('no center yet');
        for (const r of await listRules(store.db, c.id))
          console.log(
            `${r.no}\t${r.category}\t${r.title}\t${r.consequence.kind === 'contribution' ? `${r.consequence.amountFen / 100} 元` : '警告'}${r.active ? '' : '\t(停用)'}`,
          );
      } finally {
        await store.close();
      }
    });
}
