import { createContext, useContext } from 'react';

import type { Me } from '../contract/platform';

/** The signed-in user, as GET /api/auth/me answers (src/contract/platform.ts). */
export type { Me };

export const SessionContext = createContext<{ me: Me; refresh: () => void } | null>(null);

export function useMe(): Me {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useMe outside a signed-in session');
  return s.me;
}

export const hasAny = (me: Me, roles: readonly string[]) => me.roles.some((r) => roles.includes(r));
