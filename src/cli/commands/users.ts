import type { Command } from 'commander';
import { ROLES, isRole, type Role } from '../../core/roles';
import { createCenter, listCenters } from '../../store/org';
import { addUser } from '../../services/platform/users';
import { cliActor, cliDeps, openMigratedStore } from '../options';

export function registerUsers(program: Command) {
  const users = program.command('users').description('manage users (create the first admin non-interactively)');
  users
    .command('create')
    .description('create a user (the same rules as the API: password rules, audited)')
    .requiredOption('--username <name>', 'sign-in name')
    .option('--display-name <name>', 'name shown in the app')
    .option('--password <password>', 'password (or set CALLFLOOR_PASSWORD)')
    .option('--roles <roles>', `comma-separated roles: ${ROLES.join(', ')}`, 'admin')
    .option('--center <id>', 'center of the user (required when the database has several centers)')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (o) => {
      const password = o.password ?? process.env.CALLFLOOR_PASSWORD;
      if (!password) throw new Error('--password (or CALLFLOOR_PASSWORD) is required');
      const roles = String(o.roles)
        .split(',')
        .map((r) => r.trim());
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length) throw new Error(`--roles: unknown role ${bad.join(', ')} (known: ${ROLES.join(', ')})`);
      const store = await openMigratedStore(o.db);
      try {
        // a fresh database gets its first center with its first user
        if (!(await listCenters(store.db)).length) await createCenter(store.db, 'CallFloor', 'Asia/Shanghai', Date.now());
        const { id } = await addUser(
          cliDeps(store),
          await cliActor(store, o.center),
          { username: o.username, displayName: o.displayName ?? o.username, password, roles: roles as Role[] },
          '--password',
        );
        console.log(`created user ${o.username} (id ${id}) with roles ${roles.join(', ')}`);
      } finally {
        await store.close();
      }
    });
}
