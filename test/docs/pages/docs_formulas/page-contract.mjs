// The contract around the page's first fragment (formulas.json): its parameters, named formulas and tranche, with
// what the fragment leaves out ("...") filled in: two metrics (visits, quality-score), a quarter, the parties,
// the tranche's period, due date, payer and recipient.
import { readFileSync } from "node:fs";

export function pageContract() {
  const fragment = JSON.parse(readFileSync("formulas.json", "utf8"));
  const metric = (id, name, baseline) => ({
    id,
    name,
    unit: "count",
    kind: "count",
    better: "higher",
    baseline: {
      value: baseline,
      period: { start: "2026-01-01", end: "2026-03-31" },
      source: "health information system, Q1 2026",
    },
  });
  return {
    id: "formulas-page",
    title: "The formulas of the page",
    currency: "EUR",
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2027-01-01", end: "2027-12-31" },
    parties: [
      { id: "ministry", name: "Ministry of Health", roles: ["outcome-payer"] },
      { id: "centre", name: "Health centre", roles: ["provider"] },
      { id: "verifier", name: "Verification team", roles: ["verifier"] },
    ],
    metrics: [metric("visits", "Verified visits", 80), metric("quality-score", "Quality checklist score", 55)],
    periods: [{ id: "2027-Q1", start: "2027-01-01", end: "2027-03-31" }],
    parameters: fragment.parameters,
    formulas: fragment.formulas,
    tranches: fragment.tranches.map(({ "...": _, ...tranche }) => ({
      ...tranche,
      covers: { period: "2027-Q1" },
      dueDate: "2027-04-30",
      payers: [{ party: "ministry", share: "100%" }],
      recipients: [{ party: "centre", share: "100%" }],
    })),
  };
}
