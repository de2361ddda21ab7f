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
          refused.push(`${name}: ${classify(error)}: ${error instanceof Error ? error.message.split("\n")[0] : ""}`);
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
  });

  it("has no failure, no non-finite number and no changed input", () => {
    expect(distinctFindings(report.findings).map(findingText)).toEqual([]);
  });

  it("classifies every case", () => {
    for (const [name, counts] of Object.entries(report.counts)) {
      const total = counts.result + counts["typed-error"] + counts.failure;
      expect(total, name).toBe(CASES_PER_EXPORT);
    }
  });
});
