import { buildApp, type AppOptions } from '../../src/server/app';

/**
 * The app as `callfloor serve` builds it, for the benches: answers unchecked. Importing src/server/testing (the
 * benches' seeding and sign-in helpers) turns the tests' contract check of every answer on for the whole process, and
 * that check had cost the wallboard more than the login page (more answers and socket messages).
 */
export const benchApp = (opts: AppOptions) => buildApp({ ...opts, validateResponses: false });
