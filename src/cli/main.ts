import { Command } from 'commander';
import { registerCommands } from './commands/index';

const program = new Command();
program.name('callfloor').description('CallFloor — open call center floor operations (现场管理)').version('0.1.0');

try {
  await registerCommands(program, process.argv);
  await program.parseAsync(process.argv);
} catch (e) {
  console.error(`callfloor: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
