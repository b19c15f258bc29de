/**
 * Domain errors shared by every layer. The server maps them to HTTP status codes;
 * the CLI prints their message. `field` names the bad input (a JSON path or a line).
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
export const validationError = (field: string, message: string, detail?: ErrorDetail) =>
  new DomainError(`${field}: ${message}`, 'validation', field, detail);
export const notFound = (what: string, detail?: ErrorDetail) => new DomainError(`${what} not found`, 'not_found', undefined, detail);
export const conflict = (message: string, field?: string, detail?: ErrorDetail) => new DomainError(message, 'conflict', field, detail);
export const forbidden = (message = 'forbidden', detail?: ErrorDetail) => new DomainError(message, 'forbidden', undefined, detail);
