/**
 * Capabilities compose explicitly (issue 13): each capability exports one `Capability` — its routes,
 * who may subscribe to its live topics, its socket message handlers, its part of the event feed and
 * its long-running services — and `buildApp` composes the list it is given into one `Composition` on
 * that app's context. Nothing is registered by importing a file, so two apps in one process (tests,
 * the two-instance bench) never see each other's rules, handlers or services.
 */
import type { ServerContext } from './context';
import type { EventListener, EventSink } from './eventFeed';
import type { SocketMessageHandler, TopicFilter, TopicRule } from './live';
import type { RouteDef } from './route';

/** A long-running part started with the server (`startServices`) and stopped with it, in reverse order. */
export interface Service {
  name: string;
  start(ctx: ServerContext): Promise<void> | void;
  stop(ctx: ServerContext): Promise<void> | void;
}

export interface Capability {
  name: string;
  routes: readonly RouteDef[];
  /** Who may subscribe to which of this capability's live topics (a topic no rule of any capability allows is refused). */
  topicRules?: readonly TopicRule[];
  /** Per-message filters of topics whose records are scoped by more than roles (see TopicFilter). */
  topicFilters?: readonly { topic: string; filter: TopicFilter }[];
  /** Topic names that are per center (a socket gets its own center's hub topic). */
  centerTopics?: readonly ((topic: string) => boolean)[];
  /** Handlers of socket messages besides `subscribe`, by message type (e.g. `events`: CTI push). */
  socketHandlers?: Readonly<Record<string, SocketMessageHandler>>;
  /** Where accepted telephony events are stored (one capability of an app owns it). */
  eventSink?: EventSink;
  /** What follows each batch of new events (the live floor). */
  eventListeners?: readonly EventListener[];
  services?: readonly Service[];
}

/** What an app was composed of: read by the live socket, the event feed and startServices. */
export interface Composition {
  capabilities: readonly string[];
  routes: readonly RouteDef[];
  topicRules: readonly TopicRule[];
  topicFilters: ReadonlyMap<string, readonly TopicFilter[]>;
  isCenterTopic(topic: string): boolean;
  socketHandlers: ReadonlyMap<string, SocketMessageHandler>;
  eventSink: EventSink | null;
  eventListeners: readonly EventListener[];
  services: readonly Service[];
}

/** Composes capabilities in the order given (services start in that order); refuses a name, handler or sink declared twice. */
export function compose(capabilities: readonly Capability[]): Composition {
  const names = new Set<string>();
  const filters = new Map<string, TopicFilter[]>();
  const handlers = new Map<string, SocketMessageHandler>();
  const centerTests: ((topic: string) => boolean)[] = [];
  let sink: { cap: string; sink: EventSink } | null = null;
  for (const c of capabilities) {
    if (names.has(c.name)) throw new Error(`capability ${c.name} composed twice`);
    names.add(c.name);
    for (const f of c.topicFilters ?? []) filters.set(f.topic, [...(filters.get(f.topic) ?? []), f.filter]);
    for (const [type, h] of Object.entries(c.socketHandlers ?? {})) {
      if (type === 'subscribe' || handlers.has(type)) throw new Error(`socket message type ${type} handled twice (${c.name})`);
      handlers.set(type, h);
    }
    centerTests.push(...(c.centerTopics ?? []));
    if (c.eventSink) {
      if (sink) throw new Error(`two event sinks: ${sink.cap} and ${c.name}`);
      sink = { cap: c.name, sink: c.eventSink };
    }
  }
  return {
    capabilities: [...names],
    routes: capabilities.flatMap((c) => c.routes),
    topicRules: capabilities.flatMap((c) => c.topicRules ?? []),
    topicFilters: filters,
    isCenterTopic: (t) => centerTests.some((f) => f(t)),
    socketHandlers: handlers,
    eventSink: sink?.sink ?? null,
    eventListeners: capabilities.flatMap((c) => c.eventListeners ?? []),
    services: capabilities.flatMap((c) => c.services ?? []),
  };
}
