/**
 * Fuzzes every exported function of the library (see test/fuzz/exports-fuzz.ts) at any size, and prints the counts
 * per export and per outcome, then the findings, deduplicated by export and message:
 *
 *   npx tsx scripts/fuzz-exports.ts --cases 100000 --seed 7          (cases in all, shared among the exports)
 *   npx tsx scripts/fuzz-exports.ts --per-export 500 --only settle,money
 */
import { parseArgs } from "node:util";
import { distinctFindings, exportedFunctions, findingText, runFuzz } from "../test/fuzz/exports-fuzz.js";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "10000" },
    "per-export": { type: "string" },
    seed: { type: "string", default: "1" },
    only: { type: "string" },
    budget: { type: "string", default: "2000" },
  },
});

const only = values.only?.split(",").map((name) => name.trim());
const exportCount = only?.length ?? exportedFunctions().size;
const perExport =
  values["per-export"] !== undefined
    ? Number(values["per-export"])
    : Math.max(1, Math.ceil(Number(values.cases) / exportCount));
const seed = Number(values.seed);
const started = performance.now();
const report = await runFuzz({
  casesPerExport: perExport,
  seed,
  stepBudgetMs: Number(values.budget),
  keepFindings: 1000,
  ...(only === undefined ? {} : { only }),
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const columns = ["result", "typed-error", "failure", "non-finite", "changed-input"] as const;
const width = Math.max(...Object.keys(report.counts).map((name) => name.length));
console.log(`${"export".padEnd(width)}  ${columns.map((c) => c.padStart(13)).join("")}`);
const totals = { result: 0, "typed-error": 0, failure: 0, "non-finite": 0, "changed-input": 0 };
for (const [name, counts] of Object.entries(report.counts)) {
  console.log(`${name.padEnd(width)}  ${columns.map((c) => String(counts[c]).padStart(13)).join("")}`);
  for (const c of columns) totals[c] += counts[c];
}
console.log(`${"total".padEnd(width)}  ${columns.map((c) => String(totals[c]).padStart(13)).join("")}`);
console.log(`\n${report.cases} cases (${perExport} per export, seed ${seed}) in ${seconds} s`);

const distinct = distinctFindings(report.findings);
console.log(`\n${distinct.length} distinct findings${distinct.length === 0 ? "" : ":"}`);
for (const finding of distinct) console.log(findingText(finding));
process.exitCode = distinct.length === 0 ? 0 : 1;
