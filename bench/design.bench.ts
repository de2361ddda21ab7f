/**
 * Benchmark of the design tools: minimum detectable effects (bisection), required samples (closed form) and
 * powers, for the three outcomes with and without a comparison group; an ex-ante table; a deal outlook.
 * Prints its figures; run with `npm run bench`.
 */
import { readFileSync } from "node:fs";
import {
  dealOutlook,
  detectionPower,
  exAnteTable,
  minimumDetectableEffect,
  parseContract,
  requiredSample,
  type DesignRequest,
  type Measurement,
} from "../src/index.js";

function time<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const requests: DesignRequest[] = [
  { outcome: "binary", better: "lower", baseline: 20, scale: 100, significance: 0.05, power: 0.8 },
  { outcome: "count", better: "lower", baseline: 44, scale: 100, significance: 0.05, power: 0.8 },
  { outcome: "continuous", better: "higher", baseline: 500, standardDeviation: 40, significance: 0.05, power: 0.8 },
];
for (const request of requests) {
  // the t-test's power sums a series of incomplete beta functions: fewer calls
  const CALLS = request.outcome === "continuous" ? 2_000 : 20_000;
  for (const comparison of [false, true]) {
    const sample = (n: number) => (comparison ? { treatment: n, comparison: n } : { treatment: n });
    const mde = time(() => {
      let last = 0;
      for (let i = 0; i < CALLS; i += 1) last = minimumDetectableEffect({ ...request, sample: sample(200 + i) }).effect;
      return last;
    });
    const effect = request.outcome === "continuous" ? 8 : 4;
    const needed = time(() => {
      let last = 0;
      for (let i = 0; i < CALLS; i += 1)
        last = requiredSample({ ...request, effect: effect + i * 1e-5, comparisonGroup: comparison }).treatment;
      return last;
    });
    const power = time(() => {
      let last = 0;
      for (let i = 0; i < CALLS; i += 1) last = detectionPower({ ...request, sample: sample(200 + i), effect });
      return last;
    });
    const perCall = (ms: number) => `${((ms * 1000) / CALLS).toFixed(2)} µs`;
    console.log(
      `${request.outcome.padEnd(10)} ${comparison ? "two-sample" : "one-sample"}: minimumDetectableEffect ${perCall(mde.ms)}/call, requiredSample ${perCall(needed.ms)}/call, detectionPower ${perCall(power.ms)}/call (${CALLS.toLocaleString("en")} calls each)`,
    );
  }
}

const design = parseContract(
  JSON.parse(readFileSync(new URL("../examples/fis-three-stages/1-design.json", import.meta.url), "utf8")),
);
const effects = Array.from({ length: 61 }, (_, i) => (i / 10).toFixed(1));
const table = time(() => exAnteTable(design, { metric: "dropout-rate", effects, discountRate: "4%" }));
console.log(
  `exAnteTable, ${effects.length} effects × 3 tranches with finance: ${table.ms.toFixed(0)} ms (${(table.ms / effects.length).toFixed(2)} ms per row)`,
);

const pilot: Measurement = {
  estimator: "comparison",
  method: "two-proportion-z",
  methodText: "",
  outcome: "binary",
  better: "lower",
  scale: 100,
  value: 15.73,
  counterfactual: 20.07,
  effect: -4.27,
  standardError: 1.4,
  interval: { confidence: 0.95, lower: -7.01, upper: -1.53 },
  groups: [],
};
const RUNS = 20_000;
const outlook = time(() =>
  dealOutlook(design, pilot, {
    metric: "dropout-rate",
    amounts: { atThreshold: "120000.00", atTarget: "240000.00" },
    runs: RUNS,
    seed: 2026,
    decimals: 1,
  }),
);
console.log(
  `dealOutlook, ${RUNS.toLocaleString("en")} runs: ${outlook.ms.toFixed(0)} ms (${((RUNS / outlook.ms) * 1000).toFixed(0)} runs/s), mean total payments EUR ${outlook.result.simulation.totalPayments.mean.amount}, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
