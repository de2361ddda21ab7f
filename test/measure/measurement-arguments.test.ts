import { codesAndPaths as refusal } from "../support/refusal.js";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  blend,
  MeasureError,
  type Measurement,
  measure,
  measureCohorts,
  measurementEvent,
  measurementRecord,
  measureRecords,
  OptionsError,
  type ParticipantRecord,
  poolCohorts,
  toDecimalString,
} from "../../src/index.js";

/**
 * The measurements the library returns are its own (known as issued), and the functions that record them take
 * only those; toDecimalString and the options of measurementEvent are checked with typed errors, each with its
 * code and path; blend and poolCohorts read a hand-made measurement only after checking every field they use.
 */

const comparison = (successes: number): Measurement =>
  measure({
    estimator: "comparison",
    better: "lower",
    scale: 100,
    treatment: { outcome: "binary", n: 600, successes },
    comparison: { outcome: "binary", n: 650, successes: 91 },
  });
const options = { id: "r1", metric: "dropout", status: "verified" as const, recordedAt: "2027-10-15" };

describe("toDecimalString", () => {
  it("writes any finite number with 1 to 100 significant digits", () => {
    expect(toDecimalString(0.125, 4)).toBe("0.125");
    expect(toDecimalString(2 / 3, 1)).toBe("0.7");
    expect(toDecimalString(Number.MAX_VALUE, 100)).toMatch(/^17976931348623157\d+$/);
    expect(toDecimalString(Number.MIN_VALUE)).toBe(`0.${"0".repeat(323)}494065645841`);
  });

  it("a value that is not a finite number: not_a_number at $.value", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, "1.5", 10n, undefined, {}])
      expect(refusal(ArgumentError, () => toDecimalString(value as number))).toEqual([["not_a_number", "$.value"]]);
  });

  it("digits that are not a number: not_a_number at $.digits", () => {
    expect(refusal(ArgumentError, () => toDecimalString(1, "12" as unknown as number))).toEqual([
      ["not_a_number", "$.digits"],
    ]);
  });

  it("digits with a fraction: not_whole at $.digits", () => {
    expect(refusal(ArgumentError, () => toDecimalString(1, 2.5))).toEqual([["not_whole", "$.digits"]]);
  });

  it("digits outside 1 to 100: out_of_range at $.digits, with the value's problem in the same error", () => {
    expect(refusal(ArgumentError, () => toDecimalString(1, 0))).toEqual([["out_of_range", "$.digits"]]);
    expect(refusal(ArgumentError, () => toDecimalString(1, 101))).toEqual([["out_of_range", "$.digits"]]);
    expect(refusal(ArgumentError, () => toDecimalString(Number.NaN, 101))).toEqual([
      ["not_a_number", "$.value"],
      ["out_of_range", "$.digits"],
    ]);
  });
});

describe("measurementRecord and measurementEvent take the measurements the library returned", () => {
  const records: ParticipantRecord[] = [];
  for (let i = 0; i < 80; i += 1)
    records.push({
      group: i % 2 === 0 ? "treatment" : "comparison",
      cohort: i % 4 < 2 ? "c1" : "c2",
      outcome: i % 3 === 0,
    });
  const request = { estimator: "comparison", outcome: "binary", better: "higher" } as const;
  const cohorts = measureCohorts(records, request);
  const returned: [string, Measurement][] = [
    ["measure", comparison(51)],
    ["measureRecords", measureRecords(records, request)],
    ["measureCohorts (a cohort)", cohorts.cohorts[0]!.measurement],
    ["measureCohorts (the pool)", cohorts.pooled],
    [
      "blend",
      blend([
        { weight: "80%", measurement: comparison(51) },
        { weight: "20%", measurement: comparison(60) },
      ]),
    ],
    [
      "poolCohorts",
      poolCohorts([
        { label: "a", measurement: comparison(51) },
        { label: "b", measurement: comparison(60) },
      ]),
    ],
  ];

  it.each(returned)("%s: recorded", (_, measurement) => {
    expect(measurementRecord(measurement).value).toBe(toDecimalString(measurement.value));
    expect(measurementEvent(measurement, options).value).toBe(toDecimalString(measurement.value));
  });

  it("a copy, a JSON round trip or a changed measurement: not_a_measurement at $.measurement", () => {
    const measurement = comparison(51);
    const copies = [
      { ...measurement },
      structuredClone(measurement),
      JSON.parse(JSON.stringify(measurement)) as Measurement,
      { ...measurement, value: 1 },
      null,
      "8.5",
    ];
    for (const copy of copies) {
      expect(refusal(ArgumentError, () => measurementRecord(copy as Measurement))).toEqual([
        ["not_a_measurement", "$.measurement"],
      ]);
      expect(refusal(ArgumentError, () => measurementEvent(copy as Measurement, options))).toEqual([
        ["not_a_measurement", "$.measurement"],
      ]);
    }
  });
});

