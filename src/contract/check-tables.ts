import { issue, type InputIssue } from "../errors/validation-error.js";
import { firstIndexes } from "./check-lists.js";
import type { DecisionTable } from "./types.js";

/** The wildcard of a decision table's input column: matches any key. */
export const WILDCARD = "*";

/** A row reduced to what the checks compare. */
interface CompiledRow {
  readonly index: number;
  readonly when: readonly string[];
  readonly specificity: number;
  readonly validFrom: string;
  readonly validTo: string;
}

const specificityOf = (when: readonly string[]) => when.filter((key) => key !== WILDCARD).length;

/** True when some keys on some date match both rows. */
function overlap(a: CompiledRow, b: CompiledRow): boolean {
  return (
    a.when.every((key, column) => key === WILDCARD || b.when[column] === WILDCARD || key === b.when[column]) &&
    a.validFrom <= b.validTo &&
    b.validFrom <= a.validTo
  );
}

/**
 * True when one more specific row matches every key and date both rows match, so their tie never decides:
 * e.g. (north, *) and (*, hospital) are both beaten by (north, hospital) wherever both would match.
 */
function settled(a: CompiledRow, b: CompiledRow, rows: readonly CompiledRow[]): boolean {
  const meet = a.when.map((key, column) => (key === WILDCARD ? b.when[column]! : key));
  const from = a.validFrom > b.validFrom ? a.validFrom : b.validFrom;
  const to = a.validTo < b.validTo ? a.validTo : b.validTo;
  return rows.some(
    (c) =>
      c.specificity > a.specificity &&
      c.validFrom <= from &&
      c.validTo >= to &&
      c.when.every((key, column) => key === WILDCARD || key === meet[column]),
  );
}

/**
 * The checks of decision tables: unique ids and input names, every row as wide as the inputs, validity
 * ranges the right way round, and no tie: two rows equally specific that some keys on some date could both
 * match, with no single more specific row matching all of those keys and dates, would leave the answer to the
 * order of the rows, so the contract is rejected.
 */
export function checkTables(tables: readonly DecisionTable[]): InputIssue[] {
  const issues: InputIssue[] = [];
  firstIndexes((path, code, message) => issues.push(issue(path, code, message)), tables, ["tables"], "table", "id");
  tables.forEach((table, t) => {
    const path = ["tables", t] as const;
    table.inputs.forEach((input, column) => {
      if (table.inputs.indexOf(input) !== column)
        issues.push(
          issue([...path, "inputs", column], "duplicate_input", `the input column "${input}" is listed twice`),
        );
    });
    const rows: CompiledRow[] = [];
    table.rows.forEach((row, r) => {
      if (row.when.length !== table.inputs.length) {
        issues.push(
          issue(
            [...path, "rows", r, "when"],
            "table_row_width",
            `the row has ${row.when.length} key${row.when.length === 1 ? "" : "s"} but the table has ${table.inputs.length} input column${table.inputs.length === 1 ? "" : "s"} (${table.inputs.join(", ")})`,
          ),
        );
        return;
      }
      if (row.validFrom !== undefined && row.validTo !== undefined && row.validFrom > row.validTo) {
        issues.push(
          issue(
            [...path, "rows", r],
            "range_reversed",
            `the row is valid from ${row.validFrom} to ${row.validTo}: the start is after the end`,
          ),
        );
        return;
      }
      rows.push({
        index: r,
        when: row.when,
        specificity: specificityOf(row.when),
        validFrom: row.validFrom ?? "0000-01-01",
        validTo: row.validTo ?? "9999-12-31",
      });
    });
    for (let i = 0; i < rows.length; i += 1) {
      for (let j = i + 1; j < rows.length; j += 1) {
        const a = rows[i]!;
        const b = rows[j]!;
        if (a.specificity === b.specificity && overlap(a, b) && !settled(a, b, rows)) {
          const keys = a.when.map((key, column) => (key === WILDCARD ? b.when[column]! : key));
          issues.push(
            issue(
              [...path, "rows", b.index],
              "ambiguous_rows",
              `rows ${a.index + 1} and ${b.index + 1} are equally specific and both match ${JSON.stringify(keys)}${a.validFrom <= b.validTo && b.validFrom <= a.validTo && (a.validFrom !== "0000-01-01" || b.validFrom !== "0000-01-01" || a.validTo !== "9999-12-31" || b.validTo !== "9999-12-31") ? " on overlapping dates" : ""}: make one more specific, or give them validity dates that do not overlap`,
            ),
          );
        }
      }
    }
  });
  return issues;
}
