import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import {
  explain,
  measure,
  measurementEvent,
  poolCohorts,
  renderMarkdown,
  type Contract,
  type Measurement,
  type PricingRule,
  type ResultEvent,
  type StatisticsOptions,
} from "../../src/index.js";
import { contractJson, metric, settleJson, tranche, trancheOf, verified } from "../support/contract-builder.js";

/**
 * Measurements settled end to end: a measured counterfactual as the baseline, the significance gate, the
 * conservative bound, and the Peterborough pattern (a cohort paid on its own result, else on the pool).
 */

const dropoutTrial = measure({
  estimator: "comparison",
  better: "lower",
  scale: 100,
  treatment: { outcome: "binary", n: 600, successes: 51 },
  comparison: { outcome: "binary", n: 650, successes: 91 },
});

const asEvent = (
  m: Measurement,
  id = "r1",
  scope: { period: string } | { cohort: string } = { period: "p1" },
  metricId = "dropout",
) =>
  measurementEvent(m, {
    id,
    metric: metricId,
    ...scope,
    status: "verified",
    verifier: "evaluator",
    recordedAt: "2027-10-15",
  });

function settleDropout(statistics: StatisticsOptions | undefined, events: readonly ResultEvent[]) {
  const contract = contractJson({ tranches: [tranche(statistics === undefined ? {} : { statistics })] });
  const settlement = settleJson(contract, events, "2027-12-31");
  return { settlement, t1: trancheOf(settlement, "t1") };
}

describe("a result event carries its measurement", () => {
  it("the value is the measurement's value, to 12 significant digits", () => {
    const event = asEvent(dropoutTrial);
    // 51/600 = 8.5%; 91/650 = 14%
    expect(event.value).toBe("8.5");
    expect(event.measurement).toMatchObject({
      estimator: "comparison",
      method: "two-proportion-z",
      value: "8.5",
      counterfactual: "14",
      effect: "-5.5",
    });
    // −5.5/14 = −0.392857142857142… → 12 digits
    expect(event.measurement?.relativeEffect).toBe("-0.392857142857");
  });

  it("without statistics options the contract's fixed baseline prices the result, as before", () => {
    const { t1 } = settleDropout(undefined, [asEvent(dropoutTrial)]);
    // baseline 20.0 − 8.5 = 11.5 points × EUR 10,000
    expect(t1.amountEarned?.amount).toBe("115000.00");
  });

  it("explain shows the estimator, the inputs, the effect, the interval, the p-values and the method", () => {
    const { settlement } = settleDropout(undefined, [asEvent(dropoutTrial)]);
    const text = explain(settlement);
    expect(text).toContain(
      "measured by treatment against comparison group (binary outcome, scale 100, lower is better)",
    );
    expect(text).toContain("treatment: 51 of 600 → 8.5");
    expect(text).toContain("comparison: 91 of 650 → 14");
    expect(text).toContain("effect: value 8.5 − counterfactual 14 = -5.5 (≈-39.285714% of the counterfactual)");
    expect(text).toMatch(/95% confidence interval \[≈-8\.977\d*, ≈-2\.022\d*\]/);
    expect(text).toContain(
      "method: two-proportion-z — two-proportion z-test (pooled proportion for the test, unpooled standard error for the interval)",
    );
  });
});

