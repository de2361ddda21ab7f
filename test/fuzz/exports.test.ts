/**
 * The public API under fuzzing (see exports-fuzz.ts): every exported function, called with arbitrary values,
 * mutated examples and plausible inputs, must return or throw one of the library's typed errors — never a raw
 * TypeError, RangeError or DecimalError, never a hang — and must neither put a non-finite number in its result nor
 * change its arguments. Larger runs: `npx tsx scripts/fuzz-exports.ts --cases 100000 --seed N`.
 */
import { describe, expect, it } from "vitest";
import {
  classify,
  distinctFindings,
  exportedFunctions,
  findingText,
  runFuzz,
  type FuzzReport,
} from "./exports-fuzz.js";
import { validCalls } from "./valid-calls.js";

/**
 * A call's time budget in this test: a hang guard, not a speed check (no test depends on the machine's speed;
 * scripts/fuzz-exports.ts, run by hand, flags slow calls at 2 seconds).
 */
const HANG_GUARD_MS = 120_000;

/** Cases per export: about 90 exports, a few seconds in all. */
const CASES_PER_EXPORT = 25;
const SEED =
  process.env.FC_SEED === undefined || process.env.FC_SEED === "random" ? 20_261_125 : Number(process.env.FC_SEED);

/**
 * STILL OPEN — exports the fuzz run still breaks, with the messages it found (runs of 25, 100 and 300 cases per
 * export). Their findings are printed by this test but do not fail it; every other export must pass cleanly.
 * Most of these take values the library built (a Money, a Settlement, a Measurement, a FormulaNode) or plain
 * numbers (`distributions`), and do not check them: they throw raw TypeErrors, DecimalErrors or "assertion"
 * RangeErrors on anything else. Fixing one means giving it an argument check that throws a typed error (with a
 * path, a code and a plain message built with describeValue); then delete its entry here, so that it is held to
 * zero findings like the rest.
 */
