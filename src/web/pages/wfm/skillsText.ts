// Skills with proficiency in one text field (issue 15): "general, billing:4". A skill without a level is the
// standard agent (3) and is written back without one, so a contract from before levels reads the same.

/** The stored skills and levels as the planner types them. */
export function skillsText(skills: readonly string[], levels: Record<string, number> | undefined): string {
  return skills.map((s) => (levels?.[s] !== undefined && levels[s] !== 3 ? `${s}:${levels[s]}` : s)).join(', ');
}

/** The typed text as the contract's skills and levels (a level that is not a number is sent as is: the server names it). */
export function parseSkills(text: string): { skills: string[]; skillLevels: Record<string, number> } {
  const skills: string[] = [];
  const skillLevels: Record<string, number> = {};
  for (const part of text.split(/[,，、\s]+/).filter(Boolean)) {
    const [name, level] = part.split(/[:：]/);
    if (!name) continue;
    if (!skills.includes(name)) skills.push(name);
    if (level !== undefined && level !== '') skillLevels[name] = Number(level);
  }
  return { skills, skillLevels };
}
