import type { ClaimRun } from "./claim-run.js";
import { radixOrder } from "./radix-order.js";
import { R, REPEAT } from "./rejection-reasons.js";

/**
 * Finds claims that share an id, after all claims are read: the rows are put in order of the id's hash
 * (radix sort), so equal ids sit side by side. A claim identical to an earlier one (same participant, outcome,
 * dates, evidence) is a repeat and is ignored — replaying a file pays once. Claims known on the settlement
 * date with the same id and different content are all rejected (`conflicting_duplicate`), whatever their
 * order, because no rule can tell which one is right.
 */
export function markDuplicates(run: ClaimRun): void {
  const { columns } = run;
  const { reason, idHash } = columns;
  const order = radixOrder(idHash, [columns.scratch(0), columns.scratch(1), columns.scratch(2), columns.scratch(3)]);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && idHash[order[end]!] === idHash[order[start]!]) end += 1;
    for (let i = start + 1; i < end; i += 1) {
      const row = order[i]!;
      for (let j = start; j < i; j += 1) {
        const earlier = order[j]!;
        if (reason[earlier] === REPEAT || columns.compareIds(earlier, row) !== 0) continue;
        if (run.sameContent(earlier, row)) {
          reason[row] = REPEAT;
          run.repeatsIgnored += 1;
          break;
        }
        // A version claimed after the settlement date is not known yet, so it conflicts with nothing.
        if (reason[earlier] === R.claimed_after_as_of || reason[row] === R.claimed_after_as_of) continue;
        reason[earlier] = R.conflicting_duplicate;
        reason[row] = R.conflicting_duplicate;
      }
    }
    start = end;
  }
}
