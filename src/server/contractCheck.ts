/**
 * The server's side of the contract at run time (issue 13): answers and live messages checked
 * against their schemas. On in tests (src/server/testing.ts sets CALLFLOOR_VALIDATE_RESPONSES=1),
 * off in production unless that variable is 1. A mismatch is a bug in the server or the contract:
 * the request fails with 500 `{ error: 'contract' }` naming the field, so every API test notices.
 */
import type { z } from 'zod';
import { topicName, type Topic, type TopicMessageIn } from '../contract/endpoint';
import { centerTopic } from './hub';
import type { ServerContext } from './context';

export class ContractViolation extends Error {}

export function validateResponsesDefault(): boolean {
  return process.env.CALLFLOOR_VALIDATE_RESPONSES === '1';
}

/** Throws ContractViolation when `value`, as JSON would carry it, does not match `schema`. */
export function checkAgainst(schema: z.ZodType, value: unknown, what: string) {
  const wire = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  const r = schema.safeParse(wire);
  if (r.success) return;
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const msg = `${what} does not match its contract: ${issues.join('; ')}`;
  console.error(msg);
  throw new ContractViolation(msg);
}

/** Publishes a contract topic's message (checked against the topic's schema when validation is on). */
export function publishTopic<T extends Topic>(
  ctx: ServerContext,
  t: T,
  params: Record<string, string | number>,
  data: TopicMessageIn<T>,
  centerId?: number,
  /** true: to this instance's sockets only (what every instance derives itself, e.g. its floor's tiles) */
  local = false,
) {
  const name = topicName(t, params);
  if (ctx.validateResponses) checkAgainst(t.message, data, `live message on ${name}`);
  // a center's floor publishes on its own hub topics (center:<id>:<name>); sockets are mapped to their caller's center
  const topic = centerId === undefined ? name : centerTopic(centerId, name);
  if (local) ctx.hub.deliver(topic, data);
  else ctx.hub.publish(topic, data);
}