const OPEN: Readonly<Record<string, readonly string[]>> = {
  add: [
    "failure: RangeError: cannot add GBP and undefined: currencies differ",
    "failure: TypeError: Cannot read properties of undefined (reading 'currency')",
    "failure: RangeError: cannot add EUR and undefined: currencies differ",
    // … and 5 more
  ],
  allocate: [
    "failure: TypeError: Cannot read properties of undefined (reading 'map')",
    "failure: TypeError: ratios.map is not a function",
    "failure: TypeError: ratio.trim is not a function",
    // … and 5 more
  ],
  compare: [
    "failure: TypeError: Cannot read properties of undefined (reading 'currency')",
    "failure: Error: [DecimalError] Invalid argument: undefined",
    "failure: RangeError: cannot compare GBP and undefined: currencies differ",
    // … and 5 more
  ],
  describeRule: [
    "failure: TypeError: Cannot read properties of undefined (reading 'get')",
    "failure: TypeError: Cannot read properties of undefined (reading 'type')",
    "failure: TypeError: metrics.get is not a function",
    // … and 1 more
  ],
  distributionSvg: [
    "failure: TypeError: Cannot read properties of undefined (reading 'min')",
    "failure: TypeError: Cannot read properties of undefined (reading 'amount')",
  ],
  distributionVegaLite: [
    "failure: TypeError: Cannot read properties of undefined (reading 'amount')",
    "failure: TypeError: Cannot read properties of undefined (reading 'min')",
  ],
  "distributions.betaQuantile": [
    "failure: RangeError: assertion: betaQuantile needs 0 < p < 1 and a, b > 0, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: TypeError: Cannot convert a Symbol value to a number",
    // … and 1 more
  ],
  "distributions.binomialCdf": [
    "failure: RangeError: assertion: binomialCdf needs whole k, n and 0 ≤ p ≤ 1, got …",
    "failure: RangeError: Maximum call stack size exceeded",
    "failure: TypeError: Cannot convert object to primitive value",
    // … and 1 more
  ],
  "distributions.binomialPmf": [
    "failure: RangeError: assertion: binomialPmf needs whole k, n and 0 ≤ p ≤ 1, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  "distributions.binomialSfInclusive": [
    "failure: RangeError: Maximum call stack size exceeded",
    "failure: RangeError: assertion: binomialSfInclusive needs whole k, n and 0 ≤ p ≤ 1, got …",
    "failure: TypeError: Cannot convert object to primitive value",
  ],
  "distributions.binomialTest": [
    "failure: RangeError: assertion: binomialTest needs whole 0 ≤ k ≤ n, n ≥ 1 and 0 ≤ p ≤ 1, got …",
    "failure: RangeError: Maximum call stack size exceeded",
    "failure: TypeError: Cannot convert object to primitive value",
  ],
  "distributions.clopperPearson": [
    "failure: RangeError: assertion: clopperPearson needs whole 0 ≤ k ≤ n, n ≥ 1 and 0 < confidence < 1, ",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
    // … and 1 more
  ],
  "distributions.incompleteBeta": [
    "failure: RangeError: assertion: incompleteBeta needs a, b > 0 and 0 ≤ x ≤ 1, got …",
    "failure: RangeError: Maximum call stack size exceeded",
    "failure: TypeError: Cannot convert object to primitive value",
    // … and 1 more
  ],
  "distributions.incompleteGamma": [
    "failure: RangeError: assertion: incompleteGamma needs a > 0 and x ≥ 0, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  "distributions.logBeta": [
    "failure: RangeError: assertion: logGamma needs a positive finite argument, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
    // … and 1 more
  ],
  "distributions.logGamma": [
    "failure: RangeError: assertion: logGamma needs a positive finite argument, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
    // … and 1 more
  ],
  "distributions.normalCdf": [
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  "distributions.normalPdf": [
    "non-finite: a non-finite number in the result: …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  "distributions.normalQuantile": [
    "failure: RangeError: assertion: normalQuantile needs 0 < p < 1, got …",
    "failure: RangeError: Maximum call stack size exceeded",
    "failure: TypeError: Cannot convert object to primitive value",
  ],
  "distributions.normalSf": [
    "failure: RangeError: assertion: normalCdf of NaN",
    "failure: RangeError: Maximum call stack size exceeded",
    "failure: TypeError: Cannot convert object to primitive value",
    // … and 1 more
  ],
  "distributions.poissonCdf": [
    "failure: RangeError: assertion: poissonCdf needs a whole k and mean ≥ 0, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
    // … and 1 more
  ],
  "distributions.poissonSfInclusive": [
    "failure: RangeError: assertion: poissonSfInclusive needs a whole k and mean ≥ 0, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
    // … and 1 more
  ],
  "distributions.studentTCdf": [
    "failure: RangeError: assertion: studentTCdf needs df > 0, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  "distributions.studentTQuantile": [
    "failure: RangeError: assertion: studentTQuantile needs 0 < p < 1 and df > 0, got …",
    "failure: RangeError: Maximum call stack size exceeded",
    "failure: TypeError: Cannot convert a Symbol value to a number",
    // … and 1 more
  ],
  "distributions.studentTSf": [
    "failure: RangeError: assertion: studentTCdf needs df > 0, got …",
    "failure: TypeError: Cannot convert object to primitive value",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  explain: [
    "failure: TypeError: Cannot destructure property 'totals' of 'settlement' as it is undefined.",
    "failure: TypeError: settlement.tranches is not iterable",
    "failure: TypeError: Cannot read properties of undefined (reading 'earned')",
    // … and 3 more
  ],
  explainCashFlows: [
    "failure: TypeError: flows.flows is not iterable",
    "failure: TypeError: Cannot read properties of undefined (reading 'currency')",
  ],
  explainClaimDecision: [
    "failure: TypeError: Cannot read properties of undefined (reading 'claimId')",
    "failure: TypeError: Cannot read properties of undefined (reading 'charCodeAt')",
    "failure: RangeError: Maximum call stack size exceeded",
    // … and 2 more
  ],
  explainClaims: [
    "failure: TypeError: Cannot destructure property 'counts' of 'settlement' as it is undefined.",
    "failure: TypeError: Cannot read properties of undefined (reading 'received')",
  ],
  explainLines: [
    "failure: TypeError: Cannot read properties of undefined (reading 'currency')",
    "failure: TypeError: run.invoices is not iterable",
    "failure: TypeError: Cannot read properties of null (reading 'currency')",
  ],
  irrText: ["failure: TypeError: Cannot read properties of undefined (reading 'kind')"],
  isNegative: [
    "failure: Error: [DecimalError] Invalid argument: undefined",
    "failure: TypeError: Cannot read properties of undefined (reading 'amount')",
    "failure: TypeError: Cannot read properties of null (reading 'amount')",
  ],
  isZero: [
    "failure: TypeError: Cannot read properties of undefined (reading 'amount')",
    "failure: Error: [DecimalError] Invalid argument: undefined",
    "failure: TypeError: Cannot read properties of null (reading 'amount')",
  ],
  jsonSchemaText: [
    "failure: TypeError: Do not know how to serialize a BigInt",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  measurementEvent: [
    "failure: RangeError: assertion: a measured figure must be finite, got …",
    "failure: TypeError: Cannot read properties of undefined (reading 'estimator')",
    "failure: TypeError: Cannot read properties of null (reading 'estimator')",
  ],
  measurementRecord: [
    "failure: RangeError: assertion: a measured figure must be finite, got …",
    "failure: TypeError: Cannot read properties of undefined (reading 'estimator')",
  ],
  paymentCurve: [
    "failure: TypeError: Cannot read properties of undefined (reading 'find')",
    "failure: TypeError: Cannot read properties of undefined (reading 'tranches')",
  ],
  paymentCurveSvg: [
    "failure: TypeError: Cannot read properties of undefined (reading 'map')",
    "failure: TypeError: Cannot read properties of undefined (reading 'trancheId')",
    "failure: TypeError: Cannot read properties of null (reading 'trancheId')",
  ],
  paymentCurveVegaLite: [
    "failure: TypeError: Cannot read properties of undefined (reading 'metric')",
    "non-finite: a non-finite number in the result: $.layer.0.encoding.y.title.parties.3.id = -Infinity",
    "failure: TypeError: Cannot read properties of null (reading 'metric')",
  ],
  printFormula: ["failure: TypeError: Cannot read properties of undefined (reading 'kind')"],
  profileText: [
    "failure: TypeError: Cannot read properties of undefined (reading 'filter')",
    "failure: TypeError: Cannot read properties of undefined (reading 'locale')",
    "failure: TypeError: Cannot read properties of null (reading 'locale')",
  ],
  renderHtml: [
    "failure: TypeError: Cannot read properties of undefined (reading 'currency')",
    "failure: TypeError: Cannot read properties of undefined (reading 'flatMap')",
    "failure: TypeError: Cannot read properties of undefined (reading 'map')",
    // … and 3 more
  ],
  renderMarkdown: [
    "failure: TypeError: Cannot read properties of undefined (reading 'currency')",
    "failure: TypeError: Cannot read properties of undefined (reading 'earned')",
    "failure: TypeError: Cannot read properties of undefined (reading 'flatMap')",
    // … and 4 more
  ],
  scenariosTable: [
    "failure: TypeError: Cannot read properties of undefined (reading '0')",
    "failure: TypeError: Cannot read properties of undefined (reading 'map')",
    "failure: TypeError: Cannot read properties of null (reading '0')",
  ],
  settlementToCsv: [
    "failure: TypeError: tranche.lines is not iterable",
    "failure: TypeError: settlement.tranches is not iterable",
    "failure: TypeError: Cannot read properties of undefined (reading 'tranches')",
    // … and 1 more
  ],
  simulationTable: [
    "failure: TypeError: Cannot read properties of undefined (reading 'percentiles')",
    "failure: TypeError: Cannot read properties of undefined (reading 'totalPayments')",
    "failure: TypeError: Cannot read properties of null (reading 'totalPayments')",
  ],
  subtract: [
    "failure: RangeError: cannot subtract EUR and undefined: currencies differ",
    "failure: TypeError: Cannot read properties of undefined (reading 'currency')",
    "failure: Error: [DecimalError] Invalid argument: undefined",
    // … and 6 more
  ],
  sum: [
    "failure: TypeError: values is not iterable",
    "failure: RangeError: cannot add undefined and EUR: currencies differ",
    "failure: RangeError: cannot add undefined and JPY: currencies differ",
  ],
  toDecimalString: [
    "failure: RangeError: assertion: a measured figure must be finite, got …",
    "failure: RangeError: Maximum call stack size exceeded",
  ],
  toIndigo: [
    "failure: TypeError: Cannot read properties of undefined (reading 'metrics')",
    "failure: TypeError: Cannot read properties of undefined (reading 'map')",
    "failure: TypeError: Cannot read properties of undefined (reading 'asOf')",
    // … and 5 more
  ],
};

describe("the fuzz run's valid calls", () => {
  it("each gives a result, so that a changed one tests the checks behind it", async () => {
    const functions = exportedFunctions();
    const refused: string[] = [];
    for (const [name, makes] of await validCalls()) {
      const fn = functions.get(name);
      expect(fn, `${name} is an export`).toBeDefined();
      for (const make of makes) {
        try {
          await fn?.(...make());
        } catch (error) {
          refused.push(
            `${name}: ${classify(error, name)}: ${error instanceof Error ? error.message.split("\n")[0] : ""}`,
          );
        }
      }
    }
    expect(refused).toEqual([]);
    expect((await validCalls()).size).toBeGreaterThan(60);
  });
});

describe("every export, fuzzed", () => {
  let report: FuzzReport;

  it("runs every exported function", async () => {
    report = await runFuzz({ casesPerExport: CASES_PER_EXPORT, seed: SEED, stepBudgetMs: HANG_GUARD_MS });
    expect(Object.keys(report.counts).length).toBe(exportedFunctions().size);
    for (const name of Object.keys(OPEN)) expect(exportedFunctions().has(name), `OPEN names ${name}`).toBe(true);
  });

  it("has no failure, no non-finite number and no changed input outside the open list", () => {
    const distinct = distinctFindings(report.findings);
    const open = distinct.filter((finding) => finding.exportName in OPEN);
    const closed = distinct.filter((finding) => !(finding.exportName in OPEN));
    // the open exports' findings, counted (scripts/fuzz-exports.ts prints them in full)
    if (open.length > 0) {
      const byExport = new Map<string, number>();
      for (const finding of open) byExport.set(finding.exportName, (byExport.get(finding.exportName) ?? 0) + 1);
      const counts = [...byExport].map(([name, count]) => `${name} ${count}`).join(", ");
      console.log(`${open.length} known findings in ${byExport.size} open exports (see OPEN): ${counts}`);
    }
    expect(closed.map(findingText)).toEqual([]);
  });

  it("classifies every case", () => {
    for (const [name, counts] of Object.entries(report.counts)) {
      const total = counts.result + counts["typed-error"] + counts.failure;
      expect(total, name).toBe(CASES_PER_EXPORT);
    }
  });
});
