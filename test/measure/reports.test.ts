import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  explain,
  measureCohorts,
  measurementEvent,
  parseContract,
  parseEvents,
  renderHtml,
  renderMarkdown,
  settle,
} from "../../src/index.js";
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
