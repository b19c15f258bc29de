import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { call, subscribe, type LiveEvent } from '../../api';
import { takeEarlySnapshot } from '../../boot';
import { contract, topics } from '../../../contract/index';
import { topicName } from '../../../contract/endpoint';
import {
  FLOOR_SNAPSHOT_MESSAGE,
  type Alert,
  type FloorCallin,
  type FloorKpis,
  type FloorSnapshot,
  type FloorSnapshotAnswer,
  type IntervalPoint,
  type QueueNow,
  type Tile,
} from '../../../contract/live';
import { CENTER_WIDE_ROLES } from '../../../core/roles';
import type { Me } from '../../session';

export type { Alert, Tile };

export const isCenterWide = (me: Me) => me.roles.some((r) => (CENTER_WIDE_ROLES as readonly string[]).includes(r));

export function floorTopics(me: Me): string[] {
  if (isCenterWide(me)) return [topics.floorAgents.name, topics.floorQueues.name, topics.alerts.name];
  return [topics.floorQueues.name, ...me.ledTeamIds.flatMap((teamId) => [topicName(topics.floorTeam, { teamId }), topicName(topics.teamAlerts, { teamId })])];
}

/** Alerts not yet closed, kept live from the alert topics. */
export function applyAlert(list: Alert[], change: string, a: Alert): Alert[] {
  const rest = list.filter((x) => x.id !== a.id);
  return change === 'closed' ? rest : [a, ...rest].sort((x, y) => y.id - x.id);
}

/** The floor snapshot plus live pushes; tiles kept in a map, re-rendered at most once per push. */
export function useFloor(me: Me) {
  const tiles = useRef(new Map<string, Tile>());
  const [version, setVersion] = useState(0);
  const [snap, setSnap] = useState<FloorSnapshot | null>(null);
  const [queues, setQueues] = useState<QueueNow[]>([]);
  const [kpis, setKpis] = useState<FloorKpis | null>(null);
  const [intervals, setIntervals] = useState<IntervalPoint[]>([]);
  const [callins, setCallins] = useState<FloorCallin[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  // subscribed in the commit that first shows the page, not in a passive effect (issue 16): those ran only after
  // the tasks queued meanwhile, on a first visit the font slices' layouts (50-70 ms each), and the server's
  // snapshot now overlaps them
  useLayoutEffect(() => {
    let alive = true;
    const pending: LiveEvent[] = [];
    let snapLoaded = false;
    // no socket answer (a proxy without WebSockets): the board still loads, without pushes
    const fallback = setTimeout(() => void load(), 3000);
    // the snapshot is read once the socket's topics are answered (and again after a reconnect): a push sent
    // before that would be missed, and the floor pushes as soon as events are applied. It comes over the socket
    // itself, asked right behind the subscribe (floor.snapshot, issue 16: GET floor/now and GET alerts were two
    // more steps before the first tiles); over HTTP only when the socket refused it.
    let ready = false;
    const close = subscribe(
      floorTopics(me),
      (e) => {
        if (!snapLoaded) pending.push(e);
        else onMsg(e);
      },
      (answer) => {
        ready = true;
        clearTimeout(fallback);
        const got = answer as FloorSnapshotAnswer | undefined;
        if (got?.floor) show(got.floor, got.alerts);
        else void load();
      },
      FLOOR_SNAPSHOT_MESSAGE,
    );
    const onMsg = (e: LiveEvent) => {
      if (e.kind === 'alerts' || e.kind === 'teamAlerts') {
        setAlerts((l) => applyAlert(l, e.data.change, e.data.alert));
        return;
      }
      if (e.kind === 'floorAgents' || e.kind === 'floorTeam') {
        if (e.data.agents) {
          for (const t of e.data.agents) tiles.current.set(t.code, t);
          setVersion((v) => v + 1);
        }
        if (e.data.callins) setCallins(e.data.callins);
      }
      if (e.kind === 'floorQueues') {
        setQueues(e.data.queues);
        if (e.data.kpis) setKpis(e.data.kpis);
        if (e.data.intervals) setIntervals(e.data.intervals);
      }
    };
    const show = (s: FloorSnapshot, active: Alert[]) => {
      if (!alive) return;
      for (const t of s.agents) tiles.current.set(t.code, t);
      setSnap(s);
      setQueues(s.queues);
      setKpis(s.kpis);
      setIntervals(s.intervals);
      setCallins(s.callins);
      setAlerts(active);
      setVersion((v) => v + 1);
      snapLoaded = true;
      for (const e of pending.splice(0)) onMsg(e);
    };
    const load = async () => {
      snapLoaded = false;
      const s = await call(contract.live.floorNow);
      const active = s.scope === 'self' ? [] : await call(contract.live.alerts, { query: { status: 'active' } }).catch(() => []);
      show(s, active);
    };
    // boot.js's snapshot, asked while the app's code still loaded, shown until this page's own answer arrives: in
    // this commit when it is already here (before the browser lays out and paints the rest), else on its arrival
    const early = takeEarlySnapshot();
    const showEarly = (answer: unknown) => {
      const got = answer as FloorSnapshotAnswer | undefined;
      if (!ready && got?.floor) show(got.floor, got.alerts);
    };
    // and drawn at once (flushSync): React would schedule that render behind the browser's layout and paint of the
    // rest of the screen (the app's shell and its fonts: ~0.1 s on a first visit)
    if (early && 'answer' in early) showEarly(early.answer);
    else void early?.later.then((answer) => flushSync(() => showEarly(answer)));
    return () => {
      alive = false;
      clearTimeout(fallback);
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
