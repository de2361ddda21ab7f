import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  distributions,
  measure,
  measureCohorts,
  MeasureError,
  measurementEvent,
  measurementRecord,
  poolCohorts,
  type GroupAggregate,
  type Measurement,
  type MeasureRequest,
  type ParticipantRecord,
  type PricingRule,
} from "../../src/index.js";
import { contractJson, metric, settleJson, tranche, trancheOf } from "../support/contract-builder.js";

/** The laws of the measure layer. */

const RUNS = { numRuns: 150 };

const binaryArb = fc.integer({ min: 2, max: 5000 }).chain((n) =>
  fc.record({
    outcome: fc.constant("binary" as const),
    n: fc.constant(n),
    successes: fc.integer({ min: 0, max: n }),
  }),
);
const countArb = fc.record({
  outcome: fc.constant("count" as const),
  events: fc.integer({ min: 0, max: 3000 }),
  exposure: fc.integer({ min: 1, max: 20000 }).map((x) => x / 4),
});
const continuousArb = fc
  .record({
    n: fc.integer({ min: 2, max: 2000 }),
    mean: fc.double({ min: -1000, max: 1000, noNaN: true }),
    sd: fc.double({ min: 0.01, max: 100, noNaN: true }),
  })
  .map(({ n, mean, sd }) => ({
    outcome: "continuous" as const,
    n,
    sum: n * mean,
    sumOfSquares: (n - 1) * sd * sd + n * mean * mean,
  }));
const pairArb: fc.Arbitrary<[GroupAggregate, GroupAggregate]> = fc.oneof(
  fc.tuple(binaryArb, binaryArb),
  fc.tuple(countArb, countArb),
  fc.tuple(continuousArb, continuousArb),
);
const betterArb = fc.constantFrom("higher" as const, "lower" as const);
const confidenceArb = fc.constantFrom(0.8, 0.9, 0.95, 0.99);

