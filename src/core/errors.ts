/**
 * Domain errors shared by every layer: the one error family of the project. Every refusal in core,
 * store and the edges is a DomainError (or a subclass below); `code` is its kind, which the server maps
 * to an HTTP status in one place (`HTTP_STATUS`); the CLI prints the message. `field` names the bad input (a JSON path or a line).
 * `reason` is a stable code (e.g. `event.tsOutOfWindow`) with `params` for the message: the web
 * translates `errors.<reason>` in the user's language and falls back to `message` (English).
 */
export type DomainErrorCode = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'rate_limited';

export interface ErrorDetail {
  reason?: string;
  params?: Record<string, string | number | boolean | null>;
}

export class DomainError extends Error {
  readonly reason?: string;
  readonly params?: ErrorDetail['params'];
  constructor(
    message: string,
    readonly code: DomainErrorCode,
    readonly field?: string,
    detail: ErrorDetail = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.reason = detail.reason;
    this.params = detail.params;
  }
}
/** The HTTP status of each kind: the server's one mapping from the family to HTTP. */
export const HTTP_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/**
 * A pure function's refusal of its input, naming the field: message `field: what is wrong`.
 * The WFM core's modules export it under their own names (ErlangInputError, ScheduleInputError, …).
 */
export class InputError extends DomainError {
  /** The message without the `field: ` prefix. */
  readonly problem: string;
  constructor(field: string, problem: string, detail?: ErrorDetail, kind: DomainErrorCode = 'validation') {
    super(`${field}: ${problem}`, kind, field, detail);
    this.name = 'InputError';
    this.problem = problem;
  }
  declare readonly field: string;
}

export const validationError = (field: string, message: string, detail?: ErrorDetail) => new DomainError(`${field}: ${message}`, 'validation', field, detail);
/** What a not-found refusal names: the web says `errors.common.notFound` with `entities.<entity>` translated. */
export const NOT_FOUND_ENTITIES = [
  'activation',
  'agent',
  'alert',
  'article',
  'articleVersion',
  'assessmentGap',
  'assessmentPoint',
  'assessmentRound',
  'attachment',
  'attempt',
  'calibrationSession',
  'call',
  'callIn',
  'callinAsk',
  'center',
  'certifiedQueue',
  'coachingSession',
  'dutyShift',
  'contest',
  'course',
  'department',
  'dispute',
  'emergencyStaff',
  'evaluation',
  'exam',
  'floorCheck',
  'floorCheckItem',
  'floorFault',
  'forecast',
  'goal',
  'idpItem',
  'improvementPlan',
  'improvementStep',
  'intradayOffer',
  'handover',
  'libraryEntry',
  'note',
  'peerPlan',
  'notice',
  'planItem',
  'post',
  'prompt',
  'publishedRanking',
  'question',
  'redemption',
  'requirement',
  'robot',
  'roomVisit',
  'scheduleRun',
  'scorecardTemplate',
  'session',
  'shadowing',
  'shift',
  'slot',
  'squad',
  'survey',
  'swap',
  'talentNomination',
  'task',
  'team',
  'timeOff',
  'user',
  'visitNotice',
  'workOrder',
] as const;
export type NotFoundEntity = (typeof NOT_FOUND_ENTITIES)[number];
/**
 * A record that does not exist, or that the caller may not know of (another center's is as absent).
 * Always carries the reason `common.notFound` with `{ entity, id }` unless a more precise one is given.
 */
export const notFound = (entity: NotFoundEntity, id?: string | number | null, detail?: ErrorDetail) =>
  new DomainError(
    `${entity.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}${id == null ? '' : ` ${id}`} not found`,
    'not_found',
    undefined,
    detail ?? { reason: 'common.notFound', params: { entity, id: id ?? null } },
  );
export const conflict = (message: string, field?: string, detail?: ErrorDetail) => new DomainError(message, 'conflict', field, detail);
/** A refusal of who asks: the reason is required, so the web can say it in the user's language. */
export const forbidden = (message: string, detail: ErrorDetail & { reason: string }) => new DomainError(message, 'forbidden', undefined, detail);
