import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  explain,
  measure,
  measureCohorts,
  measurementEvent,
  measurementRecord,
  parseContract,
  parseEvents,
  plainTextStyle,
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
