import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  OptionsError,
  measure,
  measurementRecord,
  methodText,
  minimumDetectableEffect,
  powerTestText,
  requiredSample,
  type MeasureRequest,
  type Measurement,
} from "../../src/index.js";
import { methodTextEn, methodTextIt } from "../../src/report/phrases/measurement-methods.js";
import { quantityStyle } from "../../src/report/style.js";

/**
 * One truth for the method texts: a measurement and a design's result record their method as figures, and the
 * words are written from those figures in one place, in English (the result's `methodText`) and Italian.
 */

const binary = (n: number, successes: number) => ({ outcome: "binary", n, successes }) as const;
const count = (events: number, exposure: number) => ({ outcome: "count", events, exposure }) as const;
const continuous = (n: number, mean: number, sd: number) =>
  ({ outcome: "continuous", n, sum: n * mean, sumOfSquares: (n - 1) * sd * sd + n * mean * mean }) as const;

/** A request for every method the measure layer names. */
const REQUESTS: Readonly<Record<Measurement["method"], MeasureRequest>> = {
  "wald-z": { estimator: "level", better: "lower", scale: 100, treatment: binary(600, 51) },
  "one-proportion-z": {
    estimator: "fixed-baseline",
    better: "lower",
    scale: 100,
    baseline: 10,
    continuityCorrection: true,
    treatment: binary(300, 21),
  },
  "binomial-exact": {
    estimator: "fixed-baseline",
    better: "lower",
    scale: 100,
    baseline: 10,
    treatment: binary(30, 0),
  },
  "two-proportion-z": {
    estimator: "comparison",
    better: "lower",
    continuityCorrection: true,
    treatment: binary(40, 8),
    comparison: binary(40, 17),
  },
  "poisson-rate-z": { estimator: "comparison", better: "lower", treatment: count(30, 100), comparison: count(45, 100) },
  "one-sample-t": {
    estimator: "fixed-baseline",
    better: "higher",
    baseline: 50,
    treatment: continuous(25, 53.2, 6.1),
  },
  "welch-t": {
    estimator: "comparison",
    better: "higher",
    treatment: continuous(30, 53.2, 6.1),
    comparison: continuous(45, 50.1, 9.4),
  },
  "combined-z": {
    estimator: "difference-in-differences",
    better: "lower",
    scale: 100,
    treatment: { before: binary(500, 90), after: binary(500, 60) },
    comparison: { before: binary(500, 88), after: binary(500, 85) },
  },
  "poisson-exact": {
    estimator: "comparison",
    better: "lower",
    test: "exact",
    treatment: count(12, 100),
    comparison: count(25, 100),
  },
} as unknown as Readonly<Record<Measurement["method"], MeasureRequest>>;

/** English words of the library's method texts, none of which may appear in an Italian one. */
const ENGLISH = /\b(with|the|for|interval|degrees|of freedom|unsafe|standard error|approximation|pooled)\b/;

