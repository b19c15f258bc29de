/**
 * Thin fetch wrapper: JSON in/out, the CSRF header on state changes, errors carry the server's message and field.
 * A server error with a stable `reason` is shown as `errors.<reason>` in the user's language (params interpolated);
 * without a translation the server's own message stands.
 */
import i18n from 'i18next';
import { topicMatches, urlOf, type CallInput, type Endpoint, type ResponseOf, type TopicMessage } from '../contract/endpoint';
import { topics, type Topics } from '../contract/index';
import { fmtDateTime } from './format';
import { LIVE_PATH, takeEarlySocket } from './boot';

let csrf = '';
export const setCsrf = (t: string) => {
  csrf = t;
};

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly reason?: string,
    readonly params?: Record<string, unknown>,
    /** the text without the field's label, to show next to the field */
    readonly bare: string = message,
  ) {
    super(message);
  }
}

/** An instant as the server states it in a reason's params (ISO 8601 UTC). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * The user's-language text for a server error body. A validation reason about one field is said
 * without the field's name (a form shows it next to the field); `withField` puts the field's label
 * (`fields.<name>`, when translated) in front, for a note above the form.
 */
export function errorMessage(
  data: { message?: string; reason?: string; params?: Record<string, unknown>; field?: string } | null,
  status: number,
  withField = true,
): string {
  const key = data?.reason ? `errors.${data.reason}` : null;
  // a message, not a group of them (the server's `role` refusal would name the group `errors.role.*`)
  if (key && i18n.exists(key) && typeof i18n.t(key, { returnObjects: true }) === 'string') {
    const params: Record<string, unknown> = { ...(data?.params ?? {}) };
    // a not-found names the kind of record (`entities.<entity>`) in the user's language
    if (typeof params.entity === 'string') params.entityName = i18n.t(`entities.${params.entity}`, { defaultValue: i18n.t('entities.record') });
    // an instant the server states in ISO 8601 UTC (a deadline, the next allowed time) is said as every page says times
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && ISO_INSTANT.test(v)) params[k] = fmtDateTime(v);
    // a field named in the text (`{{field}} is not a valid date`) by its label when it has one (`contract.minRest` → its label)
    if (typeof params.field === 'string') params.field = fieldLabel(params.field) ?? params.field;
    const text = i18n.t(key, params) as string;
    const label = withField && data?.field ? fieldLabel(data.field) : null;
    return label && !text.includes(label) ? `${label}: ${text}` : text;
  }
  return data?.message ?? `HTTP ${status}`;
}

/** `body.kpis.0.target` → the translated label of `target` (`fields.target`), or null. */
export function fieldLabel(field: string): string | null {
  const name = field
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .pop();
  return name && i18n.exists(`fields.${name}`) ? (i18n.t(`fields.${name}`) as string) : null;
}

/** One request: JSON in and out, the CSRF token on writes, a server error as an ApiError in the user's language. */
async function request(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return answerOf(res);
}

/** A response's body: JSON parsed (text when not JSON), or the ApiError of a refusal. */
async function answerOf(res: Response): Promise<unknown> {
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text; // not JSON (a file)
  }
  if (!res.ok) throw apiError(data, res.status);
  return data;
}

/** The ApiError of a failed answer's body (JSON or text), in the user's language. */
function apiError(data: unknown, status: number): ApiError {
  const e = (data && typeof data === 'object' ? data : { message: String(data ?? '') }) as {
    field?: string;
    reason?: string;
    params?: Record<string, unknown>;
    message?: string;
  };
  return new ApiError(errorMessage(e, status), status, e.field, e.reason, e.params, errorMessage(e, status, false));
}

/**
 * Sends a file as the raw body of an upload endpoint (`upload: true` in the contract), with its
 * progress (`onProgress(sent, total)`, through XMLHttpRequest: fetch reports none); the answer as
 * `call` gives it.
 */
export function upload<E extends Endpoint & { upload: true }>(
  ep: E,
  input: { params?: unknown; query?: unknown },
  file: Blob,
  onProgress?: (sent: number, total: number) => void,
): Promise<ResponseOf<E>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ep.method, urlOf(ep, input));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', csrf);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as ResponseOf<E>);
      else reject(apiError(data, xhr.status));
    };
    xhr.onerror = () => reject(new ApiError(i18n.t('app.networkError'), 0));
    xhr.send(file);
  });
}

