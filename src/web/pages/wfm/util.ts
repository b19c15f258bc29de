/** Shared helpers of the WFM pages (display in the browser's local time). */
export const pad = (n: number) => String(n).padStart(2, '0');
export const hm = (ts: number) => {
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
export const ymd = (ts: number) => {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
export const mdw = (ts: number, locale: string) => new Date(ts).toLocaleDateString(locale, { month: 'numeric', day: 'numeric', weekday: 'short' });
/** Monday of the week containing ts, as YYYY-MM-DD (browser local time). */
export function mondayOf(ts: number) {
  const d = new Date(ts);
  const wd = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - wd);
  return ymd(d.getTime());
}
/** datetime-local value ↔ epoch ms */
export const toLocalInput = (ts: number) => `${ymd(ts)}T${hm(ts)}`;
export const fromLocalInput = (s: string) => new Date(s).getTime();
