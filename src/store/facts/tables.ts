/** Facts tables (migration 024): the stored parts of closed agent-days (store/facts/days.ts). */
export interface FactsTables {
  fact_agent_days: {
    agent_id: number;
    /** local date YYYY-MM-DD in the center's zone */
    day: string;
    center_id: number;
    /** [day_start, day_end) epoch ms the parts were computed for (a zone change makes the row unusable) */
    day_start: number;
    day_end: number;
    /** the agent's telephony code when computed (a changed code makes the row unusable) */
    agent_code: string | null;
    /** the settings the parts depend on (csat rule, attendance grace), as JSON */
    conf: string;
    /** FactParts as JSON */
    parts: string;
    computed_at: number;
    /** the token of the computation that claimed the row (parts not yet stored; migration 033), null once stored */
    claim: number | null;
  };
}
