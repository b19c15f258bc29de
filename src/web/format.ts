/**
 * Dates, times and durations on screen, in the user's language: one formatter for every page, so the
 * Chinese locales show 24-hour times (2026/12/6 14:05, not 下午2:05) whatever the browser's own locale.
 */
import { i18n } from './i18n/index';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(kind: 'dateTime' | 'date' | 'time' | 'timeSec') {
  const lang = i18n.language || 'zh-CN';
  const key = `${lang}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    const h23 = lang.startsWith('zh') ? { hourCycle: 'h23' as const } : {};
    const date = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;
    const time = { hour: '2-digit', minute: '2-digit', ...h23 } as const;
    const opts: Intl.DateTimeFormatOptions =
      kind === 'date' ? date : kind === 'time' ? time : kind === 'timeSec' ? { ...time, second: '2-digit' } : { ...date, ...time };
    f = new Intl.DateTimeFormat(lang, opts);
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

/** The center's IANA zone (set from the signed-in user): "today" is the center's day, not the browser's. */
let centerZone: string | undefined;
export function setCenterZone(tz: string | null | undefined) {
  centerZone = tz ?? undefined;
}

/** Today's date in the center's zone (the browser's when unknown), YYYY-MM-DD. */
export function centerToday(at: number = Date.now()): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: centerZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