describe("a measurement's method: figures recorded, words written in one place", () => {
  for (const [method, request] of Object.entries(REQUESTS)) {
    it(`${method}: the English methodText is the phrasebook's, from the figures; the Italian has no English`, () => {
      const m = measure(request);
      expect(m.method).toBe(method);
      expect(methodText(m)).toBe(m.methodText);
      expect(methodText(m, { locale: "en" })).toBe(m.methodText);
      const record = measurementRecord(m);
      expect(record.methodText).toBe(m.methodText);
      // the report's words from the record (figures as decimal strings) are the measurement's own
      expect(methodTextEn(record, quantityStyle("en"))).toBe(m.methodText);
      const italian = methodText(m, { locale: "it" });
      expect(methodTextIt(record, quantityStyle("it"))).toBe(italian);
      expect(italian).not.toMatch(ENGLISH);
      expect(italian).not.toBe(m.methodText);
    });
  }

  it("the figures: degrees of freedom, Yates's correction, why the normal approximation was unsafe", () => {
    const exact = measure(REQUESTS["binomial-exact"]);
    expect(exact.normalUnsafe).toEqual({ rule: "few-expected-successes", expected: 3 });
    expect(exact.methodText).toMatch(/; the normal approximation is unsafe here: n·p₀ = 3 < 5$/);
    expect(methodText(exact, { locale: "it" })).toMatch(
      /; qui l'approssimazione normale non è affidabile: n·p₀ = 3 < 5$/,
    );
    const corrected = measure(REQUESTS["two-proportion-z"]);
    expect(corrected.continuityCorrection).toBeCloseTo(0.025, 15);
    expect(methodText(corrected, { locale: "it" })).toContain("(|effetto| ridotto di 0,025 per il test");
    const welch = measure(REQUESTS["welch-t"]);
    const df = Number(welch.degreesOfFreedom!.toPrecision(6));
    expect(welch.methodText).toBe(`Welch t (unequal variances, Welch–Satterthwaite, ${df} degrees of freedom)`);
    expect(methodText(welch, { locale: "it" })).toBe(
      `t di Welch (varianze diverse, Welch–Satterthwaite, ${String(df).replace(".", ",")} gradi di libertà)`,
    );
    // no reason where the exact test is asked for and the normal one is safe, nor for the other methods
    const asked = measure({
      ...REQUESTS["binomial-exact"],
      test: "exact",
      treatment: binary(200, 30),
    } as MeasureRequest);
    expect(asked.method).toBe("binomial-exact");
    expect(asked.normalUnsafe).toBeUndefined();
    expect(measure(REQUESTS["one-proportion-z"]).normalUnsafe).toBeUndefined();
  });

  it("each rule of the unsafe normal approximation, recorded and worded", () => {
    const at = (n: number, successes: number, baseline: number) =>
      measure({ estimator: "fixed-baseline", better: "higher", baseline, treatment: binary(n, successes) });
    expect(at(49, 3, 0.1).normalUnsafe).toEqual({ rule: "few-expected-successes", expected: 4.9 });
    expect(at(49, 47, 0.9).normalUnsafe).toMatchObject({ rule: "few-expected-failures" });
    expect(methodText(at(49, 47, 0.9), { locale: "it" })).toContain("n·(1 − p₀) = 4,9 < 5");
    expect(at(200, 0, 0.1).normalUnsafe).toEqual({ rule: "no-success" });
    expect(methodText(at(200, 0, 0.1), { locale: "it" })).toContain("affidabile: nessun successo");
    expect(at(200, 200, 0.9).normalUnsafe).toEqual({ rule: "no-failure" });
    expect(methodText(at(200, 200, 0.9), { locale: "it" })).toContain("affidabile: nessun insuccesso");
  });

  it("the record's words agree with the measurement's for any proportion against a baseline (one rule)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom(undefined, "exact" as const),
        (n, share, baseline, test) => {
          const m = measure({
            estimator: "fixed-baseline",
            better: "lower",
            scale: 100,
            baseline,
            treatment: binary(n, Math.round(share * n)),
            ...(test !== undefined ? { test } : {}),
          });
          const record = measurementRecord(m);
          expect(methodTextEn(record, quantityStyle("en"))).toBe(methodText(m));
          expect(methodTextIt(record, quantityStyle("it"))).toBe(methodText(m, { locale: "it" }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses what is not a measurement the library issued, and an unknown locale", () => {
    const m = measure(REQUESTS["wald-z"]);
    expect(() => methodText({ ...m })).toThrow(ArgumentError);
    expect(() => methodText(m, { locale: "fr" as never })).toThrow(OptionsError);
  });
});

describe("a design's test: figures recorded, words written in one place", () => {
  const request = {
    outcome: "binary",
    better: "lower",
    baseline: 20,
    scale: 100,
    significance: 0.05,
    power: 0.8,
  } as const;

  it("records the test as figures, and its methodText is their English", () => {
    const detectable = minimumDetectableEffect({ ...request, sample: { treatment: 1500, comparison: 1500 } });
    expect(detectable.powerTest).toEqual({
      test: "proportions-z",
      alternative: "two-sided",
      significance: 0.05,
      power: 0.8,
    });
    expect(detectable.methodText).toBe("a z-test of proportions, two-sided, significance 0.05, power 0.8");
    expect(powerTestText(detectable)).toBe(detectable.methodText);
    expect(powerTestText(detectable, { locale: "it" })).toBe(
      "un test z di proporzioni, a due code, significatività 0,05, potenza 0,8",
    );
    const sample = requiredSample({ ...request, effect: 4, comparisonGroup: true });
    expect(sample.powerTest).toEqual(detectable.powerTest);
    expect(powerTestText(sample, { locale: "it" })).toBe(powerTestText(detectable, { locale: "it" }));
  });

  it("every test and alternative, in both languages", () => {
    const cases = [
      [{ outcome: "count", better: "lower", baseline: 10, scale: 100 }, "rates-z", "a z-test of Poisson event rates"],
      [
        { outcome: "continuous", better: "higher", baseline: 50, standardDeviation: 8 },
        "means-t",
        "a t-test of means (noncentral t)",
      ],
      [
        { outcome: "continuous", better: "higher", baseline: 50, standardDeviation: 8, test: "normal" },
        "means-z",
        "a z-test of means (normal approximation of the t-test)",
      ],
    ] as const;
    for (const [question, test, words] of cases) {
      const found = requiredSample({
        ...question,
        significance: 0.1,
        power: 0.9,
        alternative: "one-sided",
        effect: 2,
        comparisonGroup: false,
      });
      expect(found.powerTest.test).toBe(test);
      expect(found.methodText).toBe(`${words}, one-sided, significance 0.1, power 0.9`);
      const italian = powerTestText(found, { locale: "it" });
      expect(italian).toMatch(/^un test [zt] di .+, a una coda, significatività 0,1, potenza 0,9$/);
      expect(italian).not.toMatch(ENGLISH);
    }
  });

  it("refuses a result without its test's figures, listing every problem", () => {
    const bad = { powerTest: { test: "chi-square", alternative: "both", significance: 2, power: 0 } };
    try {
      powerTestText(bad as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ArgumentError);
      expect((error as ArgumentError).issues.map((found) => [found.code, found.at])).toEqual([
        ["invalid_choice", "$.result.powerTest.test"],
        ["invalid_choice", "$.result.powerTest.alternative"],
        ["out_of_range", "$.result.powerTest.significance"],
        ["out_of_range", "$.result.powerTest.power"],
      ]);
    }
    expect(() => powerTestText({} as never)).toThrow(ArgumentError);
  });
});
