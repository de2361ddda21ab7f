import type { Tranche } from "../contract/types.js";

/**
 * The tranches in settlement order: by due date, then tranche id. Cumulative caps are consumed in this order,
 * so every path that settles a contract (`settle`, the simulation's compiled re-pricing) uses this one.
 */
export function settlementOrder<T extends Pick<Tranche, "id" | "dueDate">>(tranches: readonly T[]): T[] {
  return [...tranches].sort((a, b) =>
    a.dueDate === b.dueDate ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.dueDate < b.dueDate ? -1 : 1,
  );
}
