import type { Command } from 'commander';
import { ErlangInputError, requiredAgents, type StaffingTarget } from '../../core/wfm/erlang';

export interface ErlangFlags {
  calls?: string;
  periodS?: string;
  ahtS?: string;
  targetSl?: string;
  thresholdS?: string;
  targetAsa?: string;
  maxOccupancy?: string;
  patienceS?: string;
  shrinkage?: string;
  maxAgents?: string;
}

/** Core field → the flag that set it, so the message names what the user typed. */
const FLAG_OF: [RegExp, string][] = [
  [/^calls$/, '--calls'],
  [/^periodS$/, '--period-s'],
  [/^ahtS$/, '--aht-s'],
  [/^patienceS$/, '--patience-s'],
  [/^shrinkage$/, '--shrinkage'],
  [/^agents$/, '--max-agents'],
];

class FlagError extends Error {}

function num(flag: string, v: string | undefined, o: { required?: boolean; min?: number; max?: number; minExclusive?: boolean } = {}): number | undefined {
  if (v === undefined) {
    if (o.required) throw new FlagError(`${flag}: is required`);
    return undefined;
  }
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new FlagError(`${flag}: must be a number, got '${v}'`);
  if (o.min !== undefined && (o.minExclusive ? n <= o.min : n < o.min))
    throw new FlagError(`${flag}: must be ${o.minExclusive ? '>' : '>='} ${o.min}, got ${n}`);
  if (o.max !== undefined && n > o.max) throw new FlagError(`${flag}: must be <= ${o.max}, got ${n}`);
  return n;
}

/** Pure part of the command: flags in, result or a message naming the flag out. */
export function runErlang(f: ErlangFlags) {
  try {
    const calls = num('--calls', f.calls, { required: true, min: 0 })!;
    const periodS = num('--period-s', f.periodS ?? '1800', { min: 0, minExclusive: true })!;
    const ahtS = num('--aht-s', f.ahtS, { required: true, min: 0, minExclusive: true })!;
    const thresholdS = num('--threshold-s', f.thresholdS ?? '20', { min: 0 })!;
    const targetSl = num('--target-sl', f.targetSl, { min: 0, max: 1 });
    const targetAsa = num('--target-asa', f.targetAsa, { min: 0 });
    const maxOcc = num('--max-occupancy', f.maxOccupancy, { min: 0, max: 1, minExclusive: true });
    const patienceS = num('--patience-s', f.patienceS, { min: 0, minExclusive: true });
    const shrinkage = num('--shrinkage', f.shrinkage ?? '0', { min: 0 })!;
    if (shrinkage >= 1) throw new FlagError(`--shrinkage: must be below 1, got ${shrinkage}`);
    const maxAgents = num('--max-agents', f.maxAgents, { min: 1 });
    const targets: StaffingTarget[] = [];
    const flagOfTarget: string[] = [];
    if (targetSl !== undefined) {
      targets.push({ kind: 'serviceLevel', target: targetSl, thresholdS });
      flagOfTarget.push('--target-sl');
    }
    if (targetAsa !== undefined) {
      targets.push({ kind: 'asa', targetS: targetAsa });
      flagOfTarget.push('--target-asa');
    }
    if (maxOcc !== undefined) {
      targets.push({ kind: 'occupancy', max: maxOcc });
      flagOfTarget.push('--max-occupancy');
    }
    if (!targets.length) throw new FlagError('--target-sl: give a target (--target-sl, --target-asa or --max-occupancy)');
    try {
      const r = requiredAgents({ calls, periodS, ahtS, targets, patienceS, shrinkage, maxAgents });
      return {
        ok: true as const,
        result: {
          agents: r.agents,
          serviceLevel: r.serviceLevel,
          asa: r.asa,
          occupancy: r.occupancy,
          probWait: r.probWait,
          ...(r.model === 'erlangA' ? { probAbandon: r.probAbandon } : {}),
          scheduledHeads: r.scheduledHeads,
          shrinkage: r.shrinkage,
          trafficErlangs: r.trafficErlangs,
          model: r.model,
          thresholdS,
        },
      };
    } catch (e) {
      if (!(e instanceof ErlangInputError)) throw e;
      const m = /^targets\[(\d+)\]/.exec(e.field);
      let flag = m ? flagOfTarget[Number(m[1])]! : (FLAG_OF.find(([re]) => re.test(e.field))?.[1] ?? `--${e.field}`);
      if (e.field === 'targets') flag = maxAgents !== undefined ? '--max-agents' : flagOfTarget[0]!;
      if (m && /thresholdS/.test(e.field)) flag = '--threshold-s';
      const msg = e.message.replace(/^[^:]*:\s*/, '');
      throw new FlagError(`${flag}: ${msg}`);
    }
  } catch (e) {
    if (e instanceof FlagError) return { ok: false as const, message: e.message };
    throw e;
  }
}

export function registerErlang(program: Command) {
  program
    .command('erlang')
    .description('agents needed for a target (Erlang C, or Erlang A with --patience-s), then shrinkage → scheduled heads')
    .requiredOption('--calls <n>', 'calls offered in the period')
    .option('--period-s <s>', 'length of the period, seconds', '1800')
    .requiredOption('--aht-s <s>', 'average handle time, seconds')
    .option('--target-sl <x>', 'service-level target, 0..1 (e.g. 0.8)')
    .option('--threshold-s <s>', 'service-level threshold, seconds', '20')
    .option('--target-asa <s>', 'average speed of answer target, seconds')
    .option('--max-occupancy <x>', 'occupancy cap, 0..1')
    .option('--patience-s <s>', 'mean caller patience, seconds (Erlang A)')
    .option('--shrinkage <x>', 'share of paid time off the phones, 0..1', '0')
    .option('--max-agents <n>', 'refuse staffing above this many agents')
    .option('--json', 'print JSON')
    .action((o: ErlangFlags & { json?: boolean }) => {
      const r = runErlang(o);
      if (!r.ok) {
        console.error(`callfloor erlang: ${r.message}`);
        process.exitCode = 1;
        return;
      }
      if (o.json) console.log(JSON.stringify(r.result));
      else {
        const x = r.result;
        console.log(`load ${x.trafficErlangs.toFixed(2)} Erlangs (${x.model})`);
        console.log(`agents ${x.agents}  scheduled heads ${x.scheduledHeads} (shrinkage ${(x.shrinkage * 100).toFixed(0)} %)`);
        console.log(
          `service level ${(x.serviceLevel * 100).toFixed(1)} % in ${x.thresholdS} s, ASA ${x.asa.toFixed(1)} s, occupancy ${(x.occupancy * 100).toFixed(1)} %, P(wait) ${(x.probWait * 100).toFixed(1)} %`,
        );
        if ('probAbandon' in x) console.log(`P(abandon) ${((x.probAbandon ?? 0) * 100).toFixed(1)} %`);
      }
    });
}
