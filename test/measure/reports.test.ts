import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  blend,
  explain,
  measure,
  measureCohorts,
  measurementEvent,
  measurementRecord,
  parseContract,
  parseEvents,
  plainTextStyle,
  poolCohorts,
  renderHtml,
  renderMarkdown,
  reportStyle,
  settle,
} from "../../src/index.js";
import { measurementEn, measurementIt } from "../../src/report/measurement-text.js";
import { generateRecords } from "../../examples/comparison-group/generate-records.js";

/** The comparison-group example through every report: the measurement and the fallback in English and Italian. */

const contract = parseContract(
  JSON.parse(readFileSync(new URL("../../examples/comparison-group/contract.json", import.meta.url), "utf8")),
);
const { cohorts, pooled } = measureCohorts(generateRecords(2010), {
  estimator: "comparison",
  outcome: "count",
  better: "lower",
});
const verifiedOn: Record<string, string> = { c1: "2028-08-15", c2: "2029-08-15", c3: "2030-08-14", all: "2030-08-14" };
const events = parseEvents(
  [
    ...cohorts.map(({ cohort, measurement }) =>
      measurementEvent(measurement, {
        id: `r-${cohort}`,
        metric: "reconvictions",
        cohort,
        status: "verified",
        verifier: "assessor",
        recordedAt: verifiedOn[cohort]!,
      }),
    ),
    measurementEvent(pooled, {
      id: "r-all",
      metric: "reconvictions",
      cohort: "all",
      status: "verified",
      verifier: "assessor",
      recordedAt: verifiedOn.all!,
    }),
  ],
  { contract },
);

describe("reports of measured results", () => {
  it("explain: the pooled cohort pays cohort 2, as the example's README says", () => {
    const settlement = settle(contract, events, { asOf: "2030-12-31" });
    expect(settlement.tranches.map((tranche) => tranche.amountEarned?.amount)).toEqual([
      "359260.00",
      "303406.67",
      "417480.00",
    ]);
    const text = explain(settlement);
    expect(text).toContain("treatment: 440 events over exposure 1,000 → 44 (standard error ≈2.097618)");
    expect(text).toContain(
      "test of no effect: statistic ≈-2.103591, p = ≈0.017707 one-sided (toward lower), ≈0.035414 two-sided",
    );
  });

  it("Italian Markdown: the measurement, the gate and the fallback in Italian, and the reason of a tranche waiting for the pool", () => {
    const waiting = renderMarkdown(
      settle(
        contract,
        events.filter((event) => event.id !== "r-all"),
        { asOf: "2029-12-31" },
      ),
      { locale: "it" },
    );
    expect(waiting).toContain(
      "misurato come gruppo trattato contro gruppo di confronto (esito conteggio di eventi, scala 100, migliore se più basso)",
    );
    expect(waiting).toContain("Soglia di significatività (a una coda)");
    expect(waiting).toContain(
      "Ripiego: la coorte c2 non ha superato la propria regola, quindi è pagata sul risultato aggregato della coorte all (dal 30 settembre 2030), mai su entrambi",
    );
    expect(waiting).toContain(
      "la coorte c2 non ha superato la propria regola ed è pagata sul risultato aggregato della coorte all: scadenza il 30 settembre 2030; reconvictions (coorte all): nessun risultato comunicato",
    );
  });

  it("English HTML carries the same lines", () => {
    const html = renderHtml(settle(contract, events, { asOf: "2030-12-31" }), { locale: "en" });
    expect(html).toContain("measured by pool of cohorts (count outcome, scale 100, lower is better)");
    expect(html).toContain("Fallback: cohort c2 did not clear its own rule");
  });
});

