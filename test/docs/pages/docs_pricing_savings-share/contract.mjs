// The contract of docs/pricing/savings-share.md, for example.mjs and two-years.mjs: child-years in special
// education, baseline 400 (the placements projected for the cohort), lower is better; one tranche a year (due on
// 30 November of the next year) priced by the rule given; the payers given, everything to a senior investor (70%)
// and a subordinate one (30%). `settleAndExplain` settles verified results, one a year, and prints the
// explanation, or the contract's problems.
import { baseline, printSettlement, verifiedEachYear } from "./worked-example.mjs";

export function savingsContract({
  rule,
  currency = "USD",
  payers = [{ party: "united-way", share: "100%" }],
  trancheIds = ["t1"],
  caps,
}) {
  const periods = trancheIds.map((_, i) => ({
    id: `p${i + 1}`,
    label: `School year ${2026 + i}/${27 + i}`,
    start: `${2026 + i}-09-01`,
    end: `${2027 + i}-08-31`,
  }));
  return {
    id: "example",
    title: "High-quality preschool",
    currency,
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2026-09-01", end: `${2028 + trancheIds.length}-12-31` },
    parties: [
      { id: "united-way", name: "United Way", roles: ["outcome-payer"] },
      { id: "state", name: "State", roles: ["outcome-payer"] },
      { id: "investor-a", name: "Senior investor", roles: ["investor"] },
      { id: "investor-b", name: "Subordinate investor", roles: ["investor"] },
      { id: "evaluator", name: "Independent evaluator", roles: ["verifier"] },
    ],
    metrics: [
      {
        id: "special-ed-years",
        name: "Child-years in special education",
        unit: "child-years",
        kind: "count",
        better: "lower",
        baseline: baseline(400, "2026-09-01", "2027-08-31"),
      },
    ],
    periods,
    tranches: trancheIds.map((id, i) => ({
      id,
      covers: { period: periods[i].id },
      dueDate: `${2027 + i}-11-30`,
      pricing: rule,
      payers,
      recipients: [
        { party: "investor-a", share: "70%" },
        { party: "investor-b", share: "30%" },
      ],
    })),
    ...(caps === undefined ? {} : { caps }),
  };
}

export function settleAndExplain(contract, values) {
  const events = verifiedEachYear("special-ed-years", values, { recordedOn: "01-15" });
  printSettlement(contract, events, `${2027 + values.length}-12-31`);
}
