import { createContext, useContext } from 'react';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  agentId: number | null;
  centerId: number | null;
  ledTeamIds: number[];
  locale: string;
}

export const SessionContext = createContext<{ me: Me; refresh: () => void } | null>(null);

export function useMe(): Me {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useMe outside a signed-in session');
  return s.me;
}

export const hasAny = (me: Me, roles: readonly string[]) => me.roles.some((r) => roles.includes(r));