/** Any request the estimators accept, over all estimators and outcome kinds. */
const requestArb: fc.Arbitrary<MeasureRequest> = fc
  .tuple(
    pairArb,
    pairArb,
    betterArb,
    confidenceArb,
    fc.integer({ min: 0, max: 4 }),
    fc.double({ min: -50, max: 50, noNaN: true }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([[t, c], [t0, c0], better, confidence, which, baseline, exact, corrected]): MeasureRequest => {
    // the exact Poisson test where it applies: counts, against a comparison group or a (non-negative) baseline;
    // the exact binomial test: a proportion against a fixed baseline
    const exactApplies =
      exact &&
      ((t.outcome === "count" && (which === 3 || (which === 1 && baseline >= 0))) ||
        (t.outcome === "binary" && which === 1));
    // Yates's continuity correction where it applies: the proportion tests (a fixed baseline, two groups)
    const correctionApplies = corrected && t.outcome === "binary" && (which === 1 || which === 3);
    const common = {
      better,
      confidence,
      ...(exactApplies ? { test: "exact" as const } : {}),
      ...(correctionApplies ? { continuityCorrection: true } : {}),
    };
    switch (which) {
      case 0:
        return { estimator: "level", treatment: t, ...common };
      case 1:
        // A proportion's baseline lies in [0, 1] (scale 1): outside it, a fixed baseline is refused
        // (baseline_out_of_range) since the test became R's score or exact binomial test, which need p₀ in [0, 1].
        return {
          estimator: "fixed-baseline",
          treatment: t,
          baseline: t.outcome === "binary" ? Math.abs(baseline) / 50 : baseline,
          ...common,
        };
      case 2:
        return {
          estimator: "trend-baseline",
          treatment: t,
          history: [
            { at: 1, value: baseline },
            { at: 2, value: baseline + 1 },
            { at: 3, value: baseline + 1.5 },
          ],
          at: 5,
          ...common,
        };
      case 3:
        return { estimator: "comparison", treatment: t, comparison: c, ...common };
      default: {
        const sameKind = t0.outcome === t.outcome ? [t0, c0] : [t, c];
        return {
          estimator: "difference-in-differences",
          treatment: { before: sameKind[0]!, after: t },
          comparison: { before: sameKind[1]!, after: c },
          ...common,
        };
      }
    }
  });

/** Measures, or `undefined` when the outcome does not vary (a typed error, not a NaN). */
function tryMeasure(request: MeasureRequest): Measurement | undefined {
  try {
    return measure(request);
  } catch (error) {
    if (error instanceof MeasureError && error.issues.every((entry) => entry.code === "zero_variance"))
      return undefined;
    throw error;
  }
}

const numbersOf = (m: Measurement): number[] => [
  m.value,
  m.effect,
  m.standardError,
  m.interval.lower,
  m.interval.upper,
  ...(m.counterfactual !== undefined ? [m.counterfactual] : []),
  ...(m.pValue !== undefined ? [m.pValue.oneSided, m.pValue.twoSided] : []),
  ...(m.statistic !== undefined ? [m.statistic] : []),
];

describe("laws of measurement", () => {
  it("every figure is finite, and the interval contains the estimate", () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const m = tryMeasure(request);
        fc.pre(m !== undefined);
        expect(numbersOf(m!).every(Number.isFinite)).toBe(true);
        expect(m!.interval.lower).toBeLessThanOrEqual(m!.effect);
        expect(m!.effect).toBeLessThanOrEqual(m!.interval.upper);
      }),
      RUNS,
    );
  });

  it("p-values lie in [0, 1], and the one-sided p-value is at most the two-sided one when the effect is an improvement", () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const m = tryMeasure(request);
        fc.pre(m?.pValue !== undefined);
        const { oneSided, twoSided } = m!.pValue!;
        for (const p of [oneSided, twoSided]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        const improvement = m!.better === "higher" ? m!.effect > 0 : m!.effect < 0;
        if (improvement) expect(oneSided).toBeLessThanOrEqual(twoSided);
      }),
      RUNS,
    );
  });

  it("swapping the groups negates the difference and keeps its uncertainty", () => {
    fc.assert(
      fc.property(pairArb, betterArb, ([t, c], better) => {
        const forward = tryMeasure({ estimator: "comparison", better, treatment: t, comparison: c });
        fc.pre(forward !== undefined);
        const backward = measure({ estimator: "comparison", better, treatment: c, comparison: t });
        expect(backward.effect === -forward!.effect).toBe(true); // exactly (IEEE subtraction is antisymmetric; 0 and −0 are equal)
        expect(backward.standardError).toBe(forward!.standardError);
        expect(backward.pValue!.twoSided).toBeCloseTo(forward!.pValue!.twoSided, 12);
        expect(backward.interval.lower).toBeCloseTo(-forward!.interval.upper, 9);
      }),
      RUNS,
    );
  });

  it("p-values shrink as a fixed effect's sample grows", () => {
    const proportions = fc.record({
      n: fc.integer({ min: 10, max: 200 }),
      pt: fc.integer({ min: 1, max: 9 }),
      pc: fc.integer({ min: 1, max: 9 }),
    });
    fc.assert(
      fc.property(proportions, fc.integer({ min: 2, max: 20 }), betterArb, ({ n, pt, pc }, factor, better) => {
        // successes are tenths of n, so the proportions stay exactly the same at every size
        const at = (k: number) =>
          measure({
            estimator: "comparison",
            better,
            treatment: { outcome: "binary", n: 10 * n * k, successes: pt * n * k },
            comparison: { outcome: "binary", n: 10 * n * k, successes: pc * n * k },
          });
        const small = at(1);
        const large = at(factor);
        expect(large.effect).toBeCloseTo(small.effect, 12);
        expect(large.pValue!.twoSided).toBeLessThanOrEqual(small.pValue!.twoSided);
        if (small.effect !== 0) {
          const improvement = better === "higher" ? small.effect > 0 : small.effect < 0;
          if (improvement) expect(large.pValue!.oneSided).toBeLessThanOrEqual(small.pValue!.oneSided);
          else expect(large.pValue!.oneSided).toBeGreaterThanOrEqual(small.pValue!.oneSided);
        }
      }),
      RUNS,
    );
    const means = fc.record({
      n: fc.integer({ min: 3, max: 100 }),
      difference: fc.double({ min: -5, max: 5, noNaN: true }),
      sd: fc.double({ min: 0.5, max: 10, noNaN: true }),
    });
    fc.assert(
      fc.property(means, fc.integer({ min: 2, max: 50 }), ({ n, difference, sd }, factor) => {
        const group = (size: number, mean: number) => ({
          outcome: "continuous" as const,
          n: size,
          sum: size * mean,
          sumOfSquares: (size - 1) * sd * sd + size * mean * mean,
        });
        const at = (size: number) =>
          measure({
            estimator: "comparison",
            better: "higher",
            treatment: group(size, 10 + difference),
            comparison: group(size, 10),
          });
        expect(at(n * factor).pValue!.twoSided).toBeLessThanOrEqual(at(n).pValue!.twoSided * (1 + 1e-9));
      }),
      RUNS,
    );
  });
});

