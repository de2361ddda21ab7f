import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  blend,
  distributions,
  measure,
  measureRecords,
  poolCohorts,
  type Measurement,
  type MeasureRequest,
  type ParticipantRecord,
} from "../../src/index.js";

/**
 * Every estimator and distribution function against reference figures computed once by SciPy
 * (test/measure/reference/make_fixtures.py, output committed as fixtures.json), matched to at least 10
 * significant digits: |ours − reference| ≤ 1e-10 × |reference| (exactly 0 where the reference is 0).
 * The two proportions against a fixed baseline ("dropout vs baseline", "employment vs baseline") changed by
 * design when that test became the score test (`one-proportion-z`, R's prop.test): their statistic and
 * p-values now use the baseline's standard error; their interval is the same Wald interval as before.
 *
 * The proportion tests are also checked against R itself (test/measure/reference/make_fixtures_r.R, output
 * committed as fixtures-r.json): binom.test and its Clopper–Pearson interval, prop.test with and without
 * Yates's correction, one and two samples, to 1e-9 relative.
 */

interface Fixtures {
  readonly generatedBy: string;
  readonly distributions: readonly { fn: string; args: number[]; value: number }[];
  readonly estimators: readonly {
    name: string;
    method: string;
    request: MeasureRequest;
    values?: Record<string, number[]>;
    stress?: boolean;
    expected: Record<string, number>;
  }[];
  readonly blend: { parts: { name: string; weight: string }[]; expected: Record<string, number> };
  readonly pool: {
    cohorts: { cohort: string; events: number; exposure: number; cevents: number; cexposure: number }[];
    expected: Record<string, number> & { effects: number[] };
  };
}

const fixtures = JSON.parse(readFileSync(new URL("./reference/fixtures.json", import.meta.url), "utf8")) as Fixtures;

const SIGNIFICANT = 1e-10;

function expectClose(actual: number | undefined, expected: number, what: string, relative = SIGNIFICANT): void {
  expect(actual, what).toBeTypeOf("number");
  const tolerance = expected === 0 ? 1e-14 : Math.abs(expected) * relative;
  if (!(Math.abs(actual! - expected) <= tolerance)) {
    throw new Error(
      `${what}: got ${actual}, SciPy says ${expected} (relative error ${Math.abs(actual! - expected) / Math.abs(expected)})`,
    );
  }
}

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
  logGamma: distributions.logGamma,
  normalCdf: distributions.normalCdf,
  normalQuantile: distributions.normalQuantile,
  studentTCdf: distributions.studentTCdf,
  studentTQuantile: distributions.studentTQuantile,
  gammaLower: (a, x) => distributions.incompleteGamma(a!, x!).lower,
  gammaUpper: (a, x) => distributions.incompleteGamma(a!, x!).upper,
  betaLower: (x, a, b) => distributions.incompleteBeta(x!, a!, b!).lower,
  poissonCdf: distributions.poissonCdf,
  poissonSfInclusive: distributions.poissonSfInclusive,
  binomialCdf: distributions.binomialCdf,
  binomialSfInclusive: distributions.binomialSfInclusive,
};

/** The measurement's figures under the names the fixtures use. */
function figures(m: Measurement): Record<string, number | undefined> {
  return {
    value: m.value,
    counterfactual: m.counterfactual,
    effect: m.effect,
    relativeEffect: m.relativeEffect,
    standardError: m.standardError,
    statistic: m.statistic,
    degreesOfFreedom: m.degreesOfFreedom,
    lower: m.interval.lower,
    upper: m.interval.upper,
    oneSided: m.pValue?.oneSided,
    twoSided: m.pValue?.twoSided,
  };
}

function expectFigures(m: Measurement, expected: Record<string, number>, name: string, relative = SIGNIFICANT): void {
  const ours = figures(m);
  for (const [key, value] of Object.entries(expected)) expectClose(ours[key], value, `${name}: ${key}`, relative);
}

describe(`distribution functions match SciPy (${fixtures.generatedBy}) to 10 significant digits`, () => {
  for (const { fn, args, value } of fixtures.distributions) {
    it(`${fn}(${args.join(", ")}) = ${value}`, () => {
      expectClose(FUNCTIONS[fn]!(...args), value, `${fn}(${args.join(", ")})`);
    });
  }
});

