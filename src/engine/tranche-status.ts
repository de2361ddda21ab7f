import type { ResultStep } from "../explanation/steps.js";
import { REASON_WORDS_EN } from "../explanation/reason-words.js";
import type { TrancheStatus } from "./settlement-types.js";

/**
 * The status of a tranche whose results do not all stand verified, with the reason in English words (the ones the
 * English report uses, `REASON_WORDS_EN`), or `null`
 * when every result is verified and the tranche can be priced. A dispute outranks a pending verification,
 * which outranks a missing result.
 */
export function pendingStatus(
  results: readonly ResultStep[],
  dueDate: string,
  asOf: string,
): { status: TrancheStatus; reason: string } | null {
  // the usual case, every result verified: no list is built
  let verified = 0;
  while (verified < results.length && results[verified]!.status === "verified") verified += 1;
  if (verified === results.length) return null;
  const words = REASON_WORDS_EN;
  const describe = (list: readonly ResultStep[]) => list.map(words.result).join(", ");
  const disputed = results.filter((result) => result.status === "disputed");
  if (disputed.length > 0) return { status: "disputed", reason: words.disputed(describe(disputed)) };
  const reported = results.filter((result) => result.status === "reported");
  if (reported.length > 0) return { status: "awaiting-verification", reason: words.reported(describe(reported)) };
  const absent = results.filter((result) => result.status === "missing" || result.status === "rejected");
  if (absent.length === 0) return null;
  const what = absent.map((result) => words.absent(words.result(result), result.status === "rejected")).join("; ");
  return asOf < dueDate
    ? { status: "not-yet-due", reason: words.notYetDue(dueDate, what) }
    : { status: "awaiting-verification", reason: words.overdue(dueDate, what) };
}
