import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { designShifts, parseRequirementsCsv, parseShiftTypes, repeatWeeks, type DesignResult } from '../../core/wfm/shiftDesign/index';

export interface ScheduleSolveFlags {
  requirements: string;
  shifts: string;
  wrap?: boolean;
  weeks?: string;
  distinctCost?: string;
  underWeight?: string;
  overWeight?: string;
  timeLimit?: string;
}

class FlagError extends Error {}

function num(flag: string, v: string | undefined, dflt: number, min: number, exclusive = false): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (exclusive ? n <= min : n < min))
    throw new FlagError(`${flag}: must be a number ${exclusive ? '>' : '≥'} ${min}, got '${v}'`);
  return n;
}

/** The command without its printing: files and flags in, the design or a message naming the file's row/field or the flag out. */
export async function runScheduleSolve(f: ScheduleSolveFlags): Promise<{ ok: true; result: DesignResult } | { ok: false; message: string }> {
  try {
    const weeks = num('--weeks', f.weeks, 1, 1);
    if (!Number.isInteger(weeks)) throw new FlagError(`--weeks: must be a whole number, got '${f.weeks}'`);
    const distinctCost = num('--distinct-cost', f.distinctCost, 0, 0);
    const underWeight = num('--under-weight', f.underWeight, 1, 0);
    const overWeight = num('--over-weight', f.overWeight, 1, 0);
    const timeLimitS = num('--time-limit', f.timeLimit, 60, 0, true);
    const read = (flag: string, path: string) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (e) {
        throw new FlagError(`${flag}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    };
    const csv = read('--requirements', f.requirements);
    const jsonText = read('--shifts', f.shifts);
    let json: unknown;
    try {
      json = JSON.parse(jsonText);
    } catch (e) {
      throw new FlagError(`--shifts: ${f.shifts} is not JSON (${(e as Error).message})`);
    }
    let req;
    try {
      req = repeatWeeks(parseRequirementsCsv(csv), weeks);
    } catch (e) {
      if (e instanceof InputError && e.field === 'weeks') throw new FlagError(`--weeks: ${e.problem}`);
      if (e instanceof InputError) throw new FlagError(`--requirements ${f.requirements} ${e.field}: ${e.problem}`);
      throw e;
    }
    let types;
    try {
      types = parseShiftTypes(json, req, { wrap: !!f.wrap });
    } catch (e) {
      if (e instanceof InputError) throw new FlagError(`--shifts ${f.shifts} ${e.field}: ${e.problem}`);
      throw e;
    }
    const { default: highs } = await import('highs');
    const h = await highs();
    const result = designShifts(h, req, types, { wrap: !!f.wrap, distinctCost, underWeight, overWeight, timeLimitS, clock: () => performance.now() });
    return { ok: true, result };
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, message: e.message };
    throw e;
  }
}

export function registerSchedule(program: Command) {
  const schedule = program.command('schedule').description('shift design from files: which shifts, how many, to cover a requirement curve');
  schedule
    .command('solve')
    .description('solve a requirement CSV (start,queue,required) with shift types (JSON) and print the shifts')
    .requiredOption('--requirements <file>', 'CSV: start,queue,required — local time 2027-01-04T05:00, one row an interval')
    .requiredOption('--shifts <file>', 'JSON array of {name, earliestStart, latestStart, minLengthMin, maxLengthMin, stepMin, queue?}')
    .option('--wrap', 'the horizon is cyclic: a shift running past its end covers its start')
    .option('--weeks <n>', 'n weeks: the file covers all n weeks, or one week repeated n times', '1')
    .option('--distinct-cost <m>', 'agent-minutes charged per distinct shift (start time of day × length) used', '0')
    .option('--under-weight <w>', 'cost of one agent-minute short', '1')
    .option('--over-weight <w>', 'cost of one agent-minute over', '1')
    .option('--time-limit <s>', 'seconds for the solver', '60')
    .option('--json', 'print JSON')
    .action(async (o: ScheduleSolveFlags & { json?: boolean }) => {
      const r = await runScheduleSolve(o);
      if (!r.ok) {
        console.error(`callfloor schedule solve: ${r.message}`);
        process.exitCode = 1;
        return;
      }
      const x = r.result;
      if (o.json) {
        const { status: _s, solveTimeS: _t, ...wire } = x;
        console.log(JSON.stringify(wire));
        return;
      }
      console.log(
        `objective ${x.objective} (LP bound ${x.lpBound}, gap ${(x.gap * 100).toFixed(2)} %), ${x.distinctShifts} distinct shifts, ${x.solveTimeS.toFixed(1)} s`,
      );
      console.log(`short ${x.shortfallAgentMinutes} agent-minutes, over ${x.overcoverAgentMinutes} agent-minutes`);
      for (const s of x.shifts) console.log(`${s.start}  ${s.lengthMin} min  × ${s.count}${s.queue !== undefined ? `  ${s.queue}` : ''}`);
    });
}
