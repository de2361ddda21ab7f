import fc from "fast-check";
import { refusal } from "../support/refusal.js";
import { describe, expect, it } from "vitest";
import { ArgumentError, distributions } from "../../src/index.js";

/**
 * The exported distributions check their arguments: a value outside a parameter's domain is refused with an
 * ArgumentError naming the parameter (`$.p`, `$.n`), never coerced (a bigint, a numeric text, an object with a
 * valueOf), and every result is a finite number, quickly, for any argument in the domain.
 */

const d = distributions;
const any = (value: unknown) => value as number;

describe("an argument that is not a number: not_a_number at the parameter's path", () => {
  const notNumbers: unknown[] = [undefined, null, "0.5", 1n, Symbol("p"), {}, [0.5], Number.NaN, true];

  it("is refused by every function, never coerced", () => {
    for (const value of notNumbers) {
      const v = any(value);
      expect(refusal(() => d.logGamma(v))).toEqual([["ArgumentError", "not_a_number", "$.x"]]);
      expect(refusal(() => d.logBeta(1, v))).toEqual([["ArgumentError", "not_a_number", "$.b"]]);
      expect(refusal(() => d.incompleteGamma(v, 1))).toEqual([["ArgumentError", "not_a_number", "$.a"]]);
      expect(refusal(() => d.incompleteBeta(v, 1, 1))).toEqual([["ArgumentError", "not_a_number", "$.x"]]);
      expect(refusal(() => d.normalCdf(v))).toEqual([["ArgumentError", "not_a_number", "$.z"]]);
      expect(refusal(() => d.normalSf(v))).toEqual([["ArgumentError", "not_a_number", "$.z"]]);
      expect(refusal(() => d.normalPdf(v))).toEqual([["ArgumentError", "not_a_number", "$.z"]]);
      expect(refusal(() => d.normalQuantile(v))).toEqual([["ArgumentError", "not_a_number", "$.p"]]);
      expect(refusal(() => d.studentTCdf(1, v))).toEqual([["ArgumentError", "not_a_number", "$.df"]]);
      expect(refusal(() => d.studentTSf(v, 3))).toEqual([["ArgumentError", "not_a_number", "$.t"]]);
      expect(refusal(() => d.studentTQuantile(v, 3))).toEqual([["ArgumentError", "not_a_number", "$.p"]]);
      expect(refusal(() => d.poissonCdf(2, v))).toEqual([["ArgumentError", "not_a_number", "$.mean"]]);
      expect(refusal(() => d.poissonSfInclusive(v, 2))).toEqual([["ArgumentError", "not_a_number", "$.k"]]);
      expect(refusal(() => d.binomialCdf(2, v, 0.5))).toEqual([["ArgumentError", "not_a_number", "$.n"]]);
      expect(refusal(() => d.binomialSfInclusive(2, 10, v))).toEqual([["ArgumentError", "not_a_number", "$.p"]]);
      expect(refusal(() => d.binomialPmf(v, 10, 0.5))).toEqual([["ArgumentError", "not_a_number", "$.k"]]);
      expect(refusal(() => d.binomialTest(2, 10, v))).toEqual([["ArgumentError", "not_a_number", "$.p"]]);
      expect(refusal(() => d.betaQuantile(0.5, 1, v))).toEqual([["ArgumentError", "not_a_number", "$.b"]]);
      expect(refusal(() => d.clopperPearson(2, 10, v))).toEqual([["ArgumentError", "not_a_number", "$.confidence"]]);
    }
  });

  it("an infinity where the parameter takes none is not a number; a valueOf is never called", () => {
    expect(refusal(() => d.normalQuantile(Number.POSITIVE_INFINITY))).toEqual([
      ["ArgumentError", "not_a_number", "$.p"],
    ]);
    expect(refusal(() => d.poissonCdf(2, Number.POSITIVE_INFINITY))).toEqual([
      ["ArgumentError", "not_a_number", "$.mean"],
    ]);
    let calls = 0;
    const sneaky = { valueOf: () => ++calls };
    expect(refusal(() => d.normalCdf(any(sneaky)))).toEqual([["ArgumentError", "not_a_number", "$.z"]]);
    expect(refusal(() => d.incompleteBeta(any(sneaky), 1, 1))).toEqual([["ArgumentError", "not_a_number", "$.x"]]);
    expect(calls).toBe(0);
    expect(() => d.normalQuantile(any(5n))).toThrow(
      "normalQuantile: p must be a probability above 0 and below 1; got a bigint",
    );
  });

  it("every bad argument of a call is listed in one error", () => {
    expect(refusal(() => d.binomialCdf(any("a"), -1, 2))).toEqual([
      ["ArgumentError", "not_a_number", "$.k"],
      ["ArgumentError", "out_of_range", "$.n"],
      ["ArgumentError", "out_of_range", "$.p"],
    ]);
  });
});

