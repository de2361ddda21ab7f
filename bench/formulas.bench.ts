/**
 * Benchmark of formula pricing on a health-financing (PBF) workload: 10,000 facilities × 20 indicators in one
 * quarter, each line priced by a formula (verified quantity × the price of a decision table by indicator,
 * region and facility type, plus a quality bonus): 200,000 lines, 10,000 invoices. Each 200,000-line figure is
 * printed beside its floor, computed in the same run: the same prices in plain integer minor-unit arithmetic
 * written here (checked equal, line by line), and the ratio. Then, for comparison, `settle` on a contract
 * whose every tranche is priced by a formula reading the previous period and a table.
 * Prints its figures; run with `npx tsx bench/formulas.bench.ts`.
 */
import { parseContract, parseEvents, priceLines, settle, type LinesPriced, type PriceLine } from "../src/index.js";

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
  parameters: { bonusRate: "25%", qualityFloor: "0.5", capPerLine: "3000.00", fee: "1.50" },
  inputs: { quantity: "number", quality: "number", indicator: "text", region: "text", facilityType: "text" },
  tables: [{ id: "price", inputs: ["indicator", "region", "facilityType"], rows }],
  formulas: [
    { id: "base", expression: 'input.quantity * lookup("price", input.indicator, input.region, input.facilityType)' },
    { id: "bonus", expression: "if(input.quality >= qualityFloor, base * bonusRate * input.quality, 0)" },
    { id: "line-amount", expression: "base + bonus" },
    // The same, less a fee, capped per line and never below zero: min, max and sum on every line.
    { id: "line-capped", expression: "max(min(sum(base, bonus, -fee), capPerLine), 0)" },
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

/** Wall-clock and CPU milliseconds of one run (CPU time is what a busy machine distorts least). */
function time<T>(run: () => T): { result: T; ms: number; cpuMs: number } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000 };
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

/**
 * The floor: the prices of `line-amount` (or `line-capped`) in integer arithmetic, as a careful programmer
 * would write them for this one contract. Prices in cents from the table's most specific row (memoised per
 * key), qualities in hundredths (read once per text); a line's exact value is a whole number of 1/400 cent
 * (× 25% × quality), rounded half-even to cents; invoices add their lines' cents.
 */
function floorPrices(
  lines: readonly PriceLine[],
  capped: boolean,
): Pick<LinesPriced, "amounts" | "invoices" | "total"> {
  const priceOf = (indicator: string, region: string, type: string): number => {
    let best: (typeof rows)[number] | undefined;
    let specificity = -1;
    for (const row of rows) {
      const [a, b, c] = row.when as [string, string, string];
      if ((a !== "*" && a !== indicator) || (b !== "*" && b !== region) || (c !== "*" && c !== type)) continue;
      const s = (a === "*" ? 0 : 1) + (b === "*" ? 0 : 1) + (c === "*" ? 0 : 1);
      if (s > specificity) [best, specificity] = [row, s];
    }
    return hundredths(best!.then);
  };
  const prices = new Map<string, Map<string, Map<string, number>>>();
  const qualities = new Map<string, number>();
  const amounts = new Array<string>(lines.length);
  const totals = new Map<string, { lines: number; cents: number }>();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const inputs = line.inputs as {
      quantity: number;
      quality: string;
      indicator: string;
      region: string;
      facilityType: string;
    };
    let byRegion = prices.get(inputs.indicator);
    if (byRegion === undefined) {
      byRegion = new Map();
      prices.set(inputs.indicator, byRegion);
    }
    let byType = byRegion.get(inputs.region);
    if (byType === undefined) {
      byType = new Map();
      byRegion.set(inputs.region, byType);
    }
    let price = byType.get(inputs.facilityType);
    if (price === undefined) {
      price = priceOf(inputs.indicator, inputs.region, inputs.facilityType);
      byType.set(inputs.facilityType, price);
    }
    let quality = qualities.get(inputs.quality);
    if (quality === undefined) {
      quality = hundredths(inputs.quality);
      qualities.set(inputs.quality, quality);
    }
    const base = inputs.quantity * price; // cents
    let value = base * 400 + (quality >= 50 ? base * quality : 0); // 1/400 cent: base + base × 25% × quality
    if (capped) value = Math.max(Math.min(value - 150 * 400, 300_000 * 400), 0);
    let cents = Math.floor(value / 400);
    const rest = value - cents * 400;
    if (rest > 200 || (rest === 200 && cents % 2 === 1)) cents += 1;
    amounts[i] = centsText(cents);
    const entry = totals.get(line.invoice);
    if (entry === undefined) totals.set(line.invoice, { lines: 1, cents });
    else {
      entry.lines += 1;
      entry.cents += cents;
    }
  }
  let total = 0;
  const invoices: LinesPriced["invoices"][number][] = [];
  for (const [invoice, entry] of totals) {
    total += entry.cents;
    invoices.push({ invoice, lines: entry.lines, total: { amount: centsText(entry.cents), currency: "EUR" } });
  }
  return { amounts, invoices, total: { amount: centsText(total), currency: "EUR" } };
}

/** "12.5" or "12.50" → 1250. */
function hundredths(text: string): number {
  const [whole, fraction = ""] = text.split(".") as [string, string?];
  return Number(whole) * 100 + Number(`${fraction}00`.slice(0, 2));
}

const centsText = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/** priceLines of 200,000 lines beside the floor: best of `runs`, alternating, and checked equal. */
function againstFloor(formula: "line-amount" | "line-capped", runs: number): void {
  const lines = linesFor(10_000);
  const options = { formula, period: "2027-Q1", asOf: "2027-04-30" };
  const library = { ms: Infinity, cpuMs: Infinity };
  const floor = { ms: Infinity, cpuMs: Infinity };
  priceLines(parsed.result, lines, options); // warm-up
  floorPrices(lines, formula === "line-capped");
  for (let run = 0; run < runs; run += 1) {
    const priced = time(() => priceLines(parsed.result, lines, options));
    const plain = time(() => floorPrices(lines, formula === "line-capped"));
    library.ms = Math.min(library.ms, priced.ms);
    library.cpuMs = Math.min(library.cpuMs, priced.cpuMs);
    floor.ms = Math.min(floor.ms, plain.ms);
    floor.cpuMs = Math.min(floor.cpuMs, plain.cpuMs);
    const same =
      priced.result.amounts.every((amount, i) => amount === plain.result.amounts[i]) &&
      JSON.stringify(priced.result.invoices) === JSON.stringify(plain.result.invoices) &&
      priced.result.total.amount === plain.result.total.amount;
    if (!same) throw new Error(`the floor and priceLines disagree on ${formula}`);
  }
  console.log(
    `priceLines "${formula}", ${lines.length} lines (best of ${runs}): ${library.ms.toFixed(1)} ms, CPU ${library.cpuMs.toFixed(1)} ms; ` +
      `floor (integer minor units): ${floor.ms.toFixed(1)} ms, CPU ${floor.cpuMs.toFixed(1)} ms; ` +
      `ratio ${(library.ms / floor.ms).toFixed(2)}×, CPU ${(library.cpuMs / floor.cpuMs).toFixed(2)}×`,
  );
}

againstFloor("line-amount", 7);
againstFloor("line-capped", 7);

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
