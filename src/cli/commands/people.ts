import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { people as api } from '../../contract/people';
import { validationError } from '../../core/errors';
import { issueReason } from '../../core/issueReason';
import { attendance, importAttendance, rules } from '../../services/people/discipline';
import { cliActor, cliDeps, openMigratedStore } from '../options';

const CENTER = ['--center <id>', 'the center (required when the database has several)'] as const;

/** `callfloor people …`: attendance input (the adapter point), attendance and the center's floor rules, through src/services/people. */
export function registerPeople(program: Command) {
  const people = program.command('people').description('people on the floor: attendance input and report, floor rules');
  people
    .command('import-attendance <file>')
    .description(
      'import scheduled shifts and login segments from JSON {"shifts":[{agentId,date,start,end}],"segments":[{agentId,login,logout}]} (times ISO or epoch ms) into a center',
    )
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option(...CENTER)
    .action(async (file: string, o) => {
      // the API's own input schema: the same checks, and a refusal names the field (shifts.3.start)
      const parsed = api.importAttendance.body.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        const { reason, params } = issueReason(i);
        throw validationError(i.path.join('.') || '(file)', i.message, { reason, params });
      }
      const store = await openMigratedStore(o.db);
      try {
        const r = await importAttendance(cliDeps(store), await cliActor(store, o.center), parsed.data);
        console.log(`imported ${r.shifts} shifts and ${r.segments} login segments`);
      } finally {
        await store.close();
      }
    });
  people
    .command('attendance')
    .description('late, early leave and absence per agent (default: this month so far, center time)')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option(...CENTER)
    .option('--from <YYYY-MM-DD>', 'first day')
    .option('--to <YYYY-MM-DD>', 'last day')
    .action(async (o) => {
      const q = api.attendance.query.parse({ from: o.from, to: o.to });
      const store = await openMigratedStore(o.db);
      try {
        const r = await attendance(cliDeps(store), await cliActor(store, o.center), q);
        console.log(`${r.from} … ${r.to}\nagent\tshifts\tlate\tearly\tabsent`);
        for (const a of r.byAgent) console.log(`${a.key}\t${a.shifts}\t${a.late}\t${a.earlyLeave}\t${a.absent}`);
      } finally {
        await store.close();
      }
    });
  people
    .command('rules')
    .description("print the center's floor rules")
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option(...CENTER)
    .action(async (o) => {
      const store = await openMigratedStore(o.db);
      try {
        for (const r of await rules(cliDeps(store), await cliActor(store, o.center)))
          console.log(
            `${r.no}\t${r.category}\t${r.title}\t${r.consequence.kind === 'contribution' ? `${r.consequence.amountFen / 100} 元` : '警告'}${r.active ? '' : '\t(停用)'}`,
          );
      } finally {
        await store.close();
      }
    });
}
