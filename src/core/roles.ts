/** Roles from DESIGN.md. A user holds one or more. */
export const ROLES = [
  'admin',
  'center_manager',
  'duty_manager',
  'team_lead',
  'qa',
  'wfm',
  'trainer',
  'expert',
  'agent',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}
