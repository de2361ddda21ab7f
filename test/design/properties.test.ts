import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  detectionPower,
  minimumDetectableEffect,
  requiredSample,
  type DesignRequest,
  type PlannedSample,
} from "../../src/index.js";

/** The laws of power and sample size, for proportions, event rates and means, with and without a comparison group. */

const requestArb: fc.Arbitrary<DesignRequest> = fc
  .oneof(
    fc.record({
      outcome: fc.constant("binary" as const),
      baseline: fc.double({ min: 5, max: 95, noNaN: true }),
      scale: fc.constant(100),
    }),
    fc.record({
      outcome: fc.constant("count" as const),
      baseline: fc.double({ min: 5, max: 300, noNaN: true }),
      scale: fc.constant(100),
    }),
    fc.record({
      outcome: fc.constant("continuous" as const),
      baseline: fc.double({ min: -50, max: 50, noNaN: true }),
      standardDeviation: fc.double({ min: 0.5, max: 30, noNaN: true }),
    }),
  )
  .chain((shape) =>
    fc
      .record({
        better: fc.constantFrom("higher" as const, "lower" as const),
        significance: fc.constantFrom(0.01, 0.05, 0.1),
        power: fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        alternative: fc.constantFrom("one-sided" as const, "two-sided" as const),
      })
      .map((rest) => ({ ...shape, ...rest })),
  );
const sampleArb: fc.Arbitrary<PlannedSample> = fc
  .record({
    treatment: fc.integer({ min: 50, max: 5000 }),
    comparison: fc.option(fc.integer({ min: 50, max: 5000 }), { nil: undefined }),
  })
  .map(
    (sample): PlannedSample =>
      sample.comparison === undefined
        ? { treatment: sample.treatment }
        : { treatment: sample.treatment, comparison: sample.comparison },
  );

/** Large samples, so that the whole range of a proportion or rate is not needed to reach the power. */
const detectable = (request: DesignRequest, sample: { treatment: number; comparison?: number }) => {
  try {
    return minimumDetectableEffect({ ...request, sample }).effect;
  } catch {
    return undefined;
  }
};

describe("minimum detectable effect", () => {
  it("shrinks as the sample grows", () => {
    fc.assert(
      fc.property(requestArb, sampleArb, fc.double({ min: 1.1, max: 4, noNaN: true }), (request, sample, factor) => {
        const small = detectable(request, sample);
        const grown: PlannedSample = {
          treatment: sample.treatment * factor,
          ...(sample.comparison !== undefined ? { comparison: sample.comparison * factor } : {}),
        };
        const large = detectable(request, grown);
        fc.pre(small !== undefined);
        expect(large).toBeDefined();
        expect(large!).toBeLessThan(small!);
      }),
      { numRuns: 150 },
    );
  });

  it("grows as the required power rises", () => {
    fc.assert(
      fc.property(requestArb, sampleArb, fc.double({ min: 0.01, max: 0.04, noNaN: true }), (request, sample, more) => {
        const lower = detectable(request, sample);
        const higher = detectable({ ...request, power: request.power + more }, sample);
        fc.pre(lower !== undefined && higher !== undefined);
        expect(higher!).toBeGreaterThan(lower!);
      }),
      { numRuns: 150 },
    );
  });

  it("is detected with exactly the requested power, and is the smallest such effect", () => {
    fc.assert(
      fc.property(requestArb, sampleArb, (request, sample) => {
        const effect = detectable(request, sample);
        fc.pre(effect !== undefined);
        expect(detectionPower({ ...request, sample, effect: effect! })).toBeCloseTo(request.power, 9);
        // and it is the smallest such effect: a little less is detected less often
        expect(detectionPower({ ...request, sample, effect: effect! * 0.999 })).toBeLessThan(request.power);
      }),
      { numRuns: 150 },
    );
  });
});

describe("required sample", () => {
  it("fed back, gives that effect as detectable: the exact sample has the power and that minimum detectable effect; rounded up, at least the power", () => {
    fc.assert(
      fc.property(
        requestArb,
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.boolean(),
        fc.constantFrom(0.5, 1, 2),
        (request, share, comparisonGroup, ratio) => {
          // an effect within the outcome's range: a share of the room between the baseline and the range's end
          const room =
            request.outcome === "binary"
              ? request.better === "higher"
                ? 100 - request.baseline
                : request.baseline
              : request.outcome === "count" && request.better === "lower"
                ? request.baseline
                : request.outcome === "count"
                  ? request.baseline
                  : 2 * request.standardDeviation!;
          const effect = Math.abs(room) * share;
          const needed = requiredSample({ ...request, effect, comparisonGroup, ...(comparisonGroup ? { ratio } : {}) });
          const exact = needed.exact;
          const sample =
            exact.comparison === undefined
              ? { treatment: exact.treatment }
              : { treatment: exact.treatment, comparison: exact.comparison };
          expect(detectionPower({ ...request, sample, effect })).toBeCloseTo(request.power, 9);
          expect(minimumDetectableEffect({ ...request, sample }).effect).toBeCloseTo(effect, 6);
          const whole =
            needed.comparison === undefined
              ? { treatment: needed.treatment }
              : { treatment: needed.treatment, comparison: needed.comparison };
          expect(detectionPower({ ...request, sample: whole, effect })).toBeGreaterThanOrEqual(request.power - 1e-12);
          expect(needed.treatment).toBeGreaterThanOrEqual(exact.treatment - 1e-9);
          expect(needed.treatment - exact.treatment).toBeLessThan(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("with a comparison group in equal arms, needs more treated participants than against a fixed baseline", () => {
    fc.assert(
      fc.property(requestArb, fc.double({ min: 0.05, max: 0.5, noNaN: true }), (request, share) => {
        const effect =
          request.outcome === "continuous"
            ? (request.standardDeviation ?? 1) * share
            : request.baseline *
              share *
              (request.outcome === "binary" && request.better === "higher"
                ? (100 - request.baseline) / request.baseline
                : 1);
        const two = requiredSample({ ...request, effect, comparisonGroup: true });
        const one = requiredSample({ ...request, effect, comparisonGroup: false });
        expect(two.exact.treatment).toBeGreaterThan(one.exact.treatment);
      }),
      { numRuns: 150 },
    );
  });
});