describe("a count with a fraction: not_whole", () => {
  it("k and n must be whole", () => {
    expect(refusal(() => d.binomialCdf(2.5, 10, 0.5))).toEqual([["ArgumentError", "not_whole", "$.k"]]);
    expect(refusal(() => d.binomialPmf(2, 10.5, 0.5))).toEqual([["ArgumentError", "not_whole", "$.n"]]);
    expect(refusal(() => d.poissonCdf(1.5, 2))).toEqual([["ArgumentError", "not_whole", "$.k"]]);
    expect(refusal(() => d.clopperPearson(1, 9.9, 0.95))).toEqual([["ArgumentError", "not_whole", "$.n"]]);
    expect(() => d.binomialCdf(2.5, 10, 0.5)).toThrow("binomialCdf: k must be a whole number from -1e15 to 1e15");
  });
});

describe("a number outside the parameter's range: out_of_range", () => {
  it("probabilities, shapes, degrees of freedom, means and counts", () => {
    expect(refusal(() => d.normalQuantile(0))).toEqual([["ArgumentError", "out_of_range", "$.p"]]);
    expect(refusal(() => d.binomialCdf(1, 10, 1.5))).toEqual([["ArgumentError", "out_of_range", "$.p"]]);
    expect(refusal(() => d.logGamma(0))).toEqual([["ArgumentError", "out_of_range", "$.x"]]);
    expect(refusal(() => d.logGamma(1e16))).toEqual([["ArgumentError", "out_of_range", "$.x"]]);
    expect(refusal(() => d.betaQuantile(0.5, 1e-301, 1))).toEqual([["ArgumentError", "out_of_range", "$.a"]]);
    expect(refusal(() => d.studentTCdf(1, 0))).toEqual([["ArgumentError", "out_of_range", "$.df"]]);
    expect(refusal(() => d.poissonSfInclusive(1, -1))).toEqual([["ArgumentError", "out_of_range", "$.mean"]]);
    expect(refusal(() => d.binomialSfInclusive(1, -1, 0.5))).toEqual([["ArgumentError", "out_of_range", "$.n"]]);
    expect(refusal(() => d.binomialCdf(1, 1e16, 0.5))).toEqual([["ArgumentError", "out_of_range", "$.n"]]);
    expect(refusal(() => d.binomialTest(1, 0, 0.5))).toEqual([["ArgumentError", "out_of_range", "$.n"]]);
    expect(refusal(() => d.clopperPearson(1, 10, 1))).toEqual([["ArgumentError", "out_of_range", "$.confidence"]]);
    expect(() => d.logGamma(0)).toThrow("logGamma: x must be a number from 1e-300 to 1e15; got the number 0");
  });

  it("k above n in the binomial test and the Clopper–Pearson interval", () => {
    expect(refusal(() => d.binomialTest(11, 10, 0.5))).toEqual([["ArgumentError", "out_of_range", "$.k"]]);
    expect(refusal(() => d.clopperPearson(11, 10, 0.95))).toEqual([["ArgumentError", "out_of_range", "$.k"]]);
    expect(() => d.clopperPearson(11, 10, 0.95)).toThrow("clopperPearson: k must be at most n (10); got the number 11");
  });

  it("a y that is not 1 − x in incompleteBeta", () => {
    expect(d.incompleteBeta(0.25, 2, 3, 0.75)).toEqual(d.incompleteBeta(0.25, 2, 3));
    expect(refusal(() => d.incompleteBeta(0.25, 2, 3, 0.5))).toEqual([["ArgumentError", "out_of_range", "$.y"]]);
    expect(refusal(() => d.incompleteBeta(0.25, 2, 3, 2))).toEqual([["ArgumentError", "out_of_range", "$.y"]]);
  });
});