describe("measurementEvent's options", () => {
  const measurement = comparison(51);
  const event = (given: unknown) => () => measurementEvent(measurement, given as typeof options);

  it("not an object, or a field of the wrong type: invalid_type", () => {
    expect(refusal(OptionsError, event(undefined))).toEqual([["invalid_type", "$"]]);
    expect(refusal(OptionsError, event({ ...options, note: 5 }))).toEqual([["invalid_type", "$.note"]]);
  });

  it("a field missing: required, each at its path", () => {
    expect(refusal(OptionsError, event({}))).toEqual([
      ["required", "$.id"],
      ["required", "$.metric"],
      ["required", "$.status"],
      ["required", "$.recordedAt"],
    ]);
  });

  it("an id that is not one: invalid_id", () => {
    expect(refusal(OptionsError, event({ ...options, cohort: "cohort one" }))).toEqual([["invalid_id", "$.cohort"]]);
  });

  it("an unknown status: invalid_choice", () => {
    expect(refusal(OptionsError, event({ ...options, status: "approved" }))).toEqual([["invalid_choice", "$.status"]]);
  });

  it("a date that does not exist: invalid_date", () => {
    expect(refusal(OptionsError, event({ ...options, recordedAt: "2027-02-30" }))).toEqual([
      ["invalid_date", "$.recordedAt"],
    ]);
  });

  it("a misspelt key: unknown_key", () => {
    expect(refusal(OptionsError, event({ ...options, verfier: "assessor" }))).toEqual([["unknown_key", "$"]]);
  });

  it("the options are neither frozen nor changed", () => {
    const given = { ...options, evidence: "report 2027" };
    const before = structuredClone(given);
    measurementEvent(measurement, given);
    expect(Object.isFrozen(given)).toBe(false);
    expect(given).toEqual(before);
  });
});

describe("blend and poolCohorts read a hand-made measurement only after checking it", () => {
  const handMade = (changes: Record<string, unknown>) => ({ ...structuredClone(comparison(51)), ...changes });

  it("a hand-made measurement with every field they read is combined", () => {
    const pooled = poolCohorts([
      { label: "a", measurement: handMade({}) as Measurement },
      { label: "b", measurement: comparison(60) },
    ]);
    expect(measurementRecord(pooled).estimator).toBe("pooled");
  });

  it("each field it lacks: invalid_measurement at the field's path", () => {
    const broken = handMade({
      estimator: Symbol("x"),
      better: "up",
      outcome: undefined,
      scale: 0,
      standardError: -1,
      counterfactual: Number.NaN,
      degreesOfFreedom: 0,
      interval: { confidence: 95 },
      groups: [{ n: -1 }],
    });
    expect(refusal(MeasureError, () => blend([{ weight: 1, measurement: broken as unknown as Measurement }]))).toEqual([
      ["invalid_measurement", "$.parts[0].measurement.estimator"],
      ["invalid_measurement", "$.parts[0].measurement.better"],
      ["invalid_measurement", "$.parts[0].measurement.outcome"],
      ["invalid_measurement", "$.parts[0].measurement.scale"],
      ["invalid_measurement", "$.parts[0].measurement.standardError"],
      ["invalid_measurement", "$.parts[0].measurement.counterfactual"],
      ["invalid_measurement", "$.parts[0].measurement.degreesOfFreedom"],
      ["invalid_measurement", "$.parts[0].measurement.interval.confidence"],
      ["invalid_measurement", "$.parts[0].measurement.groups[0]"],
    ]);
    expect(
      refusal(MeasureError, () =>
        poolCohorts([{ label: "a", measurement: handMade({ groups: "none" }) as unknown as Measurement }]),
      ),
    ).toEqual([["invalid_measurement", "$.cohorts[0].measurement.groups"]]);
  });

  it("a weight that is neither a number nor a text, or beyond the largest number: invalid_weight", () => {
    const parts = [
      { weight: ["80%"], measurement: comparison(51) },
      { weight: `1${"0".repeat(400)}`, measurement: comparison(60) },
    ];
    expect(refusal(MeasureError, () => blend(parts as never))).toEqual([
      ["invalid_weight", "$.parts[0].weight"],
      ["invalid_weight", "$.parts[1].weight"],
    ]);
  });
});
