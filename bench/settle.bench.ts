/**
 * Benchmark of `settle` on a large multi-year contract: many tranches (one per period), each result with a
 * chain of restatements, and payments; with its explanation and figures only, beside a floor computed in the same
 * run (the totals by a plain implementation). Prints CPU time; run with `npm run bench`.
 */
import { parseContract, parseEvents, settle } from "../src/index.js";

function contractWith(periods: number): unknown {
  const ids = Array.from({ length: periods }, (_, i) => `p${String(i).padStart(5, "0")}`);
  return {
    id: "bench",
    title: "Benchmark contract",
    currency: "EUR",
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2000-01-01", end: "2099-12-31" },
    parties: [
      { id: "fund", name: "Fund", roles: ["outcome-payer"] },
      { id: "city", name: "City", roles: ["outcome-payer"] },
      { id: "provider", name: "Provider", roles: ["provider"] },
      { id: "investor", name: "Investor", roles: ["investor"] },
      { id: "evaluator", name: "Evaluator", roles: ["verifier"] },
    ],
    metrics: [
      {
        id: "rate",
        name: "Rate",
        unit: "%",
        kind: "rate",
        better: "lower",
        baseline: { value: "20", period: { start: "1999-01-01", end: "1999-12-31" }, source: "bench" },
      },
      {
        id: "score",
        name: "Score",
        unit: "points",
        kind: "mean",
        better: "higher",
        baseline: { value: "50", period: { start: "1999-01-01", end: "1999-12-31" }, source: "bench" },
      },
    ],
    periods: ids.map((id, i) => ({ id, start: "2000-01-01", end: "2000-12-31", label: `period ${i}` })),
    tranches: ids.map((id, i) => ({
      id: `t-${id}`,
      covers: { period: id },
      dueDate: `20${String(10 + (i % 80)).padStart(2, "0")}-06-30`,
      pricing: {
        type: "weighted",
        parts: [
          {
            weight: "80%",
            rule: {
              type: "linear",
              metric: "rate",
              basis: "relative-improvement",
              points: [
                { at: "5%", amount: "1000.00" },
                { at: "15%", amount: "2000.00" },
              ],
            },
          },
          {
            weight: "20%",
            rule: {
              type: "tiers",
              metric: "score",
              basis: "improvement",
              tiers: [
                { from: 1, to: 5, amount: "500.00" },
                { from: 5, amount: "900.00" },
              ],
            },
          },
        ],
      },
      cap: "2500.00",
      payers: [
        { party: "fund", share: "70%" },
        { party: "city", share: "30%" },
      ],
      recipients: [
        { party: "investor", share: "80%" },
        { party: "provider", share: "20%" },
      ],
    })),
    caps: { contract: String(periods * 1500) + ".00", perPayer: { city: String(periods * 400) + ".00" } },
  };
}

function eventsFor(periods: number): unknown[] {
  const events: unknown[] = [];
  for (let i = 0; i < periods; i += 1) {
    const id = `p${String(i).padStart(5, "0")}`;
    const rate = (17 + (i % 30) / 10).toFixed(1);
    events.push({
      type: "result",
      id: `r-${id}`,
      metric: "rate",
      period: id,
      value: rate,
      status: "reported",
      recordedAt: "2005-01-10",
    });
    events.push({
      type: "result",
      id: `v-${id}`,
      restates: `r-${id}`,
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2005-02-10",
    });
    events.push({
      type: "result",
      id: `s-${id}`,
      metric: "score",
      period: id,
      value: 50 + (i % 9),
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2005-02-10",
    });
    events.push({
      type: "payment",
      id: `pay-${id}`,
      tranche: `t-${id}`,
      payer: "fund",
      recipient: "investor",
      amount: "100.00",
      paidOn: "2005-03-01",
    });
  }
  return events;
}

function cpuMs<T>(run: () => T): { result: T; ms: number } {
  const start = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1e3 };
}

/**
 * The floor: the same settlement's totals by a plain implementation in doubles and whole cents, written for this
 * contract only (no history, no explanation, no checks): each tranche's weighted price, rounded half-even to the
 * cent, its cap, the contract cap, the 70/30 payer split with the city's cap, the 80/20 recipient split, less the
 * payment. Returns the total earned and the total balance, in cents.
 */