describe("statistics options in pricing", () => {
  it("baseline: measurement prices the improvement against the comparison group", () => {
    const { t1, settlement } = settleDropout({ baseline: "measurement" }, [asEvent(dropoutTrial)]);
    // counterfactual 14 − 8.5 = 5.5 points × EUR 10,000 = 55,000.00 (not 11.5 points against the fixed 20.0)
    expect(t1.amountEarned?.amount).toBe("55000.00");
    expect(t1.trace).toContainEqual({
      kind: "counterfactual",
      metric: "dropout",
      eventId: "r1",
      estimator: "comparison",
      counterfactual: "14",
      contractBaseline: "20.0",
    });
    expect(explain(settlement)).toContain(
      "Counterfactual: dropout is priced against the measured counterfactual 14 (comparison, event r1) instead of the contract's baseline 20",
    );
  });

  it("significance gate met: pays; the step records the p-value and the level", () => {
    const { t1 } = settleDropout({ baseline: "measurement", significance: { level: "5%", test: "one-sided" } }, [
      asEvent(dropoutTrial),
    ]);
    const step = t1.trace.find((entry) => entry.kind === "significance");
    expect(step).toMatchObject({ test: "one-sided", level: "0.05", met: true, effect: "-5.5" });
    expect(Number((step as { pValue: string }).pValue)).toBeLessThan(0.01);
    expect(t1.amountEarned?.amount).toBe("55000.00");
  });

  it("significance gate not met (two-sided p ≈ 0.086 ≥ 5%): pays nothing, and says why", () => {
    const small = measure({
      estimator: "comparison",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n: 30, successes: 4 },
      comparison: { outcome: "binary", n: 28, successes: 9 },
    });
    // one-sided p ≈ 0.043 would pass at 5%; two-sided p ≈ 0.086 does not
    expect(small.pValue!.oneSided).toBeLessThan(0.05);
    expect(small.pValue!.twoSided).toBeGreaterThan(0.05);
    const { t1, settlement } = settleDropout(
      { baseline: "measurement", significance: { level: "5%", test: "two-sided" } },
      [asEvent(small)],
    );
    expect(t1.status).toBe("not-earned");
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(explain(settlement)).toMatch(
      /Significance gate \(two-sided\): p = ≈0\.086\d* < 0\.05 and the effect ≈-18\.809524 is a decrease\? not met: the tranche pays nothing/,
    );
    const oneSided = settleDropout({ baseline: "measurement", significance: { level: "5%", test: "one-sided" } }, [
      asEvent(small),
    ]);
    expect(oneSided.t1.amountEarned?.amount).not.toBe("0.00");
  });

  it("a significant change in the wrong direction never passes a two-sided gate", () => {
    const worse = measure({
      estimator: "comparison",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n: 650, successes: 91 },
      comparison: { outcome: "binary", n: 600, successes: 51 },
    });
    expect(worse.pValue!.twoSided).toBeLessThan(0.01);
    const { t1 } = settleDropout({ baseline: "measurement", significance: { level: "5%", test: "two-sided" } }, [
      asEvent(worse),
    ]);
    expect(t1.trace.find((entry) => entry.kind === "significance")).toMatchObject({ met: false });
    expect(t1.amountEarned?.amount).toBe("0.00");
  });

  it("conservative bound: prices on the interval's upper end (lower is better)", () => {
    const event = asEvent(dropoutTrial);
    const { t1, settlement } = settleDropout({ baseline: "measurement", priceOn: "conservative-bound" }, [event]);
    const upper = event.measurement!.interval.upper; // ≈ −2.0222: the smallest credible reduction
    // priced value = counterfactual 14 + upper; improvement = 14 − value = −upper points × EUR 10,000
    const expected = new Decimal(upper).neg().times(10000).toFixed(2, Decimal.ROUND_HALF_EVEN);
    expect(Number(expected)).toBeGreaterThan(20000);
    expect(Number(expected)).toBeLessThan(20300);
    expect(t1.amountEarned?.amount).toBe(expected);
    expect(explain(settlement)).toMatch(
      /Conservative bound: priced on the 95% interval's end worse for the provider, not the estimate 8\.5: counterfactual 14 \+ effect bound ≈-2\.022\d* = ≈11\.977\d*/,
    );
  });

  it("a result without a measurement pays nothing under statistics options", () => {
    const { t1, settlement } = settleDropout({ significance: { level: "5%", test: "one-sided" } }, [
      verified("r1", "dropout", "p1", "8.5"),
    ]);
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.trace).toContainEqual({
      kind: "missing-measurement",
      metric: "dropout",
      eventId: "r1",
      missing: "measurement",
    });
    expect(explain(settlement)).toContain(
      "No measurement for dropout (event r1): the tranche's statistical options cannot be applied, so it pays nothing",
    );
  });

  it("a level has no counterfactual: pricing against the measurement then pays nothing", () => {
    const level = measure({
      estimator: "level",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n: 600, successes: 51 },
    });
    const { t1 } = settleDropout({ baseline: "measurement" }, [asEvent(level)]);
    expect(t1.trace).toContainEqual({
      kind: "missing-measurement",
      metric: "dropout",
      eventId: "r1",
      missing: "counterfactual",
    });
    expect(t1.amountEarned?.amount).toBe("0.00");
  });

  it("a restatement that only verifies inherits the value and the measurement", () => {
    const reported = measurementEvent(dropoutTrial, {
      id: "r1",
      metric: "dropout",
      period: "p1",
      status: "reported",
      recordedAt: "2027-10-15",
    });
    const verifying: ResultEvent = {
      type: "result",
      id: "r2",
      restates: "r1",
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2027-11-02",
    };
    const { t1 } = settleDropout({ baseline: "measurement" }, [reported, verifying]);
    expect(t1.results[0]).toMatchObject({
      status: "verified",
      value: "8.5",
      eventId: "r2",
      measurement: { counterfactual: "14" },
    });
    expect(t1.amountEarned?.amount).toBe("55000.00");
  });
});

