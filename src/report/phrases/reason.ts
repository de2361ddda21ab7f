import { compare, type Exact, exactOfText, isZero, minus, plainText } from "../../formula/exact.js";
import type { ResultStep } from "../../explanation/steps.js";
import type { ReasonWords } from "../../explanation/reason-words.js";

export type { ReasonWords };
import type { TrancheSettlement } from "../../engine/settlement-types.js";
import type { Style } from "../style.js";
import { fallbackOf } from "../measurement-text.js";

/** Why `tranche` has its status as known on `asOf`, in the words and style given. */
export function reasonOf(words: ReasonWords, tranche: TrancheSettlement, style: Style, asOf: string): string {
  const { money, date } = style;
  // A cohort paid on the pool (the Peterborough fallback) waits for the pooled results, from the fallback's date.
  const fallback = fallbackOf(tranche.trace);
  const results = fallback?.results ?? tranche.results;
  const dueDate = tranche.payableFrom;
  const lead = fallback === undefined ? "" : words.fallback(fallback.step.cohort, fallback.step.pooledCohort);
  const describe = (list: readonly ResultStep[]) => list.map(words.result).join(", ");
  const absent = () =>
    results
      .filter((result) => result.status === "missing" || result.status === "rejected")
      .map((result) => words.absent(words.result(result), result.status === "rejected"))
      .join("; ");
  switch (tranche.status) {
    case "disputed":
      return lead + words.disputed(describe(results.filter((result) => result.status === "disputed")));
    case "awaiting-verification": {
      const reported = results.filter((result) => result.status === "reported");
      if (reported.length > 0) return lead + words.reported(describe(reported));
      return lead + words.overdue(date(dueDate), absent());
    }
    case "not-yet-due":
      return lead + words.notYetDue(date(dueDate), absent());
    default:
      break;
  }
  const read = (amount: string): Exact => exactOfText(amount)!;
  const earned = read(tranche.amountEarned?.amount ?? "0");
  const paid = read(tranche.amountPaid.amount);
  const show = (value: Exact) => money(plainText(value));
  if (tranche.status === "not-earned") {
    const caps = tranche.capsApplied.map((step) => words.cap(step.cap, step.id));
    const priced = read(tranche.amountPriced?.amount ?? "0");
    const nothing = isZero(priced) || caps.length === 0;
    if (isZero(paid)) return nothing ? words.earnsNothing : words.cappedToNothing(show(priced), caps);
    return words.owedBack(nothing ? words.nowEarnsNothing : words.cappedToNothing(show(priced), caps), show(paid));
  }
  if (isZero(paid)) return words.earned(show(earned), asOf >= dueDate ? undefined : date(dueDate));
  if (compare(paid, earned) < 0) return words.partlyPaid(show(paid), show(earned), show(minus(earned, paid)));
  if (compare(paid, earned) === 0) return words.paidInFull(show(earned));
  return words.overpaid(show(paid), show(earned), show(minus(paid, earned)));
}
