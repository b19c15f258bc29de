/** Roles from DESIGN.md. A user holds one or more. */
export const ROLES = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

/** Roles that see every agent of the center (the rest are narrowed to their team or themselves). */
export const CENTER_WIDE_ROLES: readonly Role[] = ['admin', 'center_manager', 'duty_manager', 'qa', 'wfm', 'trainer'];
