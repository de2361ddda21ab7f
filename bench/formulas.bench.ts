/**
 * Benchmark of formula pricing on a health-financing (PBF) workload: 10,000 facilities × 20 indicators in one
 * quarter, each line priced by a formula (verified quantity × the price of a decision table by indicator,
 * region and facility type, plus a quality bonus): 200,000 lines, 10,000 invoices. Then, for comparison, `settle`
 * on a contract whose every tranche is priced by a formula reading the previous period and a table.
 * Prints its figures; run with `npm run bench`.
 */
import { parseContract, parseEvents, priceLines, settle, type PriceLine } from "../src/index.js";

const INDICATORS = Array.from({ length: 20 }, (_, i) => `ind${String(i + 1).padStart(2, "0")}`);
const REGIONS = ["north", "south", "east", "west", "centre"];
const TYPES = ["hospital", "health-centre", "health-post"];

const rows = [
  // A default price per indicator, overridden by region, and by region and facility type.
  ...INDICATORS.map((indicator, i) => ({ when: [indicator, "*", "*"], then: `${(2 + i * 0.75).toFixed(2)}` })),
  ...INDICATORS.flatMap((indicator, i) =>
    REGIONS.slice(0, 2).map((region) => ({ when: [indicator, region, "*"], then: `${(2.5 + i * 0.8).toFixed(2)}` })),
  ),
  ...INDICATORS.flatMap((indicator, i) =>
    TYPES.map((type, t) => ({ when: [indicator, "north", type], then: `${(3 + i * 0.9 + t * 0.15).toFixed(2)}` })),
  ),
];

const contractJson = {
  id: "pbf-bench",
  title: "Performance-based financing, national scale",
  currency: "EUR",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2027-01-01", end: "2027-12-31" },
  parties: [
    { id: "moh", name: "Ministry of Health", roles: ["outcome-payer"] },
    { id: "facilities", name: "Facilities", roles: ["provider"] },
  ],
  metrics: [
    {
      id: "quality",
      name: "Quality score",
      unit: "%",
      kind: "rate",
      better: "higher",
      baseline: { value: 0, period: { start: "2026-01-01", end: "2026-12-31" }, source: "none" },
    },
  ],
  periods: [{ id: "2027-Q1", start: "2027-01-01", end: "2027-03-31" }],
  tranches: [
    {
      id: "t",
      covers: { period: "2027-Q1" },
      dueDate: "2027-04-30",
      pricing: { type: "rate", metric: "quality", basis: "value", pricePerUnit: "0" },
      payers: [{ party: "moh", share: "100%" }],
      recipients: [{ party: "facilities", share: "100%" }],
    },
  ],
  parameters: { bonusRate: "25%", qualityFloor: "0.5" },
  inputs: { quantity: "number", quality: "number", indicator: "text", region: "text", facilityType: "text" },
  tables: [{ id: "price", inputs: ["indicator", "region", "facilityType"], rows }],
  formulas: [
    { id: "base", expression: 'input.quantity * lookup("price", input.indicator, input.region, input.facilityType)' },
    { id: "bonus", expression: "if(input.quality >= qualityFloor, base * bonusRate * input.quality, 0)" },
    { id: "line-amount", expression: "base + bonus" },
  ],
};

function linesFor(facilities: number): PriceLine[] {
  const lines: PriceLine[] = [];
  for (let f = 0; f < facilities; f += 1) {
    const invoice = `F${String(f).padStart(5, "0")}`;
    const region = REGIONS[f % REGIONS.length]!;
    const facilityType = TYPES[f % TYPES.length]!;
    const quality = ((40 + ((f * 7) % 60)) / 100).toFixed(2);
    for (let i = 0; i < INDICATORS.length; i += 1) {
      lines.push({
        invoice,
        inputs: { quantity: (f * 31 + i * 17) % 400, quality, indicator: INDICATORS[i]!, region, facilityType },
      });
    }
  }
  return lines;
}

