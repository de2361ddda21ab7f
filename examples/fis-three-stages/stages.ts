/**
 * The early-school-leaving project of the Comune di Palermo carried through the three FIS steps with one
 * contract: (I) the feasibility study's design, (II) the experiment, (III) the pay-by-results deal.
 *   npm run example:fis-stages
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  assessPlan,
  checkProfile,
  dealOutlook,
  exAnteTable,
  measure,
  minimumDetectableEffect,
  parseContract,
  profileText,
  requiredSample,
  simulate,
  suggestTerms,
  type IrrResult,
  type MeasureRequest,
  type Money,
  type MoneySummary,
  type SimulationResult,
} from "../../src/index.js";

const read = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8"));
const euro = (value: Money) =>
  Number(value.amount).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const rate = (irr: IrrResult) =>
  irr.kind === "rate" ? `${(irr.rate * 100).toFixed(2)}%` : irr.kind === "none" ? "none" : "several";
const table = (header: readonly string[], rows: readonly (readonly string[])[]) => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
};
const heading = (text: string) => console.log(`\n${text}\n${"=".repeat(text.length)}\n`);
const simulationTable = (simulation: SimulationResult) => {
  const levels = simulation.totalPayments.percentiles.map((entry) => `p${entry.p}`);
  const row = (label: string, summary: MoneySummary) => [
    label,
    euro(summary.mean),
    ...summary.percentiles.map((entry) => euro(entry.amount)),
  ];
  console.log(
    table(
      ["EUR", "mean", ...levels],
      [
        row("total outcome payments", simulation.totalPayments),
        ...simulation.byPayer.map((entry) => row(`${entry.party} pays`, entry.cost)),
        ...simulation.investors.map((entry) => row(`${entry.party} net`, entry.net)),
      ],
    ),
  );
  console.log("");
  console.log(
    table(
      ["investor", "P(loss)", ...levels.map((level) => `IRR ${level}`)],
      simulation.investors.map((entry) => [
        entry.party,
        `${(entry.probabilityOfLoss * 100).toFixed(1)}%`,
        ...entry.irr.percentiles.map((point) => `${(point.rate * 100).toFixed(2)}%`),
      ]),
    ),
  );
};

// ---------------------------------------------------------------------------------------------------------
heading("Stage I - design (studio di fattibilita)");
const design = parseContract(read("./1-design.json"));
const plan = design.measurementPlan!;
console.log(
  `${design.title}\nstage ${design.stage}, area ${design.area}; primary indicator ${plan.metric}, estimator ${plan.estimator}\n`,
);
console.log(profileText(checkProfile(design, "fis")));
console.log("");
console.log(profileText(checkProfile(design, "fis", { locale: "it" })));

// The plan, read from the contract: the dropout rate is a proportion (20.0% at baseline, lower is better).
const assessment = assessPlan(design);
const question = assessment.request;
console.log(`\nThe plan: ${assessment.minimumDetectableEffect.methodText}`);
console.log(
  `  ${assessment.sample.treatment} + ${assessment.sample.comparison} pupils detect ${assessment.minimumDetectableEffect.effect.toFixed(2)} points; ` +
    `the expected ${assessment.expected!.effect} points are detected with power ${(assessment.expected!.power * 100).toFixed(1)}%: ${assessment.expected!.sufficient ? "the sample is sufficient" : "the sample is too small"}`,
);
console.log("\nWhat other samples could detect:\n");
console.log(
  table(
    ["design", "pupils", "minimum detectable effect", "dropout rate"],
    [
      ["comparison group", "1,000 + 1,000", ...detectable({ treatment: 1000, comparison: 1000 })],
      ["comparison group (planned)", "1,500 + 1,500", ...detectable({ treatment: 1500, comparison: 1500 })],
      ["fixed baseline", "1,500", ...detectable({ treatment: 1500 })],
    ],
  ),
);
function detectable(sample: { treatment: number; comparison?: number }): [string, string] {
  const found = minimumDetectableEffect({ ...question, sample });
  return [
    `${found.effect.toFixed(2)} points (${((found.relativeEffect ?? 0) * 100).toFixed(1)}%)`,
    `${found.value.toFixed(2)}%`,
  ];
}
const expected = Number(plan.expectedEffect);
const withGroup = requiredSample({ ...question, effect: expected, comparisonGroup: true });
const withoutGroup = requiredSample({ ...question, effect: expected, comparisonGroup: false });
console.log(`\nThe sample the expected effect (${expected} points, 20% -> ${20 - expected}%) needs at 80% power:`);
console.log(
  `  with a comparison group: ${withGroup.treatment} + ${withGroup.comparison} pupils (exactly ${withGroup.exact.treatment.toFixed(2)} each)`,
);
console.log(
  `  against the fixed baseline: ${withoutGroup.treatment} pupils (exactly ${withoutGroup.exact.treatment.toFixed(2)})`,
);

console.log("\nEx-ante table: the same effect in each of the three school years (indicative prices)\n");
const rows = exAnteTable(design, {
  metric: "dropout-rate",
  effects: ["0", "1", "2", "3", "4", "5", "6"],
  discountRate: "4%",
});
console.log(
  table(
    [
      "effect (points)",
      "dropout",
      "FIS pays",
      "Comune pays",
      "total cost",
      "banca net",
      "banca IRR",
      "fondazione net",
      "fondazione IRR",
    ],
    rows.map((row) => {
      const payer = (party: string) => euro(row.byPayer.find((entry) => entry.party === party)!.cost);
      const investor = (party: string) => row.investors.find((entry) => entry.party === party)!;
      return [
        row.effect,
        `${row.value}%`,
        payer("fis"),
        payer("comune"),
        euro(row.totalCost),
        euro(investor("banca").net),
        rate(investor("banca").irr),
        euro(investor("investor").net),
        rate(investor("investor").irr),
      ];
    }),
  ),
);

// ---------------------------------------------------------------------------------------------------------
heading("Stage II - experiment (sperimentazione)");
const experiment = parseContract(read("./2-experiment.json"));
console.log(
  `stage ${experiment.stage}: ${experiment.periods.map((period) => period.label ?? period.id).join(", ")}; no tranches yet\n`,
);
console.log(profileText(checkProfile(experiment, "fis")));
const pilot = measure(read("./2-experiment-results.json") as MeasureRequest);
console.log(`\nThe pilot's result: ${pilot.methodText}`);
console.log(
  `  treated ${pilot.value.toFixed(1)}%, comparison ${pilot.counterfactual!.toFixed(1)}%: effect ${pilot.effect.toFixed(2)} points, ` +
    `95% interval [${pilot.interval.lower.toFixed(2)}, ${pilot.interval.upper.toFixed(2)}], standard error ${pilot.standardError.toFixed(3)}, p = ${pilot.pValue!.twoSided.toFixed(4)} (two-sided)`,
);
const terms = suggestTerms(experiment, "dropout-rate", pilot);
console.log(`\nSuggested terms (${terms.rule}):`);
for (const [name, point] of [
  ["threshold", terms.threshold],
  ["target", terms.target],
] as const) {
  console.log(
    `  ${name.padEnd(9)} ${point.improvement} points = ${(Number(point.relativeImprovement) * 100).toFixed(2)}% of the baseline, dropout ${point.value}%`,
  );
}
const amounts = { atThreshold: "120000.00", atTarget: "240000.00" };
const suggested = dealOutlook(read("./1-design.json"), pilot, {
  metric: "dropout-rate",
  amounts,
  runs: 10_000,
  seed: 2026,
  decimals: 1,
});
console.log(
  `\nWhat the suggested pair implies: each year 120,000 at the threshold to 240,000 at the target, the result drawn ` +
    `from normal(mean ${suggested.distribution.distribution.type === "normal" ? suggested.distribution.distribution.mean.toFixed(2) : ""}, sd ${pilot.standardError.toFixed(2)}), 10,000 runs, seed 2026:\n`,
);
simulationTable(suggested.simulation);

// ---------------------------------------------------------------------------------------------------------
heading("Stage III - pay-by-results (sistematizzazione)");
const deal = parseContract(read("./3-deal.json"));
const points = deal.tranches[0]!.pricing.type === "linear" ? deal.tranches[0]!.pricing.points : [];
console.log(
  `stage ${deal.stage}: the parties chose ${points.map((point) => `${point.at} -> ${point.amount}`).join(", ")} (relative improvement), a rounder pair than the suggestion\n`,
);
console.log(profileText(checkProfile(deal, "fis")));
console.log("");
console.log(profileText(checkProfile(deal, "fis", { locale: "it" })));
const chosen = simulate(deal, { runs: 10_000, seed: 2026, results: [suggested.distribution] });
console.log("\nThe deal as signed, under the pilot's effect (same draws):\n");
simulationTable(chosen);
