/**
 * The service layer (issue 13): one home per use case. A capability's use cases live in
 * `src/services/<capability>/` and are what the HTTP routes, the WebSocket handlers and the CLI all
 * call, so a rule (who may, what is checked, what is audited, what is announced) is written once.
 *
 * A use case takes `(deps, actor, input)`: plain data in and out. It never reads a request, a
 * reply, process.argv or the wall clock; the edge builds `deps` and `actor` (server: `depsOf(ctx)` /
 * `actorOf(caller)` in src/server/route.ts; CLI: `cliDeps` / `cliActor` in src/cli/options.ts).
 */
import type { Topic, TopicMessageIn } from '../contract/endpoint';
import type { Role } from '../core/roles';
import type { Store } from '../store/db';
import type { Scope } from '../store/scope';

/** A contract topic's message for live subscribers (the server checks and fans it out; the CLI has none). */
export type Publish = <T extends Topic>(topic: T, params: Record<string, string | number>, data: TopicMessageIn<T>, centerId?: number) => void;

export interface ServiceDeps {
  store: Store;
  /** The clock (epoch ms), injectable so tests can move time. */
  now: () => number;
  /** Announce a change to live subscribers; absent on the CLI. */
  publish?: Publish;
}

/** Who acts: a signed-in user (server) or the operator at the command line (CLI: admin of one center). */
export interface Actor {
  /** null for the command line (audited as the operator). */
  userId: number | null;
  roles: readonly Role[];
  /** The actor's center and the part of it they see; the store applies it in SQL (src/store/scope.ts). */
  scope: Scope;
  /** The actor's own agent record, if any. */
  agentId: number | null;
  locale?: string;
}

export function hasRoleIn(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