describe("laws of the exact binomial test", () => {
  const caseArb = fc.integer({ min: 1, max: 400 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      successes: fc.integer({ min: 0, max: n }),
      p0: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 1)),
      confidence: fc.constantFrom(0.8, 0.9, 0.95, 0.99),
    }),
  );

  it("its p-values lie in [0, 1], its interval contains the observed proportion, and excludes p₀ only when a tail is below α/2", () => {
    fc.assert(
      fc.property(caseArb, ({ n, successes, p0, confidence }) => {
        const { below, above, twoSided } = distributions.binomialTest(successes, n, p0);
        for (const p of [below, above, twoSided]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        // the two tails overlap in P(X = k), so together they cover everything; the two-sided p-value is at
        // least the tail on the side of the observed count
        expect(below + above).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(twoSided).toBeGreaterThanOrEqual(Math.min(below, above) * (1 - 1e-12));
        const { lower, upper } = distributions.clopperPearson(successes, n, confidence);
        expect(0 <= lower && lower <= successes / n && successes / n <= upper && upper <= 1).toBe(true);
        // Clopper–Pearson is the set of p₀ whose equal-tailed exact test does not reject: outside it, a tail is ≤ α/2
        const alpha = (1 - confidence) / 2;
        if (p0 < lower * (1 - 1e-9)) expect(above).toBeLessThanOrEqual(alpha * (1 + 1e-9));
        if (p0 > upper * (1 + 1e-9)) expect(below).toBeLessThanOrEqual(alpha * (1 + 1e-9));
        if (p0 > lower * (1 + 1e-9) && p0 < upper * (1 - 1e-9)) expect(Math.min(below, above)).toBeGreaterThan(alpha);
      }),
      { numRuns: 300 },
    );
  });

  it("through measure: the interval of the effect contains it, and a wider confidence gives a wider interval", () => {
    fc.assert(
      fc.property(caseArb, ({ n, successes, p0 }) => {
        const at = (confidence: number) =>
          measure({
            estimator: "fixed-baseline",
            better: "lower",
            scale: 100,
            baseline: p0 * 100,
            confidence,
            test: "exact",
            treatment: { outcome: "binary", n, successes },
          });
        const narrow = at(0.9);
        const wide = at(0.99);
        expect(narrow.method).toBe("binomial-exact");
        expect(narrow.interval.lower).toBeLessThanOrEqual(narrow.effect);
        expect(narrow.effect).toBeLessThanOrEqual(narrow.interval.upper);
        expect(wide.interval.lower).toBeLessThanOrEqual(narrow.interval.lower);
        expect(wide.interval.upper).toBeGreaterThanOrEqual(narrow.interval.upper);
      }),
      RUNS,
    );
  });
});

