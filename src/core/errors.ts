/**
 * Domain errors shared by every layer. The server maps them to HTTP status codes;
 * the CLI prints their message. `field` names the bad input (a JSON path or a line).
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
export const validationError = (field: string, message: string) => new DomainError(`${field}: ${message}`, 'validation', field);
export const notFound = (what: string) => new DomainError(`${what} not found`, 'not_found');
export const conflict = (message: string, field?: string) => new DomainError(message, 'conflict', field);
export const forbidden = (message = 'forbidden') => new DomainError(message, 'forbidden');
