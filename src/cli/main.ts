import { Command } from 'commander';
import { commandRegistrars } from './commands/index';
import { DomainError } from '../core/errors';

const program = new Command();
program.name('callfloor').description('CallFloor — open call center floor operations (现场管理)').version('0.1.0');
for (const r of commandRegistrars) r(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const msg = e instanceof DomainError || e instanceof Error ? e.message : String(e);
  console.error(`callfloor: ${msg}`);
  process.exitCode = 1;
}
