/**
 * Benchmark of `settle` on a large multi-year contract: many tranches (one per period), each result with a
 * chain of restatements, and payments. Prints its figures; run with `npm run bench`.
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

function time<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

for (const periods of [100, 1_000, 5_000]) {
  const contractJson = contractWith(periods);
  const eventsJson = eventsFor(periods);
  const parsed = time(() => parseContract(contractJson));
  const events = time(() => parseEvents(eventsJson, { contract: parsed.result }));
  settle(parsed.result, events.result, { asOf: "2099-12-31" }); // warm-up
  const runs = periods <= 1_000 ? 5 : 2;
  let best = Infinity;
  for (let run = 0; run < runs; run += 1)
    best = Math.min(best, time(() => settle(parsed.result, events.result, { asOf: "2099-12-31" })).ms);
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${periods} tranches, ${eventsJson.length} events: parseContract ${parsed.ms.toFixed(0)} ms, parseEvents ${events.ms.toFixed(0)} ms, ` +
      `settle ${best.toFixed(0)} ms (best of ${runs}; ${((periods / best) * 1000).toFixed(0)} tranches/s), RSS ${rss.toFixed(0)} MiB`,
  );
}