/** The input a call takes: optional when the endpoint has no required part. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "{} extends X" is how TypeScript asks whether every part of X is optional
export type CallArgs<E extends Endpoint> = {} extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

/**
 * Calls an endpoint of the contract (src/contract): the URL from its path and params, the query
 * string, the JSON body; the answer typed as the contract's response. The one way the web talks to
 * the server.
 */
export function call<E extends Endpoint>(ep: E, ...[input]: CallArgs<E>): Promise<ResponseOf<E>> {
  const i = (input ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
  const body = ep.method === 'GET' || ep.method === 'DELETE' ? undefined : (i.body ?? {});
  return request(ep.method, urlOf(ep, i), body) as Promise<ResponseOf<E>>;
}

/**
 * The answer of a request already sent (boot.ts sends GET /api/auth/me before the rest of the page's code runs),
 * read as `call` reads its own: the contract's answer, or the ApiError of a refusal.
 */
export async function answerOfSent<E extends Endpoint>(_ep: E, sent: Promise<Response>): Promise<ResponseOf<E>> {
  return answerOf(await sent) as Promise<ResponseOf<E>>;
}

/** One user of the live socket: its topics, and its own progress on the socket's current connection. */
interface Listener {
  topics: string[];
  onEvent: (topic: string, data: unknown) => void;
  onReady?: (answer?: unknown) => void;
  ask?: string;
  /** the id its `ask` goes with (unique on the socket) */
  askId?: string;
  pending: Set<string>;
  answered: boolean;
  answer?: unknown;
  ready: boolean;
  held: [string, unknown][];
}

const listeners = new Set<Listener>();
let ws: WebSocket | null = null;
let delay = 500;
let retry: ReturnType<typeof setInterval> | undefined;
let asks = 0;

const sendOn = (sock: WebSocket, msg: unknown) => sock.readyState === WebSocket.OPEN && sock.send(JSON.stringify(msg));

/** Sends a listener's subscribe (its topics not yet answered on this connection) and, once per connection, its ask. */
function start(sock: WebSocket, l: Listener, withAsk: boolean) {
  if (l.pending.size) sendOn(sock, { type: 'subscribe', topics: [...l.pending] });
  // handled after the subscribe (a socket's messages are handled in order): its answer misses no push
  if (withAsk && l.ask) sendOn(sock, { type: l.ask, id: l.askId });
}

/** Re-sends every second the subscribes the server has not answered yet. */
function keepSubscribing(sock: WebSocket) {
  clearInterval(retry);
  retry = setInterval(() => {
    const waiting = [...listeners].filter((l) => l.pending.size);
    if (ws === sock && waiting.length) for (const l of waiting) start(sock, l, false);
    else clearInterval(retry);
  }, 1000);
}

function maybeReady(l: Listener) {
  if (l.ready || l.pending.size || !l.answered) return;
  l.ready = true;
  l.onReady?.(l.answer);
  for (const [topic, data] of l.held.splice(0)) l.onEvent(topic, data);
}

/** A listener's state at the start of a connection: every topic to (re)subscribe, its ask to (re)send. */
function reset(l: Listener) {
  l.pending = new Set(l.topics);
  l.answered = !l.ask;
  l.answer = undefined;
  l.ready = false;
  l.held = [];
}

function connect() {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  const sock = (ws = takeEarlySocket() ?? new WebSocket(`${proto}://${location.host}${LIVE_PATH}`));
  for (const l of listeners) reset(l);
  const opened = () => {
    delay = 500;
    for (const l of listeners) start(sock, l, true);
    keepSubscribing(sock);
  };
  // boot.js's socket may be open already
  if (sock.readyState === WebSocket.OPEN) opened();
  else sock.onopen = opened;
  sock.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.type === 'event') {
      for (const l of listeners)
        if (l.topics.includes(msg.topic)) {
          if (l.ready || !l.ask) l.onEvent(msg.topic, msg.data);
          else l.held.push([msg.topic, msg.data]);
        }
      return;
    }
    if ((msg.type === 'subscribed' || msg.type === 'error') && typeof msg.topic === 'string') {
      for (const l of listeners) if (l.pending.delete(msg.topic)) maybeReady(l);
      return;
    }
    for (const l of listeners)
      if (l.ask && !l.answered && (msg.id === l.askId || (msg.type === 'error' && msg.id === undefined && msg.params?.type === l.ask))) {
        // the answer, or its refusal (an error with its id, or a server that does not know the message type)
        l.answered = true;
        if (msg.type === 'ack') l.answer = msg.result;
        maybeReady(l);
      }
  };
  sock.onclose = (e) => {
    clearInterval(retry);
    if (ws !== sock) return;
    ws = null;
    if (!listeners.size) return;
    setTimeout(
      () => {
        if (!ws && listeners.size) connect();
      },
      e.code === 4403 ? 500 : e.code === 4401 ? (delay = 10_000) : (delay = Math.min(delay * 2, 10_000)),
    );
  };
}

