import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { COMMANDS, registerCommands } from './index';

test('each command registers itself under its table name with the summary the help lists', async () => {
  for (const entry of COMMANDS) {
    const program = new Command();
    (await entry.load())(program);
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      [entry.name],
      entry.name,
    );
    assert.equal(program.commands[0]!.description(), entry.summary, entry.name);
  }
});

test('the help lists every command without loading it; a named command is registered in full', async () => {
  const help = new Command();
  await registerCommands(help, ['node', 'callfloor', '--help']);
  assert.deepEqual(
    help.commands.map((c) => c.name()),
    COMMANDS.map((c) => c.name),
  );
  // summaries only: no options are known yet
  assert.ok(help.commands.every((c) => c.options.length === 0));

  const report = new Command();
  await registerCommands(report, ['node', 'callfloor', 'report', '--json']);
  assert.deepEqual(
    report.commands.map((c) => c.name()),
    ['report'],
  );
  assert.ok(report.commands[0]!.options.some((o) => o.long === '--json'));
});
