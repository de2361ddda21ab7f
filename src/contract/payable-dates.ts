import type { CalendarDate } from "./calendar.js";
import type { Contract } from "./types.js";

/**
 * The last date the contract makes a payment payable on: the latest of its tranches' due dates and of their
 * pooled fallbacks' due dates (a cohort paid on the pool is payable only once the pooled result can exist).
 * Settling on this date, or later, every tranche the results price is payable. `undefined` for a contract
 * without tranches (a rate card).
 *
 * @example
 * lastPayableDate(contract); // "2016-08-31" for a Peterborough-style contract whose cohorts fall back on the pool
 */
export function lastPayableDate(contract: Contract): CalendarDate | undefined {
  const dates = contract.tranches.flatMap((tranche) =>
    tranche.fallback === undefined ? [tranche.dueDate] : [tranche.dueDate, tranche.fallback.dueDate],
  );
  return dates.sort().at(-1);
}
