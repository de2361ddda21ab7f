// A small contract for the page's measured result events: the dropout rate of the pupils in the programme
// (a percentage, lower is better, baseline 16.0), one school year, a tranche paying EUR 20,000.00 per point of
// improvement, from the Comune to the cooperative; `statistics`, when given, are the tranche's options.
export function measurementContract(statistics) {
  return {
    id: "measured-dropout",
    title: "Dropout, measured against comparable schools",
    currency: "EUR",
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2026-09-01", end: "2027-12-31" },
    parties: [
      { id: "comune", name: "Comune", roles: ["outcome-payer"] },
      { id: "coop", name: "Cooperativa sociale", roles: ["provider"] },
      { id: "evaluator", name: "Valutatore indipendente", roles: ["verifier"] },
    ],
    metrics: [
      {
        id: "dropout",
        name: "Dropout rate of the pupils in the programme",
        unit: "%",
        kind: "rate",
        better: "lower",
        baseline: {
          value: "16.0",
          period: { start: "2023-09-01", end: "2026-08-31" },
          source: "the same schools, 2023-24 to 2025-26",
        },
      },
    ],
    periods: [{ id: "as-2026-27", start: "2026-09-01", end: "2027-08-31" }],
    tranches: [
      {
        id: "t1",
        covers: { period: "as-2026-27" },
        dueDate: "2027-11-30",
        pricing: { type: "rate", metric: "dropout", basis: "improvement", pricePerUnit: "20000.00" },
        ...(statistics === undefined ? {} : { statistics }),
        payers: [{ party: "comune", share: "100%" }],
        recipients: [{ party: "coop", share: "100%" }],
      },
    ],
  };
}