describe("a quantile beyond the largest number: no_finite_quantile", () => {
  it("Student's t far in a tail with few degrees of freedom", () => {
    expect(refusal(() => d.studentTQuantile(1e-10, 0.01))).toEqual([["ArgumentError", "no_finite_quantile", "$.p"]]);
    expect(refusal(() => d.studentTQuantile(0.975, 1e-300))).toEqual([["ArgumentError", "no_finite_quantile", "$.p"]]);
    expect(refusal(() => d.studentTQuantile(1e-310, 0.5))).toEqual([["ArgumentError", "no_finite_quantile", "$.p"]]);
    // the Cauchy distribution's quantile, tan(π(p − ½)), as far out as a number goes
    expect(d.studentTQuantile(1e-300, 1)).toBeCloseTo(-1 / (Math.PI * 1e-300), -290);
  });
});

describe("results in the domain", () => {
  it("infinite z and t give the limits; infinite df gives the normal", () => {
    expect(d.normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(d.normalPdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(d.studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(d.studentTSf(2, Number.POSITIVE_INFINITY)).toBe(d.normalSf(2));
  });

  it("finite far in the tails, where z² or t² pass the largest number", () => {
    expect(d.normalCdf(1e300)).toBe(1);
    expect(d.normalSf(1e300)).toBe(0);
    expect(d.normalCdf(-Number.MAX_VALUE)).toBe(0);
    // P(T > 1e160) with 0.01 degrees of freedom is about 0.012 (the tail falls as t^−0.01), not 0
    expect(d.studentTSf(1e160, 0.01)).toBeGreaterThan(0.01);
    expect(d.studentTSf(1e160, 0.01)).toBeLessThan(0.015);
  });

  it("counts up to 1e15 answer quickly, without a deep recursion or an endless bisection", () => {
    const started = performance.now();
    expect(d.binomialCdf(5, 1e15, 0.5)).toBe(0);
    const test = d.binomialTest(5e14, 1e15, 0.5);
    expect(test.twoSided).toBeGreaterThan(0.9);
    expect(Number.isFinite(d.clopperPearson(333_333_333_333_333, 1e15, 0.95).lower)).toBe(true);
    expect(d.poissonCdf(1e15 - 1, 1e15)).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it("law: every result is finite, and every probability from 0 to 1", () => {
    const probability = fc.double({ min: 0, max: 1, noNaN: true });
    const open = fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }).filter((p) => p < 1);
    const shape = fc.double({ min: 1e-300, max: 1e15, noNaN: true });
    const real = fc.double({ noNaN: true });
    const count = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1e15 }));
    const df = fc.oneof(shape, fc.constant(Number.POSITIVE_INFINITY));
    const isProbability = (value: number) => value >= 0 && value <= 1;
    const quantileOrRefused = (call: () => number) => {
      try {
        expect(Number.isFinite(call())).toBe(true);
      } catch (error) {
        expect(refusal(() => call())[0]?.[1]).toBe("no_finite_quantile");
        expect(error).toBeInstanceOf(ArgumentError);
      }
    };
    fc.assert(
      fc.property(real, df, open, shape, shape, probability, count, count, (z, nu, p, a, b, x, k, n) => {
        const mean = Number.isFinite(z) ? Math.abs(z) : 1;
        const tails = [
          d.normalCdf(z),
          d.normalSf(z),
          d.studentTCdf(z, nu),
          d.studentTSf(z, nu),
          d.incompleteBeta(x, a, b).lower,
          d.incompleteBeta(x, a, b).upper,
          d.incompleteGamma(a, mean).lower,
          d.incompleteGamma(a, mean).upper,
          d.poissonCdf(k, mean),
          d.binomialCdf(k, n, x),
          d.binomialSfInclusive(k, n, x),
          d.binomialPmf(k, n, x),
          d.betaQuantile(p, a, b),
        ];
        for (const tail of tails) expect(isProbability(tail)).toBe(true);
        expect(Number.isFinite(d.normalPdf(z))).toBe(true);
        expect(Number.isFinite(d.normalQuantile(p))).toBe(true);
        expect(Number.isFinite(d.logGamma(a))).toBe(true);
        expect(Number.isFinite(d.logBeta(a, b))).toBe(true);
        quantileOrRefused(() => d.studentTQuantile(p, nu));
      }),
      { numRuns: 300 },
    );
  });
});
