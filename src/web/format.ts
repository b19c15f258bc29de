/**
 * Dates, times and durations on screen, in the user's language: one formatter for every page, so the
 * Chinese locales show 24-hour times (2026/12/6 14:05, not 下午2:05) whatever the browser's own locale.
 *
 * Every time on screen and every time typed is the center's wall clock (its IANA zone, from the signed-in
 * user), not the browser's: a duty manager on a laptop in another zone, or a kiosk left in UTC, sees and
 * types the floor's times. `centerZone` below is the one source of that zone; nothing in the web reads the
 * browser's zone (getHours, toLocale…String, new Date('…T…') without a zone) for a time of the floor.
 */
import { i18n } from './i18n/index';
import { localToEpoch } from '../core/timezone';

/** The center's IANA zone (set from the signed-in user): "today" is the center's day, not the browser's. */
let centerZone: string | undefined;
export function setCenterZone(tz: string | null | undefined) {
  centerZone = tz ?? undefined;
  cache.clear();
}
/** The zone times are shown and typed in: the center's; the browser's only before anyone signed in. */
export const shownZone = (): string => centerZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

const cache = new Map<string, Intl.DateTimeFormat>();
type Kind = 'dateTime' | 'date' | 'time' | 'timeSec' | 'dayOfWeek' | 'parts';
function fmt(kind: Kind, language?: string) {
  const lang = kind === 'parts' ? 'en-CA' : language || i18n.language || 'zh-CN';
  const key = `${lang}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    const h23 = lang.startsWith('zh') ? { hourCycle: 'h23' as const } : {};
    const date = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;
    const time = { hour: '2-digit', minute: '2-digit', ...h23 } as const;
    const opts: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? date
        : kind === 'time'
          ? time
          : kind === 'timeSec'
            ? { ...time, second: '2-digit' }
            : kind === 'dayOfWeek'
              ? { month: 'numeric', day: 'numeric', weekday: 'short' }
              : kind === 'parts'
                ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }
                : { ...date, ...time };
    f = new Intl.DateTimeFormat(lang, { ...opts, timeZone: shownZone() });
    cache.set(key, f);
  }
  return f;
}

type Instant = number | string | Date;
const asDate = (x: Instant) => (x instanceof Date ? x : new Date(typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x));

/** 2026/12/6 14:05 */
export const fmtDateTime = (x: Instant) => fmt('dateTime').format(asDate(x));
/** 2026/12/6 */
export const fmtDate = (x: Instant) => fmt('date').format(asDate(x));
/** 14:05 */
export const fmtClock = (x: Instant) => fmt('time').format(asDate(x));
/** 14:05:09 */
export const fmtClockSec = (x: Instant) => fmt('timeSec').format(asDate(x));
/** 12/7 (Mon) / 12/7周一, in the user's language or the one given */
export const fmtDayOfWeek = (x: Instant, language?: string) => fmt('dayOfWeek', language).format(asDate(x));

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** The center's wall clock at an instant: YYYY-MM-DD, HH:mm (24-hour) and the weekday (0 = Monday). */
export function centerClock(at: number): { day: string; hm: string; weekday: number } {
  const p = Object.fromEntries(
    fmt('parts')
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { day: `${p.year}-${p.month}-${p.day}`, hm: `${p.hour}:${p.minute}`, weekday: WEEKDAYS.indexOf(p.weekday!) };
}

/** Today's date in the center's zone, YYYY-MM-DD. */
export const centerToday = (at: number = Date.now()): string => centerClock(at).day;

/** The value of a datetime-local field (YYYY-MM-DDTHH:mm) of an instant, on the center's clock. */
export function toCenterInput(at: number): string {
  const c = centerClock(at);
  return `${c.day}T${c.hm}`;
}

/**
 * Epoch ms of the center's wall-clock time written YYYY-MM-DD (its midnight), YYYY-MM-DDTHH:mm[:ss] (a datetime-local
 * field) or YYYY-MM-DD HH:mm; NaN when it is not one of these.
 */
export function fromCenterInput(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => Number(x ?? 0));
  return localToEpoch(y!, mo!, d!, h!, mi!, sec!, shownZone());
}

/** A duration in seconds as the user says it: 21分52秒 / 21 min 52 s; hours when it is that long. */
export function fmtDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const zh = (i18n.language || 'zh-CN').startsWith('zh');
  const zhTW = i18n.language === 'zh-TW';
  const parts = zh
    ? [h ? `${h}${zhTW ? '小時' : '小时'}` : '', m ? `${m}分` : '', sec || (!h && !m) ? `${sec}秒` : '']
    : [h ? `${h} h` : '', m ? `${m} min` : '', sec || (!h && !m) ? `${sec} s` : ''];
  return (seconds < 0 ? '−' : '') + parts.filter(Boolean).join(zh ? '' : ' ');
}