describe("the Peterborough pattern: a cohort paid on its own result, else on the pool at the end", () => {
  const reconvictions = metric({
    id: "reconvictions",
    name: "Reconviction events per 100 released prisoners",
    unit: "events per 100",
    kind: "frequency",
    better: "lower",
    baseline: {
      value: "50",
      period: { start: "2008-01-01", end: "2009-12-31" },
      source: "national comparison 2008-09",
    },
  });
  const own: PricingRule = {
    type: "threshold",
    metric: "reconvictions",
    basis: "relative-improvement",
    threshold: "10%",
    amount: "1000000.00",
  };
  const pooledRule: PricingRule = {
    type: "threshold",
    metric: "reconvictions",
    basis: "relative-improvement",
    threshold: "7.5%",
    amount: "500000.00",
  };
  const cohortTranche = (cohort: string, dueDate: string) =>
    tranche({
      id: `t-${cohort}`,
      covers: { cohort },
      dueDate,
      pricing: own,
      statistics: { baseline: "measurement", significance: { level: "5%", test: "one-sided" } },
      fallback: { cohort: "all", dueDate: "2016-06-30", pricing: pooledRule },
    });
  const contract: Contract = contractJson({
    metrics: [reconvictions],
    cohorts: [{ id: "c1" }, { id: "c2" }, { id: "c3" }, { id: "all", label: "cohorts 1-3 pooled" }],
    tranches: [cohortTranche("c1", "2012-12-31"), cohortTranche("c2", "2013-12-31"), cohortTranche("c3", "2014-12-31")],
  });
  // events per 100: c1 42 vs 50 (−16%), c2 47 vs 49 (−4.1%), c3 45 vs 48 (−6.25%)
  const cohortMeasurement = (events: number, comparisonEvents: number) =>
    measure({
      estimator: "comparison",
      better: "lower",
      treatment: { outcome: "count", events, exposure: 1000 },
      comparison: { outcome: "count", events: comparisonEvents, exposure: 10000 },
    });
  const c1 = cohortMeasurement(420, 5000);
  const c2 = cohortMeasurement(470, 4900);
  const c3 = cohortMeasurement(450, 4800);
  const pooled = poolCohorts([
    { label: "c1", measurement: c1 },
    { label: "c2", measurement: c2 },
    { label: "c3", measurement: c3 },
  ]);
  const at = (m: Measurement, id: string, cohort: string, recordedAt: string) =>
    measurementEvent(m, { id, metric: "reconvictions", cohort, status: "verified", verifier: "evaluator", recordedAt });
  const cohortEvents = [
    at(c1, "r-c1", "c1", "2012-11-30"),
    at(c2, "r-c2", "c2", "2013-11-30"),
    at(c3, "r-c3", "c3", "2014-11-30"),
  ];

  it("pools the cohorts between their effects: value 44.67 against 49 (−8.84%)", () => {
    expect(pooled.effect).toBeCloseTo((-8 - 2 - 3) / 3, 12);
    expect(pooled.relativeEffect).toBeCloseTo(-13 / 3 / 49, 12);
  });

  it("before the pooled result: c1 is paid on its own; c2 and c3 wait for the pool", () => {
    const settlement = settleJson(contract, cohortEvents, "2015-12-31");
    expect(trancheOf(settlement, "t-c1").amountEarned?.amount).toBe("1000000.00");
    const t2 = trancheOf(settlement, "t-c2");
    expect(t2.status).toBe("not-yet-due");
    expect(t2.reason).toBe(
      "cohort c2 did not clear its own rule and is paid on the pooled result of cohort all: due on 2016-06-30; reconvictions (cohort all): no result reported",
    );
    expect(t2.amountEarned).toBeNull();
  });

  it("with the pooled result: c2 and c3 are paid on the pool, c1 is not paid again", () => {
    const settlement = settleJson(contract, [...cohortEvents, at(pooled, "r-all", "all", "2016-05-31")], "2016-07-31");
    expect(trancheOf(settlement, "t-c1").amountEarned?.amount).toBe("1000000.00");
    expect(trancheOf(settlement, "t-c1").trace.some((step) => step.kind === "cohort-fallback")).toBe(false);
    expect(trancheOf(settlement, "t-c2").amountEarned?.amount).toBe("500000.00");
    expect(trancheOf(settlement, "t-c3").amountEarned?.amount).toBe("500000.00");
    expect(settlement.totals.earned.amount).toBe("2000000.00");
    const text = explain(settlement);
    expect(text).toContain(
      "Fallback: cohort c2 did not clear its own rule, so it is paid on the pooled result of cohort all (from 2016-06-30), never on both",
    );
    expect(text).toContain("measured by pool of cohorts");
  });

  it("the pooled result's explanation lists each cohort's value, counterfactual and weight, and the weighted sums", () => {
    const settlement = settleJson(contract, [...cohortEvents, at(pooled, "r-all", "all", "2016-05-31")], "2016-07-31");
    // By hand: the cohorts have 1,000 released each, so each weighs 1/3 (≈33.333333%):
    //   c1 42 − 50 = −8, c2 47 − 49 = −2, c3 45 − 48 = −3 events per 100;
    //   value (42 + 47 + 45)/3 = 134/3 = 44.666…, counterfactual (50 + 49 + 48)/3 = 49, effect −13/3 = −4.333…
    //   = 44.666… − 49; relative −13/3 / 49 = −8.843537%. Standard errors (Poisson, per 100):
    //   c1 √(420/1000² + 5000/10000²)·100 = √(4.2 + 0.5) = √4.7 = 2.167948, c2 √(4.7 + 0.49) = 2.278157,
    //   c3 √(4.5 + 0.48) = 2.231591.
    const english = explain(settlement);
    for (const line of [
      "c1: weight ≈33.333333%, value 42 − counterfactual 50 = effect -8 (standard error ≈2.167948)",
      "c2: weight ≈33.333333%, value 47 − counterfactual 49 = effect -2 (standard error ≈2.278157)",
      "c3: weight ≈33.333333%, value 45 − counterfactual 48 = effect -3 (standard error ≈2.231591)",
      "pooled value: ≈33.333333% × 42 + ≈33.333333% × 47 + ≈33.333333% × 45 = ≈44.666667",
      "pooled counterfactual: ≈33.333333% × 50 + ≈33.333333% × 49 + ≈33.333333% × 48 = 49",
      "pooled effect: ≈33.333333% × -8 + ≈33.333333% × -2 + ≈33.333333% × -3 = ≈-4.333333",
      "effect: value ≈44.666667 − counterfactual 49 = ≈-4.333333 (≈-8.843537% of the counterfactual)",
    ]) {
      expect(english).toContain(`\n        ${line}\n`);
    }
    const italian = renderMarkdown(settlement, { locale: "it" });
    for (const line of [
      "c1: peso ≈33,333333%, valore 42 − controfattuale 50 = effetto -8 (errore standard ≈2,167948)",
      "c3: peso ≈33,333333%, valore 45 − controfattuale 48 = effetto -3 (errore standard ≈2,231591)",
      "valore aggregato: ≈33,333333% × 42 + ≈33,333333% × 47 + ≈33,333333% × 45 = ≈44,666667",
      "controfattuale aggregato: ≈33,333333% × 50 + ≈33,333333% × 49 + ≈33,333333% × 48 = 49",
      "effetto aggregato: ≈33,333333% × -8 + ≈33,333333% × -2 + ≈33,333333% × -3 = ≈-4,333333",
    ]) {
      expect(italian).toContain(line);
    }
  });
});