describe("purity", () => {
  it("inputs are never mutated, and measurements are frozen", () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const copy = structuredClone(request);
        const frozen = deepFreezeCopy(request);
        const m = tryMeasure(frozen);
        expect(request).toEqual(copy);
        if (m !== undefined) {
          expect(Object.isFrozen(m)).toBe(true);
          expect(Object.isFrozen(m.interval)).toBe(true);
          expect(Object.isFrozen(m.groups)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

function deepFreezeCopy<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (node: unknown): void => {
    if (node !== null && typeof node === "object") {
      Object.values(node).forEach(freeze);
      Object.freeze(node);
    }
  };
  freeze(copy);
  return copy;
}

describe("laws of cohorts", () => {
  const cohortRecordsArb = fc
    .array(
      fc.record({
        treated: fc.integer({ min: 5, max: 60 }),
        treatedEvents: fc.nat({ max: 40 }),
        compared: fc.integer({ min: 5, max: 60 }),
        comparedEvents: fc.nat({ max: 40 }),
      }),
      { minLength: 2, maxLength: 5 },
    )
    .map((cohorts) =>
      cohorts.flatMap((cohort, index): ParticipantRecord[] => {
        const records = (group: "treatment" | "comparison", people: number, events: number) =>
          Array.from(
            { length: people },
            (_, person): ParticipantRecord => ({ group, cohort: `c${index}`, events: person === 0 ? events : 0 }),
          );
        return [
          ...records("treatment", cohort.treated, cohort.treatedEvents),
          ...records("comparison", cohort.compared, cohort.comparedEvents),
        ];
      }),
    );

  it("a pooled effect lies between the cohort effects", () => {
    fc.assert(
      fc.property(cohortRecordsArb, (records) => {
        let result: ReturnType<typeof measureCohorts> | undefined;
        try {
          result = measureCohorts(records, { estimator: "comparison", outcome: "count", better: "lower" });
        } catch (error) {
          if (error instanceof MeasureError && error.issues.every((entry) => entry.code === "zero_variance")) return;
          throw error;
        }
        const effects = result.cohorts.map((entry) => entry.measurement.effect);
        const slack = 1e-9 * Math.max(1, ...effects.map(Math.abs));
        expect(result.pooled.effect).toBeGreaterThanOrEqual(Math.min(...effects) - slack);
        expect(result.pooled.effect).toBeLessThanOrEqual(Math.max(...effects) + slack);
      }),
      RUNS,
    );
  });

  it("a pooled record adds up by hand: Σ weight × each cohort's value, counterfactual and effect", () => {
    fc.assert(
      fc.property(cohortRecordsArb, (records) => {
        let result: ReturnType<typeof measureCohorts> | undefined;
        try {
          result = measureCohorts(records, { estimator: "comparison", outcome: "count", better: "lower" });
        } catch (error) {
          if (error instanceof MeasureError && error.issues.every((entry) => entry.code === "zero_variance")) return;
          throw error;
        }
        const record = measurementRecord(result.pooled);
        const parts = record.parts ?? [];
        expect(parts.map((part) => part.label)).toEqual(result.cohorts.map((entry) => `cohort ${entry.cohort}`));
        // each part is its cohort's own record; the sums of 12-digit figures agree with the pooled ones to ~1e-10
        result.cohorts.forEach((entry, index) => {
          const own = measurementRecord(entry.measurement);
          expect([parts[index]?.value, parts[index]?.counterfactual, parts[index]?.effect]).toEqual([
            own.value,
            own.counterfactual,
            own.effect,
          ]);
        });
        const sum = (of: (part: (typeof parts)[number]) => string) =>
          parts.reduce((acc, part) => acc + Number(part.weight) * Number(of(part)), 0);
        for (const [total, figure] of [
          [sum((part) => part.value!), record.value],
          [sum((part) => part.counterfactual!), record.counterfactual!],
          [sum((part) => part.effect), record.effect],
        ] as const) {
          expect(Math.abs(total - Number(figure))).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(Number(figure))));
        }
      }),
      RUNS,
    );
  });

  it("no cohort is paid twice: each cohort tranche pays its own amount or the pooled one, never both", () => {
    const own: PricingRule = {
      type: "threshold",
      metric: "reoffending",
      basis: "relative-improvement",
      threshold: "10%",
      amount: "1000.00",
    };
    const pooledRule: PricingRule = {
      type: "threshold",
      metric: "reoffending",
      basis: "relative-improvement",
      threshold: "7.5%",
      amount: "600.00",
    };
    const contract = contractJson({
      metrics: [metric({ id: "reoffending", unit: "events per 100", kind: "frequency" })],
      cohorts: [{ id: "c0" }, { id: "c1" }, { id: "c2" }, { id: "all" }],
      tranches: ["c0", "c1", "c2"].map((cohort, index) =>
        tranche({
          id: `t-${cohort}`,
          covers: { cohort },
          dueDate: `202${7 + index}-06-30`,
          pricing: own,
          statistics: { baseline: "measurement" },
          fallback: { cohort: "all", dueDate: "2030-06-30", pricing: pooledRule },
        }),
      ),
    });
    const cohortArb = fc.record({
      events: fc.integer({ min: 20, max: 80 }),
      comparisonEvents: fc.integer({ min: 40, max: 80 }),
    });
    fc.assert(
      fc.property(
        fc.tuple(cohortArb, cohortArb, cohortArb),
        fc.constantFrom("2029-12-31", "2030-12-31"),
        (cohorts, asOf) => {
          const measurements = cohorts.map(({ events, comparisonEvents }) =>
            measure({
              estimator: "comparison",
              better: "lower",
              treatment: { outcome: "count", events, exposure: 100 },
              comparison: { outcome: "count", events: comparisonEvents, exposure: 100 },
            }),
          );
          const pooled = poolCohorts(measurements.map((measurement, index) => ({ label: `c${index}`, measurement })));
          const event = (m: Measurement, id: string, cohort: string) =>
            measurementEvent(m, {
              id,
              metric: "reoffending",
              cohort,
              status: "verified",
              verifier: "evaluator",
              recordedAt: "2027-01-15",
            });
          const events = [
            ...measurements.map((m, index) => event(m, `r${index}`, `c${index}`)),
            event(pooled, "r-all", "all"),
          ];
          const settlement = settleJson(contract, events, asOf);
          let total = 0;
          measurements.forEach((m, index) => {
            const t = trancheOf(settlement, `t-c${index}`);
            const clearsOwn = -m.effect / m.counterfactual! >= 0.1 - 1e-12;
            const fellBack = t.trace.some((step) => step.kind === "cohort-fallback");
            expect(fellBack).toBe(!clearsOwn);
            const earned = t.amountEarned === null ? 0 : Number(t.amountEarned.amount);
            expect([0, 600, 1000]).toContain(earned);
            if (clearsOwn) expect(earned).toBe(1000);
            // paid on the pool: earned once the pooled result is verified, payable from the fallback's due date
            else if (earned > 0 && asOf < "2030-06-30") expect(t.reason).toContain("payable from 2030-06-30");
            total += earned;
          });
          expect(Number(settlement.totals.earned.amount)).toBe(total);
          expect(total).toBeLessThanOrEqual(3000);
        },
      ),
      { numRuns: 60 },
    );
  });
});
