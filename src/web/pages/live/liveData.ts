import { useEffect, useRef, useState } from 'react';
import { get, live } from '../../api';
import type { Me } from '../../session';

export interface Tile {
  code: string;
  agentId: number | null;
  name: string;
  teamId: number | null;
  state: string;
  since: number;
  reason: string | null;
  queue: string | null;
  callsToday: number;
  callId: string | null;
  callSince: number | null;
  pulledIn: boolean;
}
export interface Alert {
  id: number;
  kind: string;
  scope: string;
  subject: string;
  team_id: number | null;
  agent_id: number | null;
  status: string;
  figures: Record<string, number | null>;
  action: string;
  raised_at: number;
  last_seen_at: number;
  cleared_at: number | null;
  ack_note: string | null;
  close_note: string | null;
}

const CENTER_WIDE = ['admin', 'center_manager', 'duty_manager', 'qa', 'wfm', 'trainer'];
export const isCenterWide = (me: Me) => me.roles.some((r) => CENTER_WIDE.includes(r));

export function floorTopics(me: Me): string[] {
  if (isCenterWide(me)) return ['floor:agents', 'floor:queues', 'alerts'];
  return ['floor:queues', ...me.ledTeamIds.flatMap((id) => [`floor:team:${id}`, `alerts:team:${id}`])];
}

/** Alerts not yet closed, kept live from the alert topics. */
export function applyAlert(list: Alert[], change: string, a: any): Alert[] {
  const parsed: Alert = { ...a, figures: typeof a.figures === 'string' ? JSON.parse(a.figures) : a.figures };
  const rest = list.filter((x) => x.id !== parsed.id);
  return change === 'closed' ? rest : [parsed, ...rest].sort((x, y) => y.id - x.id);
}

/** The floor snapshot plus live pushes; tiles kept in a map, re-rendered at most once per push. */
export function useFloor(me: Me) {
  const tiles = useRef(new Map<string, Tile>());
  const [version, setVersion] = useState(0);
  const [snap, setSnap] = useState<any>(null);
  const [queues, setQueues] = useState<any[]>([]);
  const [kpis, setKpis] = useState<any>(null);
  const [intervals, setIntervals] = useState<any[]>([]);
  const [callins, setCallins] = useState<any[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(() => {
    let alive = true;
    const pending: [string, any][] = [];
    const close = live(floorTopics(me), (topic, data) => {
      if (!snapLoaded) pending.push([topic, data]);
      else onMsg(topic, data);
    });
    let snapLoaded = false;
    const onMsg = (topic: string, data: any) => {
      if (topic.startsWith('alerts')) {
        setAlerts((l) => applyAlert(l, data.change, data.alert));
        return;
      }
      if (data.agents) {
        for (const t of data.agents as Tile[]) tiles.current.set(t.code, t);
        setVersion((v) => v + 1);
      }
      if (data.callins) setCallins(data.callins);
      if (data.queues) setQueues(data.queues);
      if (data.kpis) setKpis(data.kpis);
      if (data.intervals) setIntervals(data.intervals);
    };
    void (async () => {
      const s = await get('/api/floor/now');
      const active = s.scope === 'self' ? [] : await get<Alert[]>('/api/alerts?status=active').catch(() => []);
      if (!alive) return;
      for (const t of s.agents as Tile[]) tiles.current.set(t.code, t);
      setSnap(s);
      setQueues(s.queues);
      setKpis(s.kpis);
      setIntervals(s.intervals);
      setCallins(s.callins ?? []);
      setAlerts(active);
      setVersion((v) => v + 1);
      snapLoaded = true;
      for (const [t, d] of pending.splice(0)) onMsg(t, d);
    })();
    return () => {
      alive = false;
      close();
    };
  }, [me]);
  return { tiles: tiles.current, version, snap, queues, kpis, intervals, callins, alerts, setAlerts };
}

/** Re-renders every second (time in state). */
export function useClock(ms = 1000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export const mmss = (s: number) => {
  const v = Math.max(0, Math.floor(s));
  const h = Math.floor(v / 3600);
  const m = Math.floor((v % 3600) / 60);
  const ss = String(v % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
};
