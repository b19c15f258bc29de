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
  /** the stored sum of an agent's stored days over a range of closed days (migration 036) */
  fact_agent_sums: {
    agent_id: number;
    /** the range's first and last local date (YYYY-MM-DD) */
    first_day: string;
    last_day: string;
    center_id: number;
    /** the agent's telephony code when summed */
    agent_code: string | null;
    /** the settings of the summed days, as JSON (fact_agent_days.conf) */
    conf: string;
    /** the range's day starts and its end, epoch ms joined by ',' (a zone change makes the row unusable) */
    bounds: string;
    /** FactParts as JSON: the sum of the range's days in date order */
    parts: string;
    computed_at: number;
  };
}
