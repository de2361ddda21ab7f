import type { Coverage } from "./types.js";

/** What a tranche or a result covers, in words: `period as-2026-27` or `cohort c2026`. */
export function coverageLabel(covers: Coverage): string {
  return "period" in covers ? `period ${covers.period}` : `cohort ${covers.cohort}`;
}