/**
 * Subscribes to topics on the live socket; returns a closer. One socket for the whole page (issue 16: the bell's
 * own socket opened first, and a browser opens one socket to a host at a time, so the wallboard's waited for it):
 * it opens with the first listener and closes with the last; a listener gets only its own topics' messages, and
 * a topic no listener holds any more is unsubscribed. The subscribe is re-sent every
 * second until the server acknowledges each topic (`subscribed`, or an error naming the topic when it is refused),
 * and again after every reconnect. Reconnects with backoff; when the access changed (4403) at once, when the
 * session ended (4401) at the slowest pace (it resumes after a new sign-in).
 * `onReady` is called each time every topic is answered (after the first open and after each reconnect):
 * from then on nothing published is missed, so that is when a page (re)loads the state the pushes change.
 * With `ask` (a socket message type, e.g. the floor's snapshot) that message is sent right behind the subscribe
 * on each open and `onReady` gets its answer (undefined when the server refused it: the page asks over HTTP);
 * messages that arrive before it are held and handed over after `onReady`, as they are newer than the answer.
 */
function live(topics: string[], onEvent: (topic: string, data: unknown) => void, onReady?: (answer?: unknown) => void, ask?: string): () => void {
  const l: Listener = { topics, onEvent, onReady, ask, askId: ask && `${ask}#${++asks}`, pending: new Set(), answered: false, ready: false, held: [] };
  reset(l);
  listeners.add(l);
  if (!ws) connect();
  else if (ws.readyState === WebSocket.OPEN) {
    start(ws, l, true);
    keepSubscribing(ws);
  }
  // else connecting: its open subscribes every listener
  return () => {
    if (!listeners.delete(l)) return;
    if (listeners.size) {
      // its topics no other listener holds stop arriving
      const kept = new Set([...listeners].flatMap((x) => x.topics));
      const gone = [...new Set(l.topics)].filter((t) => !kept.has(t));
      if (ws && gone.length) sendOn(ws, { type: 'unsubscribe', topics: gone });
      return;
    }
    clearInterval(retry);
    const sock = ws;
    ws = null;
    sock?.close();
  };
}

/** A message of a contract topic, by the topic's name in src/contract (`kind`) and its concrete topic string. */
export type LiveEvent = { [K in keyof Topics]: { kind: K; topic: string; data: TopicMessage<Topics[K]> } }[keyof Topics];

/**
 * The live socket with typed messages: subscribes to concrete topic strings (build them with
 * `topicName(topics.floorTeam, { teamId })`) and hands each message over with its contract topic.
 * Messages on a topic the contract does not know are dropped.
 */
export function subscribe(topicStrings: string[], onEvent: (e: LiveEvent) => void, onReady?: (answer?: unknown) => void, ask?: string): () => void {
  const kinds = Object.keys(topics) as (keyof Topics)[];
  return live(
    topicStrings,
    (topic, data) => {
      const kind = kinds.find((k) => topicMatches(topics[k], topic));
      if (kind) onEvent({ kind, topic, data } as LiveEvent);
    },
    onReady,
    ask,
  );
}
