import { EXACT_ZERO, type Exact, exactOfText } from "../formula/exact.js";
import type { DecisionTable } from "../contract/types.js";

import { WILDCARD } from "../contract/check-tables.js";

interface CompiledRow {
  readonly index: number;
  readonly when: readonly string[];
  readonly value: Exact;
  readonly specificity: number;
  readonly validFrom: string;
  readonly validTo: string;
}

/** A decision table ready for lookups, with a memo of the answers per date and keys. */
export interface CompiledTable {
  readonly id: string;
  readonly inputs: readonly string[];
  /** The row that applies to the keys on the date (the most specific match), or `undefined` when none does. */
  lookup(keys: readonly string[], date: string): { readonly value: Exact; readonly row: number } | undefined;
}

const specificityOf = (when: readonly string[]) => when.filter((key) => key !== WILDCARD).length;

/**
 * Compiles a (checked) decision table. The row that applies to some keys on a date is, among the rows valid
 * on that date (`validFrom` ≤ date ≤ `validTo`, both inclusive, open when absent) whose every column equals
 * the key or is `"*"`, the one with the most non-wildcard columns. `checkTables` (contract/check-tables.ts) has made sure it is unique.
 */
export function compileTable(table: DecisionTable): CompiledTable {
  const rows: CompiledRow[] = table.rows.map((row, index) => ({
    index,
    when: row.when,
    value: exactOfText(row.then) ?? EXACT_ZERO,
    specificity: specificityOf(row.when),
    validFrom: row.validFrom ?? "0000-01-01",
    validTo: row.validTo ?? "9999-12-31",
  }));
  // Answers memoised per date, then key by key (nested Maps: no key text is built per lookup).
  type Found = { value: Exact; row: number } | undefined;
  type Memo = Map<string, Memo | Found>;
  const memo = new Map<string, Memo>();
  const NONE = { value: EXACT_ZERO, row: -1 };
  return {
    id: table.id,
    inputs: table.inputs,
    lookup(keys, date) {
      let level = memo.get(date);
      if (level === undefined) {
        level = new Map();
        memo.set(date, level);
      }
      for (let i = 0; i < keys.length - 1; i += 1) {
        let next = level.get(keys[i]!) as Memo | undefined;
        if (next === undefined) {
          next = new Map();
          level.set(keys[i]!, next);
        }
        level = next;
      }
      const last = keys[keys.length - 1]!;
      const known = level.get(last) as Found | typeof NONE | undefined;
      if (known !== undefined) return known === NONE ? undefined : known;
      let best: CompiledRow | undefined;
      for (const row of rows) {
        if (row.validFrom > date || row.validTo < date) continue;
        if (!row.when.every((key, column) => key === WILDCARD || key === keys[column])) continue;
        if (best === undefined || row.specificity > best.specificity) best = row;
      }
      const found = best === undefined ? undefined : { value: best.value, row: best.index };
      level.set(last, found ?? NONE);
      return found;
    },
  };
}
