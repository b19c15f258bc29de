/**
 * How the multi-skill plan trims its week (issue 15): on this many simulated weeks of callers, pooled, and the
 * trimmed week then checked on VALIDATION_WEEKS other weeks (callers the trimming did not choose shifts on).
 * Apart from plan.ts so that the web can name the count without the optimiser.
 */
export const TRIM_WEEKS = 4;
export const VALIDATION_WEEKS = 4;