describe("estimators match the reference figures to 10 significant digits", () => {
  for (const { name, method, request, expected } of fixtures.estimators.filter((entry) => entry.stress !== true)) {
    it(`${name} (${method})`, () => {
      const m = measure(request);
      expect(m.method).toBe(method);
      expectFigures(m, expected, name);
    });
  }

  it("participant records give the same figures as their aggregates (Welch and one-sample t, DiD of means)", () => {
    const withValues = fixtures.estimators.filter((entry) => entry.values !== undefined && entry.stress !== true);
    expect(withValues.length).toBeGreaterThanOrEqual(4);
    for (const { name, request, values, expected } of withValues) {
      const records: ParticipantRecord[] = [];
      if (request.estimator === "difference-in-differences") {
        const cells = {
          tb: ["treatment", "before"],
          ta: ["treatment", "after"],
          cb: ["comparison", "before"],
          ca: ["comparison", "after"],
        } as const;
        for (const [key, [group, period]] of Object.entries(cells))
          for (const value of values![key]!) records.push({ group, period, value });
        expectFigures(
          measureRecords(records, {
            estimator: request.estimator,
            outcome: "continuous",
            better: request.better,
            periods: { before: "before", after: "after" },
          }),
          expected,
          name,
        );
      } else {
        for (const value of values!.treatment!) records.push({ group: "treatment", value });
        for (const value of values!.comparison ?? []) records.push({ group: "comparison", value });
        const baseline = request.estimator === "fixed-baseline" ? { baseline: request.baseline } : {};
        expectFigures(
          measureRecords(records, {
            estimator: request.estimator,
            outcome: "continuous",
            better: request.better,
            ...baseline,
          }),
          expected,
          name,
        );
      }
    }
  });

  it("aggregates of sums lose digits when the mean is large against the spread; records do not", () => {
    // Σx² − (Σx)²/n cancels about log10((mean/sd)²) ≈ 10 digits here: documented, and why records are summed as
    // deviations from their first value. Means of 100,000 differing by 0.2 leave any double computation (SciPy's
    // included) about 11 good digits of the effect, so the records are held to 9 here.
    const stress = fixtures.estimators.find((entry) => entry.stress === true)!;
    const fromSums = measure(stress.request);
    expect(
      Math.abs(fromSums.standardError - stress.expected.standardError!) / stress.expected.standardError!,
    ).toBeLessThan(1e-6);
    const records: ParticipantRecord[] = [
      ...stress.values!.treatment!.map((value) => ({ group: "treatment" as const, value })),
      ...stress.values!.comparison!.map((value) => ({ group: "comparison" as const, value })),
    ];
    expectFigures(
      measureRecords(records, { estimator: "comparison", outcome: "continuous", better: "higher" }),
      stress.expected,
      stress.name,
      1e-9,
    );
  });

  it("a blend of 80% trial and 20% difference-in-differences", () => {
    const parts = fixtures.blend.parts.map((part) => ({
      weight: part.weight,
      measurement: measure(fixtures.estimators.find((entry) => entry.name === part.name)!.request),
    }));
    const m = blend(parts);
    expect(m.method).toBe("combined-z");
    expectFigures(m, fixtures.blend.expected, "blend");
  });

  it("a pool of three cohorts weighted by participants", () => {
    const parts = fixtures.pool.cohorts.map((c) => ({
      label: c.cohort,
      weight: c.exposure,
      measurement: measure({
        estimator: "comparison",
        better: "lower",
        treatment: { outcome: "count", events: c.events, exposure: c.exposure },
        comparison: { outcome: "count", events: c.cevents, exposure: c.cexposure },
      }),
    }));
    parts.forEach((part, index) =>
      expectClose(part.measurement.effect, fixtures.pool.expected.effects[index]!, `cohort ${part.label}`),
    );
    const { effects, ...expected } = fixtures.pool.expected;
    expect(effects).toHaveLength(3);
    expectFigures(poolCohorts(parts), expected, "pool");
  });
});

interface RFixtures {
  readonly generatedBy: string;
  readonly binomial: readonly {
    x: number;
    n: number;
    p: number;
    confidence: number;
    twoSided: number;
    less: number;
    greater: number;
    lower: number;
    upper: number;
  }[];
  readonly oneProportion: readonly {
    x: number;
    n: number;
    p: number;
    correct: boolean;
    statistic: number;
    twoSided: number;
    less: number;
    greater: number;
  }[];
  readonly twoProportions: readonly {
    x1: number;
    n1: number;
    x2: number;
    n2: number;
    correct: boolean;
    statistic: number;
    twoSided: number;
    less: number;
    greater: number;
    lower: number;
    upper: number;
  }[];
}

const rFixtures = JSON.parse(
  readFileSync(new URL("./reference/fixtures-r.json", import.meta.url), "utf8"),
) as RFixtures;

const R_RELATIVE = 1e-9;

/**
 * As `expectClose`, to 1e-9 relative and naming R. `absolute` is a floor for figures R computes as a difference
 * that is 0 in exact arithmetic: prop.test's corrected X-squared of 20/40 against 20/41 is 7.7e-31, ours 0.
 */
