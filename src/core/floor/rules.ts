/**
 * The floor rules as workflows (issue 17, seed 000 第12/13/21/26條), pure: the figures of equipment fault
 * reports (open now, time to fix), a hygiene and safety check's pass rate, and the starting checklist
 * written for this product from the seed's rules (a center edits its own).
 */

export interface FaultTimes {
  reportedAt: number;
  fixedAt: number | null;
}

/**
 * Fault figures: how many are open at `now`; of those fixed in [from, to), how many and the mean time
 * from report to fixed (minutes; null when none was fixed).
 */
export function faultFigures(faults: readonly FaultTimes[], from: number, to: number, now: number) {
  const open = faults.filter((f) => f.reportedAt <= now && (f.fixedAt === null || f.fixedAt > now)).length;
  const fixed = faults.filter((f) => f.fixedAt !== null && f.fixedAt >= from && f.fixedAt < to);
  const meanFixMin = fixed.length ? fixed.reduce((s, f) => s + (f.fixedAt! - f.reportedAt), 0) / fixed.length / 60_000 : null;
  return { open, fixed: fixed.length, meanFixMin };
}

/** Items checked, passed and the pass rate (passed / checked; null when nothing was checked). */
export function passRate(results: readonly { pass: boolean }[]) {
  const passed = results.filter((r) => r.pass).length;
  return { checked: results.length, passed, rate: results.length ? passed / results.length : null };
}

/**
 * The starting checklist (Simplified Chinese: the center's own data from then on), written from seed 000
 * 第13條 (tidy, clean seats, chairs straight), 第14條 (no smoking or food on the floor), 第18條 (passages
 * and fire exits clear), 第19條 (nothing flammable or hazardous), 第8條 (fire equipment in place),
 * 第15條 (phones off the desks).
 */
export const DEFAULT_CHECK_ITEMS: readonly string[] = [
  '坐席台面与主机整洁，无垃圾杂物',
  '离开座位的椅子已摆正',
  '机房内无吸烟、无零食',
  '休息室桌面已清理，无剩余食物',
  '走廊、通道、窗口附近无堆放杂物',
  '消防通道与紧急疏散通道畅通',
  '消防设备在位，未被挪动或遮挡',
  '无易燃、易爆、腐蚀性等危险物品',
  '手机未放在桌面上',
];
