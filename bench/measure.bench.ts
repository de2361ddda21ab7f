/**
 * Benchmark of the measure layer: participant records summarised and measured (1,000,000 records, by
 * group and by cohort), measurements from aggregates, and the distribution functions. Prints its figures;
 * run with `npm run bench`.
 */
import { distributions, measure, measureCohorts, measureRecords, type ParticipantRecord } from "../src/index.js";
import { poissonDraw, seededUniform } from "../examples/comparison-group/generate-records.js";

function time<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function best<T>(runs: number, run: () => T): { result: T; ms: number } {
  let fastest = time(run);
  for (let i = 1; i < runs; i += 1) {
    const next = time(run);
    if (next.ms < fastest.ms) fastest = next;
  }
  return fastest;
}

const RECORDS = 1_000_000;
const uniform = seededUniform(7);
const counts: ParticipantRecord[] = [];
const values: ParticipantRecord[] = [];
for (let i = 0; i < RECORDS; i += 1) {
  const group = i % 4 === 0 ? "treatment" : "comparison";
  const cohort = `c${Math.floor(i / (RECORDS / 10))}`;
  counts.push({ group, cohort, events: poissonDraw(uniform, group === "treatment" ? 0.42 : 0.5) });
  values.push({
    group,
    cohort,
    value: 500 + 40 * (uniform() + uniform() + uniform() - 1.5) + (group === "treatment" ? 8 : 0),
  });
}

const rate = (ms: number) => `${(((RECORDS / ms) * 1000) / 1e6).toFixed(2)} M records/s`;
const memory = () => `RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;

const countRun = best(3, () => measureRecords(counts, { estimator: "comparison", outcome: "count", better: "lower" }));
console.log(
  `measureRecords, ${RECORDS.toLocaleString("en")} count records, comparison: ${countRun.ms.toFixed(0)} ms (best of 3; ${rate(countRun.ms)}), effect ${countRun.result.effect.toFixed(4)} per 100, ${memory()}`,
);
const valueRun = best(3, () =>
  measureRecords(values, { estimator: "comparison", outcome: "continuous", better: "higher" }),
);
console.log(
  `measureRecords, ${RECORDS.toLocaleString("en")} continuous records, Welch: ${valueRun.ms.toFixed(0)} ms (best of 3; ${rate(valueRun.ms)}), effect ${valueRun.result.effect.toFixed(4)}, ${memory()}`,
);
const cohortRun = best(3, () => measureCohorts(counts, { estimator: "comparison", outcome: "count", better: "lower" }));
console.log(
  `measureCohorts, ${RECORDS.toLocaleString("en")} count records in 10 cohorts + pool: ${cohortRun.ms.toFixed(0)} ms (best of 3; ${rate(cohortRun.ms)}), ${memory()}`,
);

const CALLS = 100_000;
const aggregates = best(3, () => {
  let sum = 0;
  const group = (n: number, mean: number, sd: number) => ({
    outcome: "continuous" as const,
    n,
    sum: n * mean,
    sumOfSquares: (n - 1) * sd * sd + n * mean * mean,
  });
  for (let i = 0; i < CALLS; i += 1) {
    sum += measure({
      estimator: "comparison",
      better: "higher",
      treatment: group(40 + (i % 50), 505 + (i % 13), 38),
      comparison: group(50, 500, 41),
    }).pValue!.twoSided;
  }
  return sum;
});
console.log(
  `measure from aggregates (Welch t, validated by its structural schema): ${CALLS.toLocaleString("en")} calls in ${aggregates.ms.toFixed(0)} ms (${((CALLS / aggregates.ms) * 1000).toFixed(0)} measurements/s)`,
);

const quantiles = best(3, () => {
  let sum = 0;
  for (let i = 1; i <= CALLS; i += 1) sum += distributions.studentTQuantile(0.975, 1 + (i % 500) / 7);
  return sum;
});
console.log(
  `studentTQuantile: ${CALLS.toLocaleString("en")} calls in ${quantiles.ms.toFixed(0)} ms (${((CALLS / quantiles.ms) * 1000).toFixed(0)} quantiles/s)`,
);