function time<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const parsed = time(() => parseContract(contractJson));
for (const facilities of [1_000, 10_000]) {
  const lines = linesFor(facilities);
  const options = { formula: "line-amount", period: "2027-Q1", asOf: "2027-04-30" };
  priceLines(parsed.result, lines, options); // warm-up
  let best = Infinity;
  let result = priceLines(parsed.result, lines, options);
  for (let run = 0; run < 3; run += 1) {
    const timed = time(() => priceLines(parsed.result, lines, options));
    best = Math.min(best, timed.ms);
    result = timed.result;
  }
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${facilities} facilities × ${INDICATORS.length} indicators = ${lines.length} lines, ${result.invoices.length} invoices: ` +
      `priceLines ${best.toFixed(0)} ms (best of 3; ${((lines.length / best) * 1000).toFixed(0)} lines/s), total ${result.total.currency} ${result.total.amount}, ` +
      `parseContract ${parsed.ms.toFixed(0)} ms (${rows.length} table rows), RSS ${rss.toFixed(0)} MiB`,
  );
}

/** A contract of `periods` quarters, each tranche priced by a formula over this and the previous quarter. */
function formulaContract(periods: number): { contract: unknown; events: unknown[] } {
  const ids = Array.from({ length: periods }, (_, i) => `q${String(i).padStart(5, "0")}`);
  return {
    contract: {
      id: "formula-settle-bench",
      title: "Formula tranches",
      currency: "EUR",
      rounding: { mode: "half-even", at: "tranche" },
      term: { start: "2000-01-01", end: "2099-12-31" },
      parties: [
        { id: "fund", name: "Fund", roles: ["outcome-payer"] },
        { id: "provider", name: "Provider", roles: ["provider"] },
        { id: "evaluator", name: "Evaluator", roles: ["verifier"] },
      ],
      metrics: [
        {
          id: "visits",
          name: "Visits",
          unit: "visits",
          kind: "count",
          better: "higher",
          baseline: { value: 100, period: { start: "1999-01-01", end: "1999-12-31" }, source: "bench" },
        },
      ],
      periods: ids.map((id, i) => ({
        id,
        start: `${2000 + Math.floor(i / 4)}-${["01", "04", "07", "10"][i % 4]}-01`,
        end: `${2000 + Math.floor(i / 4)}-${["03-31", "06-30", "09-30", "12-31"][i % 4]}`,
      })),
      parameters: { region: { text: "north" }, growthPrice: "2.00" },
      tables: [
        {
          id: "price",
          inputs: ["region"],
          rows: [
            { when: ["*"], then: "6.00" },
            { when: ["north"], then: "7.50" },
          ],
        },
      ],
      formulas: [{ id: "growth", expression: "max(0, metric.visits - previous(metric.visits, baseline.visits))" }],
      tranches: ids.map((id, i) => ({
        id: `t-${id}`,
        covers: { period: id },
        dueDate: `${2000 + Math.floor(i / 4) + 1}-01-31`,
        pricing: { type: "formula", expression: 'metric.visits * lookup("price", region) + growth * growthPrice' },
        payers: [{ party: "fund", share: "100%" }],
        recipients: [{ party: "provider", share: "100%" }],
      })),
    },
    events: ids.map((id, i) => ({
      type: "result",
      id: `r-${id}`,
      metric: "visits",
      period: id,
      value: 100 + ((i * 37) % 50),
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2099-01-01",
    })),
  };
}

for (const periods of [100, 400]) {
  const { contract, events } = formulaContract(periods);
  const parsedContract = time(() => parseContract(contract));
  const parsedEvents = parseEvents(events, { contract: parsedContract.result });
  settle(parsedContract.result, parsedEvents, { asOf: "2099-12-31" }); // warm-up
  let best = Infinity;
  for (let run = 0; run < 3; run += 1)
    best = Math.min(best, time(() => settle(parsedContract.result, parsedEvents, { asOf: "2099-12-31" })).ms);
  console.log(
    `settle: ${periods} formula tranches (each reading the previous period and a table): ${best.toFixed(0)} ms (best of 3; ${((periods / best) * 1000).toFixed(0)} tranches/s), parseContract ${parsedContract.ms.toFixed(0)} ms`,
  );
}
