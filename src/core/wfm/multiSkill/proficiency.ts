// Skills with a proficiency (issue 15). A level 1..5 per skill; 3 is the standard agent the forecast's average
// handle time describes. The level scales the agent's handle time on that queue (a level-5 agent closes a call
// in 0.8 of the standard time, a level-1 trainee needs 1.4 times it): what the simulator uses for routing.

export type SkillLevels = Record<string, number>;

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;
export const STANDARD_LEVEL = 3;

const FACTORS: Record<number, number> = { 1: 1.4, 2: 1.2, 3: 1, 4: 0.9, 5: 0.8 };

/** Handle-time factor of a proficiency level (1 = standard). */
export function handleFactor(level: number): number {
  return FACTORS[Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, Math.round(level)))]!;
}

/**
 * The agent's skills with levels: the stored levels where present, and STANDARD_LEVEL for a skill only in the
 * old string list (contracts written before levels existed read as standard agents).
 */
export function skillLevels(skills: readonly string[], levels?: SkillLevels | null): SkillLevels {
  const out: SkillLevels = {};
  for (const s of skills) out[s] = STANDARD_LEVEL;
  for (const [s, l] of Object.entries(levels ?? {})) out[s] = Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, Math.round(l)));
  return out;
}

/** Key of a skill set with levels, e.g. "billing:3|general:4": agents with the same key form one skill group. */
export function skillGroupKey(levels: SkillLevels): string {
  return Object.keys(levels)
    .sort()
    .map((s) => `${s}:${levels[s]}`)
    .join('|');
}
