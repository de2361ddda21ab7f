/**
 * The comparison-group example end to end: participant records (generated from a seed) → a measured effect
 * per cohort and pooled → verification events carrying the measurements → settle → explain.
 *   npm run example:measure                (as of 2030-12-31: every cohort settled)
 *   npm run example:measure -- 2029-12-31  (before the pooled result)
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  explain,
  measureCohorts,
  measurementEvent,
  parseContract,
  parseEvents,
  settle,
  type ResultEvent,
} from "../../src/index.js";
import { generateRecords } from "./generate-records.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const contract = parseContract(JSON.parse(readFileSync(here("./contract.json"), "utf8")));
const asOf = process.argv[2] ?? "2030-12-31";

// 1. Measure: each cohort against its matched comparison group, in events per 100 released.
const records = generateRecords(2010);
const { cohorts, pooled } = measureCohorts(records, {
  estimator: "comparison",
  outcome: "count",
  better: "lower",
  scale: 100,
});

// 2. Record each measurement as a verified result (the assessor certifies one cohort a year, the pool at the end).
const verifiedOn: Record<string, string> = { c1: "2028-08-15", c2: "2029-08-15", c3: "2030-08-14", all: "2030-08-14" };
const results: ResultEvent[] = [
  ...cohorts.map(({ cohort, measurement }) =>
    measurementEvent(measurement, {
      id: `result-${cohort}`,
      metric: "reconvictions",
      cohort,
      status: "verified",
      verifier: "assessor",
      recordedAt: verifiedOn[cohort]!,
      evidence: `assessor's report on cohort ${cohort}`,
    }),
  ),
  measurementEvent(pooled, {
    id: "result-all",
    metric: "reconvictions",
    cohort: "all",
    status: "verified",
    verifier: "assessor",
    recordedAt: verifiedOn.all!,
    evidence: "assessor's final report",
  }),
];

// 3. The events go through the same door as any JSON file would, then settle and explain.
const events = parseEvents(JSON.parse(JSON.stringify(results)), { contract });
console.log(`${records.length} participant records measured in ${cohorts.length} cohorts.\n`);
console.log(explain(settle(contract, events, { asOf })));
