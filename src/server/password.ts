/** Password rules and hashing moved to the service layer (src/services/platform/password.ts), which the CLI and the routes share. */
export * from '../services/platform/password';
