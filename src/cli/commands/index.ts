import type { Command } from 'commander';
import { registerServe } from './serve';
import { registerUsers } from './users';
import { registerDemo } from './demo';
import { registerKb } from './kb';

/** Every subcommand; later capabilities add theirs here. */
export const commandRegistrars: Array<(p: Command) => void> = [registerServe, registerDemo, registerUsers, registerKb];
