import type { Command } from 'commander';
import { ROLES, isRole, type Role } from '../../core/roles';
import { audit } from '../../store/audit';
import { createUser, listCenters, createCenter } from '../../store/org';
import { hashPassword, passwordProblem } from '../../server/password';
import { openMigratedStore } from '../options';

export function registerUsers(program: Command) {
  const users = program.command('users').description('manage users (create the first admin non-interactively)');
  users
    .command('create')
    .description('create a user')
    .requiredOption('--username <name>', 'sign-in name')
    .option('--display-name <name>', 'name shown in the app')
    .option('--password <password>', 'password (or set CALLFLOOR_PASSWORD)')
    .option('--roles <roles>', `comma-separated roles: ${ROLES.join(', ')}`, 'admin')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (o) => {
      const password = o.password ?? process.env.CALLFLOOR_PASSWORD;
      if (!password) throw new Error('--password (or CALLFLOOR_PASSWORD) is required');
      const p = passwordProblem(password);
      if (p) throw new Error(`--password: ${p.message}`);
      const roles = String(o.roles)
        .split(',')
        .map((r) => r.trim());
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length) throw new Error(`--roles: unknown role ${bad.join(', ')} (known: ${ROLES.join(', ')})`);
      const store = await openMigratedStore(o.db);
      try {
        const now = Date.now();
        const centers = await listCenters(store.db);
        const centerId = centers[0]?.id ?? (await createCenter(store.db, 'CallFloor', 'Asia/Shanghai', now));
        const id = await createUser(
          store.db,
          { username: o.username, displayName: o.displayName ?? o.username, passwordHash: await hashPassword(password), roles: roles as Role[], centerId },
          now,
        );
        await audit(store.db, {
          at: now,
          userId: null,
          action: 'user.create',
          entity: 'user',
          entityId: id,
          detail: { username: o.username, roles, via: 'cli' },
        });
        console.log(`created user ${o.username} (id ${id}) with roles ${roles.join(', ')}`);
      } finally {
        await store.close();
      }
    });
}
