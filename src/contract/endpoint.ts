/**
 * The contract between server and web (issue 13): each endpoint's method, path, who may call it,
 * its zod inputs and its zod answer; each live topic's name and message. The server implements
 * these entries (src/server/route.ts `implement`), the OpenAPI document is generated from them and
 * the web calls them through one typed client (src/web/api.ts `call`, src/web/hooks.ts `useEndpoint`).
 * This folder imports only zod and src/core: it is the one thing both sides share.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call an endpoint: a list of roles, 'any' for every signed-in user (the handler then limits
 * what each sees), or 'public' for endpoints that need no sign-in (health, login, docs).
 */
export type Access = readonly Role[] | 'any' | 'public';

export interface Endpoint {
  method: Method;
  /** Fastify-style path, `:name` for a path parameter (declared in `params`). */
  path: string;
  access: Access;
  summary: string;
  tags?: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  /** JSON body; absent for uploads (`upload`) and bodiless calls. */
  body?: z.ZodType;
  /** Uploads: the body is the file as sent (text/csv, octet-stream…), not JSON. */
  upload?: true;
  /** The answer (JSON). Downloads declare `z.string()` and say so in `download`. */
  response: z.ZodType;
  /** The answer is a file (CSV / XLSX) with this content type, not JSON. */
  download?: string;
}

/** Declares an endpoint; `const` keeps the literal path, method and roles in the type. */
export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

/** What a handler receives after parsing (z.output of the input schemas). */
export type ParsedParams<E> = E extends { params: infer S extends z.ZodType } ? z.output<S> : undefined;
export type ParsedQuery<E> = E extends { query: infer S extends z.ZodType } ? z.output<S> : undefined;
export type ParsedBody<E> = E extends { upload: true } ? unknown : E extends { body: infer S extends z.ZodType } ? z.output<S> : undefined;
/** What a handler must return (z.input of the answer: before any default or transform). */
export type ResponseIn<E extends Endpoint> = z.input<E['response']>;
/** What the web receives (z.output of the answer). */
export type ResponseOf<E extends Endpoint> = z.output<E['response']>;

/** What a caller sends: params, query and body as the schemas accept them (z.input). */
export type CallInput<E> = (E extends { params: infer S extends z.ZodType } ? { params: z.input<S> } : { params?: undefined }) &
  (E extends { query: infer S extends z.ZodType } ? { query?: z.input<S> } : { query?: undefined }) &
  (E extends { body: infer S extends z.ZodType } ? { body: z.input<S> } : { body?: undefined });

export { urlOf, topicName, topicMatches } from './paths';

// ---- live topics (WebSocket) ----

/** A live topic: its name (`{param}` for a part filled in, e.g. `floor:team:{teamId}`) and its message. */
export interface Topic {
  name: string;
  summary: string;
  message: z.ZodType;
}

export function topic<const T extends Topic>(t: T): T {
  return t;
}

export type TopicMessage<T extends Topic> = z.output<T['message']>;
export type TopicMessageIn<T extends Topic> = z.input<T['message']>;

/** The messages the live socket sends (envelopes around topic messages). */
export const socketServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), topic: z.string(), data: z.unknown() }),
  z.object({ type: z.literal('subscribed'), topic: z.string() }),
  z.object({
    type: z.literal('error'),
    topic: z.string().optional(),
    id: z.unknown().optional(),
    reason: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    error: z.string().optional(),
    field: z.string().optional(),
    message: z.string(),
  }),
  z.object({ type: z.literal('ack'), id: z.unknown(), result: z.unknown() }),
  z.object({ type: z.literal('closing'), code: z.number(), reason: z.string() }),
]);
export type SocketServerMessage = z.output<typeof socketServerMessage>;

/** What a client sends: subscribe to topics (other types are capability handlers, e.g. CTI event push). */
export const socketSubscribe = z.object({ type: z.literal('subscribe'), topics: z.array(z.string()) });