function expectR(actual: number | undefined, expected: number, what: string, absolute = 0): void {
  expect(actual, what).toBeTypeOf("number");
  const tolerance = Math.max(Math.abs(expected) * R_RELATIVE, expected === 0 ? 1e-15 : absolute);
  if (!(Math.abs(actual! - expected) <= tolerance)) {
    throw new Error(
      `${what}: got ${actual}, R says ${expected} (relative error ${Math.abs(actual! - expected) / Math.abs(expected)})`,
    );
  }
}

describe(`the proportion tests match R (${rFixtures.generatedBy}) to 1e-9 relative`, () => {
  it("binom.test: the exact binomial test and the Clopper–Pearson interval, from the distributions", () => {
    expect(rFixtures.binomial.length).toBeGreaterThanOrEqual(20);
    for (const c of rFixtures.binomial) {
      const name = `binom.test(${c.x}, ${c.n}, ${c.p}), ${c.confidence}`;
      const test = distributions.binomialTest(c.x, c.n, c.p);
      expectR(test.twoSided, c.twoSided, `${name}: two-sided`);
      expectR(test.below, c.less, `${name}: less`);
      expectR(test.above, c.greater, `${name}: greater`);
      const interval = distributions.clopperPearson(c.x, c.n, c.confidence);
      expectR(interval.lower, c.lower, `${name}: lower`);
      expectR(interval.upper, c.upper, `${name}: upper`);
    }
  });

  it("binom.test through measure: a proportion against a fixed baseline with test exact (scale 100)", () => {
    for (const c of rFixtures.binomial) {
      for (const better of ["lower", "higher"] as const) {
        const name = `measure ${c.x} of ${c.n} against ${c.p}, ${better} is better`;
        const m = measure({
          estimator: "fixed-baseline",
          better,
          scale: 100,
          baseline: c.p * 100,
          confidence: c.confidence,
          test: "exact",
          treatment: { outcome: "binary", n: c.n, successes: c.x },
        });
        expect(m.method).toBe("binomial-exact");
        expectR(m.pValue!.oneSided, better === "lower" ? c.less : c.greater, `${name}: one-sided`);
        expectR(m.pValue!.twoSided, c.twoSided, `${name}: two-sided`);
        // the interval of the effect is the proportion's, in percent, less the baseline
        expectR(m.interval.lower + c.p * 100, c.lower * 100, `${name}: lower`);
        expectR(m.interval.upper + c.p * 100, c.upper * 100, `${name}: upper`);
      }
    }
  });

  it("prop.test, one sample: the score test, with and without Yates's correction", () => {
    expect(rFixtures.oneProportion.filter((c) => c.correct)).toHaveLength(rFixtures.oneProportion.length / 2);
    for (const c of rFixtures.oneProportion) {
      for (const better of ["lower", "higher"] as const) {
        const name = `prop.test(${c.x}, ${c.n}, ${c.p}, correct = ${c.correct}), ${better} is better`;
        const m = measure({
          estimator: "fixed-baseline",
          better,
          baseline: c.p,
          test: "normal",
          continuityCorrection: c.correct,
          treatment: { outcome: "binary", n: c.n, successes: c.x },
        });
        expect(m.method).toBe("one-proportion-z");
        expectR(m.statistic! ** 2, c.statistic, `${name}: X-squared`);
        expectR(m.pValue!.twoSided, c.twoSided, `${name}: two-sided`);
        expectR(m.pValue!.oneSided, better === "lower" ? c.less : c.greater, `${name}: one-sided`);
      }
    }
  });

  it("prop.test, two samples: the pooled z-test, with and without Yates's correction, and its interval", () => {
    for (const c of rFixtures.twoProportions) {
      for (const better of ["lower", "higher"] as const) {
        const name = `prop.test(c(${c.x1}, ${c.x2}), c(${c.n1}, ${c.n2}), correct = ${c.correct}), ${better} is better`;
        const m = measure({
          estimator: "comparison",
          better,
          continuityCorrection: c.correct,
          treatment: { outcome: "binary", n: c.n1, successes: c.x1 },
          comparison: { outcome: "binary", n: c.n2, successes: c.x2 },
        });
        expect(m.method).toBe("two-proportion-z");
        expectR(m.statistic! ** 2, c.statistic, `${name}: X-squared`, 1e-15);
        expectR(m.pValue!.twoSided, c.twoSided, `${name}: two-sided`);
        expectR(m.pValue!.oneSided, better === "lower" ? c.less : c.greater, `${name}: one-sided`);
        // prop.test clips its interval to [−1, 1]; ours is not clipped, so compare where R did not clip
        if (c.lower > -1) expectR(m.interval.lower, c.lower, `${name}: lower`);
        if (c.upper < 1) expectR(m.interval.upper, c.upper, `${name}: upper`);
      }
    }
  });
});
