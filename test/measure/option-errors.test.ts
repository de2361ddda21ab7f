import { describe, expect, it } from "vitest";
import {
  blend,
  measure,
  measureCohorts,
  measureRecords,
  MeasureError,
  poolCohorts,
  type InputIssue,
  type Measurement,
  type MeasureRequest,
  type ParticipantRecord,
  type RecordsRequest,
} from "../../src/index.js";

/**
 * The options of every measuring function are checked with a MeasureError naming the field and what was
 * received: measureRecords and measureCohorts as strictly as measure, blend and poolCohorts before any figure is
 * read.
 */

function issuesOf(run: () => unknown): [string, string, string][] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MeasureError);
    return (error as MeasureError).issues.map((found: InputIssue) => [found.code, found.at, found.message]);
  }
  throw new Error("expected a MeasureError");
}

const records: ParticipantRecord[] = [
  { group: "treatment", cohort: "c1", outcome: 1 },
  { group: "treatment", cohort: "c1", outcome: 0 },
  { group: "comparison", cohort: "c1", outcome: 0 },
  { group: "comparison", cohort: "c1", outcome: 1 },
];
const request: RecordsRequest = { estimator: "comparison", outcome: "binary", better: "lower" };

describe("measureRecords and measureCohorts: every option checked", () => {
  it('better: "sideways" is refused, not accepted', () => {
    expect(issuesOf(() => measureRecords(records, { ...request, better: "sideways" as never }))).toEqual([
      ["invalid_choice", "$.better", 'expected which direction is better: higher or lower, got the text "sideways"'],
    ]);
  });

  it("an unknown estimator, a confidence that is not a number, a misspelt option", () => {
    expect(
      issuesOf(() =>
        measureRecords(records, {
          ...request,
          estimator: "regression" as never,
          confidence: "95%" as never,
          baseLine: 3,
        } as RecordsRequest),
      ),
    ).toEqual([
      [
        "invalid_choice",
        "$.estimator",
        'expected an estimator: level, fixed-baseline, trend-baseline, comparison or difference-in-differences, got the text "regression"',
      ],
      ["invalid_type", "$.confidence", 'expected a finite number, got the text "95%"'],
      ["unknown_key", "$", 'unknown key "baseLine": check its spelling against the format'],
    ]);
  });

  it("a NaN baseline and periods that are not labels", () => {
    expect(
      issuesOf(() =>
        measureRecords(records, {
          ...request,
          estimator: "fixed-baseline",
          baseline: Number.NaN,
          periods: { before: 2026, after: "2027" } as never,
        }),
      ),
    ).toEqual([
      ["invalid_type", "$.baseline", "expected a finite number, got a number (NaN)"],
      ["invalid_type", "$.periods.before", "expected the period before as a string, got the number 2026"],
    ]);
  });

  it("measureCohorts measures every cohort: a cohort option is refused", () => {
    expect(issuesOf(() => measureCohorts(records, { ...request, cohort: "c1" } as RecordsRequest))).toEqual([
      ["unknown_key", "$", 'unknown key "cohort": check its spelling against the format'],
    ]);
  });
});

describe("measure: what was received is said", () => {
  it("a NaN count and a bigint confidence", () => {
    expect(
      issuesOf(() =>
        measure({
          estimator: "level",
          better: "higher",
          confidence: 5n,
          treatment: { outcome: "binary", n: Number.NaN, successes: 1 },
        } as unknown as MeasureRequest),
      ),
    ).toEqual([
      ["invalid_type", "$.treatment.n", "expected a finite number, got a number (NaN)"],
      ["invalid_type", "$.confidence", "expected a finite number, got a bigint"],
    ]);
  });
});

describe("blend and poolCohorts: options and parts checked first", () => {
  const trial: Measurement = measure({
    estimator: "comparison",
    better: "lower",
    treatment: { outcome: "binary", n: 600, successes: 51 },
    comparison: { outcome: "binary", n: 650, successes: 91 },
  });

  it("a confidence level of 95 (a percentage) is refused, not run", () => {
    expect(issuesOf(() => blend([{ weight: "100%", measurement: trial }], { confidence: 95 }))).toEqual([
      [
        "confidence_out_of_range",
        "$.confidence",
        "the confidence level must lie strictly between 0 and 1, e.g. 0.95 (got 95)",
      ],
    ]);
    expect(issuesOf(() => poolCohorts([{ label: "c1", measurement: trial }], { confidence: "0.9" as never }))).toEqual([
      [
        "confidence_out_of_range",
        "$.confidence",
        'the confidence level must lie strictly between 0 and 1, e.g. 0.95 (got "0.9")',
      ],
    ]);
  });

  it("parts that are not a list, a part that is not a measurement, a cohort without a label", () => {
    expect(issuesOf(() => blend({} as never))).toEqual([
      ["invalid_type", "$.parts", "expected a list of parts, got an object"],
    ]);
    expect(
      issuesOf(() =>
        poolCohorts([
          { label: "c1", measurement: { ...trial, effect: Number.NaN } },
          { measurement: trial } as never,
          null as never,
        ]),
      ),
    ).toEqual([
      [
        "invalid_measurement",
        "$.cohorts[0].measurement.effect",
        "a measurement's effect is a finite number, got a number (NaN)",
      ],
      ["invalid_type", "$.cohorts[1].label", "expected a label as text, got undefined"],
      ["invalid_type", "$.cohorts[2]", "expected a part ({ measurement, ... }), got null"],
    ]);
  });
});
