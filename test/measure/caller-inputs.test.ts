import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  blend,
  type Measurement,
  measure,
  measurementEvent,
  measurementRecord,
  poolCohorts,
} from "../../src/index.js";

/**
 * What a caller passes in stays the caller's: the measure functions copy, then freeze their results; they never
 * freeze or change the measurement, the options or the parts they were given. (measurementRecord and
 * measurementEvent take only the measurements the library returned, which it froze itself.)
 */

/** Every object inside `value` (itself included) that is frozen, by path. */
function frozenPaths(value: unknown, path = "$"): string[] {
  if (value === null || typeof value !== "object") return [];
  return [
    ...(Object.isFrozen(value) ? [path] : []),
    ...Object.entries(value).flatMap(([key, inner]) => frozenPaths(inner, `${path}.${key}`)),
  ];
}

/** Every object inside `value` (itself included), by path. */
function objectPaths(value: unknown, path = "$"): string[] {
  if (value === null || typeof value !== "object") return [];
  return [path, ...Object.entries(value).flatMap(([key, inner]) => objectPaths(inner, `${path}.${key}`))];
}

/** A measurement as a caller may hold it: plain, unfrozen data (e.g. read back from JSON). */
const plainMeasurement = (treated: number, successes: number): Measurement =>
  structuredClone(
    measure({
      estimator: "comparison",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n: treated, successes },
      comparison: { outcome: "binary", n: 650, successes: 91 },
    }),
  );

/** A measurement as the library issues it (frozen by the library, not by the caller). */
const issuedMeasurement = (treated: number, successes: number): Measurement =>
  measure({
    estimator: "comparison",
    better: "lower",
    scale: 100,
    treatment: { outcome: "binary", n: treated, successes },
    comparison: { outcome: "binary", n: 650, successes: 91 },
  });

describe("the caller's inputs are neither frozen nor changed", () => {
  it("measurementEvent: the measurement and the options", () => {
    const measurement = issuedMeasurement(600, 51);
    const options = {
      id: "r1",
      metric: "dropout",
      period: "as-2026-27",
      status: "verified" as const,
      verifier: "evaluator",
      recordedAt: "2027-10-15",
      evidence: "report 2027",
    };
    const before = structuredClone({ measurement, options });
    const event = measurementEvent(measurement, options);
    expect(Object.isFrozen(options)).toBe(false);
    expect(frozenPaths(options)).toEqual([]);
    expect({ measurement, options }).toEqual(before);
    // the event is a copy: it shares no object with the options or the measurement
    expect(event.measurement).not.toBe(measurement);
    // the event itself is frozen all the way down
    expect(frozenPaths(event)).toEqual(objectPaths(event));
  });

  it("measurementRecord: the measurement", () => {
    const measurement = issuedMeasurement(600, 51);
    const before = structuredClone(measurement);
    measurementRecord(measurement);
    expect(measurement).toEqual(before);
  });

  it("measurementRecord and measurementEvent refuse a copy of a measurement, and neither freeze nor change it", () => {
    const copy = plainMeasurement(600, 51);
    const before = structuredClone(copy);
    expect(() => measurementRecord(copy)).toThrow(ArgumentError);
    expect(() =>
      measurementEvent(copy, { id: "r1", metric: "dropout", status: "verified", recordedAt: "2027-10-15" }),
    ).toThrow(ArgumentError);
    expect(frozenPaths(copy)).toEqual([]);
    expect(copy).toEqual(before);
  });

  it("poolCohorts: the parts, their measurements and the options", () => {
    const parts = [
      { label: "c1", measurement: plainMeasurement(300, 24) },
      { label: "c2", measurement: plainMeasurement(100, 9), weight: 100 },
    ];
    const options = { confidence: 0.9 };
    const before = structuredClone({ parts, options });
    const pooled = poolCohorts(parts, options);
    expect(Object.isFrozen(parts)).toBe(false);
    expect(Object.isFrozen(parts[0]!.measurement)).toBe(false);
    expect(frozenPaths({ parts, options })).toEqual([]);
    expect({ parts, options }).toEqual(before);
    expect(frozenPaths(pooled)).toEqual(objectPaths(pooled));
  });

  it("blend: the parts and their measurements", () => {
    const parts = [
      { label: "trial", weight: "80%", measurement: plainMeasurement(600, 51) },
      { weight: 0.2, measurement: plainMeasurement(600, 60) },
    ];
    const before = structuredClone(parts);
    blend(parts);
    expect(frozenPaths(parts)).toEqual([]);
    expect(parts).toEqual(before);
  });

  it("an object where a text is expected (a caller in plain JavaScript) is refused or copied, never frozen", () => {
    const evidence = { url: "https://example.org/report.pdf" } as unknown as string;
    const options = { id: "r1", metric: "dropout", status: "verified" as const, recordedAt: "2027-10-15", evidence };
    const label = { cohort: "c1" } as unknown as string;
    const parts = [{ label, measurement: plainMeasurement(300, 24) }];
    const before = structuredClone({ options, parts });
    const attempt = (run: () => unknown) => {
      try {
        const result = run();
        expect(Object.isFrozen(result)).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
      }
    };
    attempt(() => measurementEvent(issuedMeasurement(600, 51), options));
    attempt(() => poolCohorts(parts));
    expect(frozenPaths({ options, parts })).toEqual([]);
    expect({ options, parts }).toEqual(before);
  });
});
