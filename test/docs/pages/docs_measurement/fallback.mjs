// The cohort tranche of the page (fallback.json) in a Peterborough-like contract: the share of prisoners
// reconvicted, for the second cohort released (c2) and for all cohorts pooled ("all"), each measured against a
// comparison group, which the tranche's statistics options make the counterfactual. The
// second cohort's own result (a 7% reduction) does not clear its 10% threshold; the pooled result (11.6%) clears
// the fallback's 7.5%. Settled as of 2030-10-31: prints the tranche's part of the explanation.
import { readFileSync } from "node:fs";
import { explain, measure, measurementEvent, settle } from "pay-by-results";

const tranche = JSON.parse(readFileSync("fallback.json", "utf8"));
const contract = {
  id: "peterborough-like",
  title: "Reconvictions of short-sentence prisoners (Peterborough-like, illustrative)",
  currency: "GBP",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-01-01", end: "2030-12-31" },
  parties: [
    { id: "moj", name: "Ministry of Justice", roles: ["outcome-payer"] },
    { id: "sib", name: "The bond's special-purpose vehicle", roles: ["intermediary"] },
    { id: "evaluator", name: "Independent assessor", roles: ["verifier"] },
  ],
  metrics: [
    {
      id: "reconvictions",
      name: "Prisoners reconvicted within a year of release",
      unit: "% of prisoners released",
      kind: "rate",
      better: "lower",
      baseline: {
        value: "45",
        period: { start: "2023-01-01", end: "2025-12-31" },
        source: "national statistics, 2023-2025",
      },
    },
  ],
  periods: [],
  cohorts: [
    { id: "c2", label: "Second cohort", enrolledFrom: "2027-01-01", enrolledTo: "2027-12-31" },
    { id: "all", label: "Both cohorts, pooled", enrolledFrom: "2026-01-01", enrolledTo: "2027-12-31" },
  ],
  tranches: [{ ...tranche, payers: [{ party: "moj", share: "100%" }], recipients: [{ party: "sib", share: "100%" }] }],
};
const measured = (id, cohort, treated, comparison, recordedAt) =>
  measurementEvent(
    measure({
      estimator: "comparison",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n: treated[1], successes: treated[0] },
      comparison: { outcome: "binary", n: comparison[1], successes: comparison[0] },
    }),
    { id, metric: "reconvictions", cohort, status: "verified", verifier: "evaluator", recordedAt },
  );
const events = [
  measured("r-c2", "c2", [400, 1000], [1290, 3000], "2029-08-31"),
  measured("r-all", "all", [684, 1800], [2580, 6000], "2030-08-31"),
];
const lines = explain(settle(contract, events, { asOf: "2030-10-31" })).split("\n");
const start = lines.findIndex((line) => line.startsWith("Tranche "));
console.log(lines.slice(start, lines.indexOf("", start)).join("\n"));