describe("a pooled explanation can be checked by hand: each cohort's value, counterfactual and weight", () => {
  const cohort = (n: number, successes: number, comparisonSuccesses: number) =>
    measure({
      estimator: "comparison",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n, successes },
      comparison: { outcome: "binary", n: 1000, successes: comparisonSuccesses },
    });
  // By hand: c1 120 of 300 = 40% against 450 of 1,000 = 45%, effect −5; c2 44 of 100 = 44% against 46%, effect −2.
  // Weighted by treated participants: 300/400 = 75% and 100/400 = 25%, so
  //   value 0.75 × 40 + 0.25 × 44 = 30 + 11 = 41, counterfactual 0.75 × 45 + 0.25 × 46 = 33.75 + 11.5 = 45.25,
  //   effect 0.75 × −5 + 0.25 × −2 = −3.75 − 0.5 = −4.25 = 41 − 45.25; relative −4.25 / 45.25 = −9.392265%.
  // Standard errors: c1 √(0.4 × 0.6/300 + 0.45 × 0.55/1000) × 100 = √0.0010475 × 100 = 3.236510,
  //   c2 √(0.44 × 0.56/100 + 0.46 × 0.54/1000) × 100 = √0.0027124 × 100 = 5.208071,
  //   pooled √((0.75 × 3.236510)² + (0.25 × 5.208071)²) = √(5.892188 + 1.695250) = √7.587438 = 2.754530.
  const record = measurementRecord(
    poolCohorts([
      { label: "cohort c1", measurement: cohort(300, 120, 450) },
      { label: "cohort c2", measurement: cohort(100, 44, 460) },
    ]),
  );

  it("the record carries each part's own value and counterfactual", () => {
    expect(record.parts).toEqual([
      {
        label: "cohort c1",
        weight: "0.75",
        value: "40",
        counterfactual: "45",
        effect: "-5",
        standardError: "3.23651046654",
      },
      {
        label: "cohort c2",
        weight: "0.25",
        value: "44",
        counterfactual: "46",
        effect: "-2",
        standardError: "5.20807066004",
      },
    ]);
    expect(record).toMatchObject({ value: "41", counterfactual: "45.25", effect: "-4.25" });
  });

  it("English: the parts, then the weighted sums of the value, the counterfactual and the effect", () => {
    expect(measurementEn.lines(record, plainTextStyle("GBP")).slice(0, 8)).toEqual([
      "measured by pool of cohorts (binary outcome, scale 100, lower is better)",
      "  cohort c1: weight 75%, value 40 − counterfactual 45 = effect -5 (standard error ≈3.23651)",
      "  cohort c2: weight 25%, value 44 − counterfactual 46 = effect -2 (standard error ≈5.208071)",
      "  pooled value: 75% × 40 + 25% × 44 = 41",
      "  pooled counterfactual: 75% × 45 + 25% × 46 = 45.25",
      "  pooled effect: 75% × -5 + 25% × -2 = -4.25",
      "  effect: value 41 − counterfactual 45.25 = -4.25 (≈-9.392265% of the counterfactual)",
      "  95% confidence interval [≈-9.64878, ≈1.14878], standard error ≈2.75453",
    ]);
  });

  it("Italian: the same lines", () => {
    expect(measurementIt.lines(record, reportStyle("it", "GBP")).slice(0, 7)).toEqual([
      "misurato come aggregazione delle coorti (esito binario, scala 100, migliore se più basso)",
      "  coorte c1: peso 75%, valore 40 − controfattuale 45 = effetto -5 (errore standard ≈3,23651)",
      "  coorte c2: peso 25%, valore 44 − controfattuale 46 = effetto -2 (errore standard ≈5,208071)",
      "  valore aggregato: 75% × 40 + 25% × 44 = 41",
      "  controfattuale aggregato: 75% × 45 + 25% × 46 = 45,25",
      "  effetto aggregato: 75% × -5 + 25% × -2 = -4,25",
      "  effetto: valore 41 − controfattuale 45,25 = -4,25 (≈-9,392265% del controfattuale)",
    ]);
  });

  it("a blend says blended, in both languages", () => {
    // 80% × −5 + 20% × −2 = −4.4; value 0.8 × 40 + 0.2 × 44 = 40.8; counterfactual 0.8 × 45 + 0.2 × 46 = 45.2
    const blended = measurementRecord(
      blend([
        { label: "trial", weight: "80%", measurement: cohort(300, 120, 450) },
        { label: "did", weight: "20%", measurement: cohort(100, 44, 460) },
      ]),
    );
    const english = measurementEn.lines(blended, plainTextStyle("GBP"));
    expect(english).toContain(
      "  trial: weight 80%, value 40 − counterfactual 45 = effect -5 (standard error ≈3.23651)",
    );
    expect(english).toContain("  blended value: 80% × 40 + 20% × 44 = 40.8");
    expect(english).toContain("  blended counterfactual: 80% × 45 + 20% × 46 = 45.2");
    expect(english).toContain("  blended effect: 80% × -5 + 20% × -2 = -4.4");
    expect(measurementIt.lines(blended, reportStyle("it", "GBP"))).toContain(
      "  effetto combinato: 80% × -5 + 20% × -2 = -4,4",
    );
  });

  it("measureCohorts: each pooled part carries its cohort's own recorded value and counterfactual", () => {
    // the comparison-group example's pool, measured at the top of this file
    expect(
      measurementRecord(pooled).parts?.map((part) => [part.label, part.value, part.counterfactual, part.effect]),
    ).toEqual(
      cohorts.map(({ cohort, measurement }) => {
        const own = measurementRecord(measurement);
        return [`cohort ${cohort}`, own.value, own.counterfactual, own.effect];
      }),
    );
  });

  it("a part with a value but no counterfactual shows its value and effect, and no counterfactual sum", () => {
    const parts = record.parts!.map(({ counterfactual: _, ...part }) => part);
    const lines = measurementEn.lines({ ...record, parts }, plainTextStyle("GBP"));
    expect(lines).toContain("  cohort c1: weight 75%, value 40, effect -5 (standard error ≈3.23651)");
    expect(lines).toContain("  pooled value: 75% × 40 + 25% × 44 = 41");
    expect(lines.some((line) => line.startsWith("  pooled counterfactual"))).toBe(false);
    expect(lines).toContain("  pooled effect: 75% × -5 + 25% × -2 = -4.25");
  });

  it("an old record, whose parts have neither value nor counterfactual, still parses and prints", () => {
    const old = { ...record, parts: record.parts!.map(({ value: _v, counterfactual: _c, ...part }) => part) };
    const [event] = parseEvents([
      {
        type: "result",
        id: "r-all",
        metric: "reconvictions",
        cohort: "all",
        value: "41",
        status: "verified",
        recordedAt: "2030-08-14",
        measurement: old,
      },
    ]);
    const parsed = event?.type === "result" ? event.measurement : undefined;
    expect(parsed?.parts).toEqual(old.parts);
    expect(measurementEn.lines(parsed!, plainTextStyle("GBP")).slice(1, 5)).toEqual([
      "  cohort c1: weight 75%, effect -5 (standard error ≈3.23651)",
      "  cohort c2: weight 25%, effect -2 (standard error ≈5.208071)",
      "  pooled effect: 75% × -5 + 25% × -2 = -4.25",
      "  effect: value 41 − counterfactual 45.25 = -4.25 (≈-9.392265% of the counterfactual)",
    ]);
    expect(measurementIt.lines(parsed!, reportStyle("it", "GBP")).slice(1, 4)).toEqual([
      "  coorte c1: peso 75%, effetto -5 (errore standard ≈3,23651)",
      "  coorte c2: peso 25%, effetto -2 (errore standard ≈5,208071)",
      "  effetto aggregato: 75% × -5 + 25% × -2 = -4,25",
    ]);
  });
});