function floorTotals(periods: number): { earned: number; balance: number } {
  const roundHalfEven = (cents: number) => {
    const floor = Math.floor(cents);
    const fraction = cents - floor;
    return fraction > 0.5 + 1e-9 || (Math.abs(fraction - 0.5) <= 1e-9 && floor % 2 === 1) ? floor + 1 : floor;
  };
  const split = (amount: number, weights: readonly number[]) => {
    const total = weights.reduce((acc, weight) => acc + weight, 0);
    const parts = weights.map((weight) => Math.floor((amount * weight) / total));
    let left = amount - parts.reduce((acc, part) => acc + part, 0);
    const order = weights
      .map((weight, index) => ({ index, remainder: (amount * weight) % total }))
      .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of order) if (left-- > 0) parts[index] = parts[index]! + 1;
    return parts;
  };
  const order = Array.from({ length: periods }, (_, i) => i).sort((a, b) => (a % 80) - (b % 80) || a - b);
  let contractLeft = periods * 150_000;
  let cityLeft = periods * 40_000;
  let earned = 0;
  let balance = 0;
  for (const i of order) {
    const rate = 17 + (i % 30) / 10;
    const improvement = (20 - rate) / 20;
    const linear =
      improvement < 0.05 ? 0 : improvement >= 0.15 ? 200_000 : 100_000 + (100_000 * (improvement - 0.05)) / 0.1;
    const score = i % 9;
    const tier = score >= 5 ? 90_000 : score >= 1 ? 50_000 : 0;
    let amount = Math.min(roundHalfEven(0.8 * linear + 0.2 * tier), 250_000);
    amount = Math.min(amount, Math.max(contractLeft, 0));
    const [fund, city] = split(amount, [7, 3]) as [number, number];
    const cityPays = Math.min(city, Math.max(cityLeft, 0));
    cityLeft -= cityPays;
    const lines = [...split(fund, [4, 1]), ...split(cityPays, [4, 1])];
    const tranche = lines.reduce((acc, line) => acc + line, 0);
    contractLeft -= tranche;
    earned += tranche;
    balance += tranche - 10_000;
  }
  return { earned, balance };
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

for (const periods of [100, 1_000, 10_000]) {
  const contractJson = contractWith(periods);
  const eventsJson = eventsFor(periods);
  const parsed = cpuMs(() => parseContract(contractJson));
  const events = cpuMs(() => parseEvents(eventsJson, { contract: parsed.result }));
  const asOf = "2099-12-31";
  const runs = periods <= 1_000 ? 5 : 3;
  const best = (run: () => unknown) => {
    run(); // warm-up
    let fastest = Number.POSITIVE_INFINITY;
    for (let round = 0; round < runs; round += 1) fastest = Math.min(fastest, cpuMs(run).ms);
    return fastest;
  };
  const explained = best(() => settle(parsed.result, events.result, { asOf }));
  const figures = best(() => settle(parsed.result, events.result, { asOf, explain: false }));
  const floor = best(() => floorTotals(periods));
  // The calls above settle the same parsed events again, as a report or a notebook does: they reuse the ledger of
  // the date and each tranche's price before caps, which settle keeps with the events. The first settlement of
  // freshly parsed events builds those: its time is printed too (parsing not counted).
  let first = Number.POSITIVE_INFINITY;
  for (let round = 0; round < runs; round += 1) {
    const fresh = parseEvents(eventsJson, { contract: parsed.result });
    first = Math.min(first, cpuMs(() => settle(parsed.result, fresh, { asOf, explain: false })).ms);
  }
  // the floor computes the library's figures (else its time means nothing)
  const settlement = settle(parsed.result, events.result, { asOf, explain: false });
  const plain = floorTotals(periods);
  if (
    cents(settlement.totals.earned.amount) !== plain.earned ||
    cents(settlement.totals.balance.amount) !== plain.balance
  )
    throw new Error(
      `the floor gives ${plain.earned} / ${plain.balance} cents, settle ${settlement.totals.earned.amount}`,
    );
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${periods.toLocaleString("en-GB")} tranches, ${eventsJson.length.toLocaleString("en-GB")} events: ` +
      `parseContract ${parsed.ms.toFixed(0)} CPU-ms, parseEvents ${events.ms.toFixed(0)} CPU-ms; ` +
      `settle ${explained.toFixed(1)} CPU-ms with its explanation, ${figures.toFixed(1)} CPU-ms figures only ` +
      `(best of ${runs}); the first settlement of freshly parsed events ${first.toFixed(1)} CPU-ms figures only; floor (the totals in doubles and cents) ${floor.toFixed(2)} CPU-ms: ` +
      `×${(explained / floor).toFixed(0)} and ×${(figures / floor).toFixed(0)} the floor's time; RSS ${rss.toFixed(0)} MiB`,
  );
}
console.log(
  "(target of issue #15: settle of 10,000 tranches within 100 ms; the figures above it are of settling the same events again)",
);
