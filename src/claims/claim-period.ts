import { civilOf, dateOf, dayNumber } from "../contract/day-number.js";

/**
 * Claim periods: calendar months or calendar quarters, numbered from year 0 so that they sort in time order.
 * A claim falls due in the period of its claimed date.
 */
export type ClaimPeriodKind = "month" | "quarter";

/** The period number of a day number. */
export function periodOfDay(kind: ClaimPeriodKind, day: number): number {
  const { year, month } = civilOf(day);
  return kind === "month" ? year * 12 + month - 1 : year * 4 + Math.floor((month - 1) / 3);
}

/** A period's label (`"2027-09"` or `"2027-Q3"`) and its first and last calendar days. */
export function describePeriod(kind: ClaimPeriodKind, period: number): { label: string; start: string; end: string } {
  const months = kind === "month" ? 1 : 3;
  const year = Math.floor(period / (12 / months));
  const firstMonth = (period - year * (12 / months)) * months + 1;
  const start = `${String(year).padStart(4, "0")}-${String(firstMonth).padStart(2, "0")}-01`;
  const next =
    firstMonth + months > 12
      ? `${String(year + 1).padStart(4, "0")}-01-01`
      : `${String(year).padStart(4, "0")}-${String(firstMonth + months).padStart(2, "0")}-01`;
  const label = kind === "month" ? start.slice(0, 7) : `${String(year).padStart(4, "0")}-Q${(firstMonth + 2) / 3}`;
  return { label, start, end: dayBefore(next) };
}

function dayBefore(date: string): string {
  return dateOf(dayNumber(date) - 1);
}