describe("the method line says which test was used, in English and Italian", () => {
  const methodLine = (lines: readonly string[]) =>
    lines.find((line) => line.startsWith("  method") || line.startsWith("  metodo"));

  it("the exact binomial test chosen because the normal approximation is unsafe", () => {
    const record = measurementRecord(
      measure({
        estimator: "fixed-baseline",
        better: "lower",
        scale: 100,
        baseline: 10,
        treatment: { outcome: "binary", n: 30, successes: 0 },
      }),
    );
    expect(methodLine(measurementEn.lines(record, plainTextStyle("EUR")))).toBe(
      "  method: binomial-exact — exact binomial test (two-sided as R's binom.test: the outcomes no more likely than the one observed), Clopper–Pearson interval; the normal approximation is unsafe here: n·p₀ = 3 < 5",
    );
    expect(methodLine(measurementIt.lines(record, reportStyle("it", "EUR")))).toBe(
      "  metodo: binomial-exact — test binomiale esatto (a due code come binom.test di R: gli esiti non più probabili di quello osservato), intervallo di Clopper–Pearson; qui l'approssimazione normale non è affidabile: n·p₀ = 3 < 5",
    );
    // p-values without a statistic
    expect(measurementEn.lines(record, plainTextStyle("EUR"))).toContain(
      "  test of no effect: p = ≈0.042391 one-sided (toward lower), ≈0.068218 two-sided",
    );
  });

  it("two proportions with Yates's continuity correction, and a t-test's degrees of freedom in Italian", () => {
    const corrected = measurementRecord(
      measure({
        estimator: "comparison",
        better: "lower",
        continuityCorrection: true,
        treatment: { outcome: "binary", n: 40, successes: 8 },
        comparison: { outcome: "binary", n: 40, successes: 17 },
      }),
    );
    expect(corrected.continuityCorrection).toBe("0.025");
    expect(methodLine(measurementIt.lines(corrected, reportStyle("it", "EUR")))).toBe(
      "  metodo: two-proportion-z — test z per due proporzioni (proporzione comune per il test, errore standard non combinato per l'intervallo), con la correzione di continuità di Yates (|effetto| ridotto di 0,025 per il test, intervallo allargato di altrettanto)",
    );
    const welch = measurementRecord(
      measure({
        estimator: "comparison",
        better: "higher",
        treatment: { outcome: "continuous", n: 3, sum: 12, sumOfSquares: 56 },
        comparison: { outcome: "continuous", n: 4, sum: 8, sumOfSquares: 20 },
      }),
    );
    // variances 4 and 4/3 over 3 and 4 participants: (4/3 + 1/3)² / ((4/3)²/2 + (1/3)²/3) = 3 degrees of freedom
    expect(methodLine(measurementIt.lines(welch, reportStyle("it", "EUR")))).toBe(
      "  metodo: welch-t — t di Welch (varianze diverse, Welch–Satterthwaite, 3 gradi di libertà)",
    );
  });
});
