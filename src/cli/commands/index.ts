import type { Command } from 'commander';
import { registerServe } from './serve';
import { registerUsers } from './users';
import { registerDemo } from './demo';
import { registerPeople } from './people';
import { registerImport } from './import';
import { registerReport } from './report';
import { registerPerf } from './perf';
import { registerErlang } from './erlang';
import { registerForecast } from './forecast';
import { registerKb } from './kb';
import { registerFacts } from './facts';

/** Every subcommand; later capabilities add theirs here. */
export const commandRegistrars: Array<(p: Command) => void> = [
  registerServe,
  registerDemo,
  registerUsers,
  registerPeople,
  registerImport,
  registerReport,
  registerPerf,
  registerErlang,
  registerForecast,
  registerKb,
  registerFacts,
];
