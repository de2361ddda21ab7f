import type { ResultStep } from "../explanation/steps.js";
import type { TrancheStatus } from "./settlement-types.js";

/**
 * The status of a tranche whose results do not all stand verified, with the reason in words, or `null`
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
  const describe = (list: readonly ResultStep[]) =>
    list.map((result) => `${result.metric} (${result.scope})`).join(", ");
  const disputed = results.filter((result) => result.status === "disputed");
  if (disputed.length > 0)
    return {
      status: "disputed",
      reason: `the result for ${describe(disputed)} is disputed: nothing is payable on it until the dispute is resolved`,
    };
  const reported = results.filter((result) => result.status === "reported");
  if (reported.length > 0)
    return {
      status: "awaiting-verification",
      reason: `the result for ${describe(reported)} is reported but not yet verified`,
    };
  const absent = results.filter((result) => result.status === "missing" || result.status === "rejected");
  if (absent.length === 0) return null;
  const what = absent
    .map(
      (result) =>
        `${result.metric} (${result.scope}): ${result.status === "missing" ? "no result reported" : "result rejected, a new report is expected"}`,
    )
    .join("; ");
  return asOf < dueDate
    ? { status: "not-yet-due", reason: `due on ${dueDate}; ${what}` }
    : { status: "awaiting-verification", reason: `due on ${dueDate} and still without a verified result: ${what}` };
}
