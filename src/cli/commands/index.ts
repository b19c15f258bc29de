import type { Command } from 'commander';

/**
 * Every subcommand, loaded only when it runs (issue 16: `callfloor --help` must not load the server,
 * the database drivers and the solver). `summary` is what `callfloor --help` lists without loading the
 * command; commandTable.test.ts checks it against the description the command itself registers.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'serve', summary: 'start the HTTP server and web app', load: async () => (await import('./serve')).registerServe },
  {
    name: 'demo',
    summary: 'start the server with a demo center (200 agents, 10 teams, 8 weeks of history, plans and a live feed)',
    load: async () => (await import('./demo')).registerDemo,
  },
  { name: 'users', summary: 'manage users (create the first admin non-interactively)', load: async () => (await import('./users')).registerUsers },
  { name: 'people', summary: 'people on the floor: attendance input and report, floor rules', load: async () => (await import('./people')).registerPeople },
  {
    name: 'import',
    summary: 'import telephony events (queue_log, anonymous-bank, pwc, jsonl) or IVR survey results (survey-csv) from a file; idempotent',
    load: async () => (await import('./import')).registerImport,
  },
  { name: 'report', summary: 'KPI report from the stored interval aggregates (DESIGN.md names)', load: async () => (await import('./report')).registerReport },
  { name: 'perf', summary: 'performance (绩效): KPI figures and payroll export', load: async () => (await import('./perf')).registerPerf },
  {
    name: 'erlang',
    summary: 'agents needed for a target (Erlang C, or Erlang A with --patience-s), then shrinkage → scheduled heads',
    load: async () => (await import('./erlang')).registerErlang,
  },
  {
    name: 'forecast',
    summary: 'backtest forecast models on held-out weeks, or store a forecast version for the coming weeks',
    load: async () => (await import('./forecast')).registerForecast,
  },
  {
    name: 'schedule',
    summary: 'shift design from files: which shifts, how many, to cover a requirement curve',
    load: async () => (await import('./schedule')).registerSchedule,
  },
  { name: 'kb', summary: 'knowledge base: import Markdown, search', load: async () => (await import('./kb')).registerKb },
  {
    name: 'facts',
    summary: 'per-agent (or per-team) facts of a day, week or month: telephony, schedule, QA, complaints, survey, people figures, each with its source',
    load: async () => (await import('./facts')).registerFacts,
  },
];

/**
 * Registers what this command line needs: the named command in full (loaded now), or, for help and
 * anything else, every command by its summary only (commander then prints the list or the error).
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const named = COMMANDS.find((c) => c.name === argv[2]);
  if (named) return (await named.load())(program);
  for (const c of COMMANDS) program.command(c.name).description(c.summary);
}
