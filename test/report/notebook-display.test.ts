import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  explain,
  explainMeasurement,
  measure,
  parseContract,
  parseEvents,
  settle,
  simulate,
  simulationTable,
} from "../../src/index.js";
import { JUPYTER_DISPLAY, type NotebookBundle } from "../../src/index.js";
import { withNotebookDisplay } from "../../src/util/notebook.js";

/** What a notebook kernel does: call the value's display method. */
const shownBy = (value: object): NotebookBundle =>
  (value as unknown as Record<symbol, () => NotebookBundle>)[JUPYTER_DISPLAY]!();

/**
 * The notebook displays of the results (Deno's Jupyter kernel calls `value[Symbol.for("Jupyter.display")]()`): each
 * returns HTML and text holding the result's figures; attached before freezing, the method leaves the result's
 * JSON, keys and spread copies as they were.
 */

const example = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));
const fis = parseContract(example("fis-dispersione/contract.json"));
const events = parseEvents(example("fis-dispersione/events.json"), { contract: fis });

describe("notebook displays", () => {
  it("the key is the one Deno's kernel looks for", () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
  });

  it("a settlement: explain's text, as HTML and as text; its totals without the derivation", () => {
    const settlement = settle(fis, events, { asOf: "2028-03-31" });
    const shown = shownBy(settlement);
    expect(shown["text/plain"]).toBe(explain(settlement));
    expect(shown["text/html"]).toContain(settlement.totals.paid.amount.replace(/\B(?=(\d{3})+\.)/g, ","));
    const figures = settle(fis, events, { asOf: "2028-03-31", explain: false });
    expect(shownBy(figures)["text/plain"]).toContain(`paid: ${figures.totals.paid.amount} EUR`);
  });

  it("a simulation and a measurement: their tables and texts", () => {
    const investors = parseContract(example("fis-investors/contract.json"));
    const result = simulate(investors, {
      runs: 50,
      seed: 3,
      results: [{ metric: "dropout-rate", distribution: { type: "triangular", min: 15, mode: 17.5, max: 20.5 } }],
    });
    expect(shownBy(result)["text/plain"]).toBe(simulationTable(result));
    const measured = measure({
      estimator: "comparison",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n: 600, successes: 51 },
      comparison: { outcome: "binary", n: 650, successes: 91 },
    });
    const shown = shownBy(measured);
    expect(shown["text/plain"]).toBe(explainMeasurement(measured));
    expect(shown["text/html"].startsWith('<pre class="pay-by-results">')).toBe(true);
  });

  it("attached before freezing, the method is invisible to JSON, keys and spreading", () => {
    const value = { total: { amount: "1.00", currency: "EUR" } };
    const json = JSON.stringify(value);
    const frozen = Object.freeze(withNotebookDisplay(value, "settlement"));
    expect(JSON.stringify(frozen)).toBe(json);
    expect(Object.keys(frozen)).toEqual(["total"]);
    expect(Object.getOwnPropertySymbols({ ...frozen })).toEqual([]);
    const settlement = settle(fis, events, { asOf: "2028-03-31" });
    expect(JSON.stringify(settlement)).toBe(JSON.stringify({ ...settlement }));
    expect(Object.getOwnPropertyDescriptor(settlement, JUPYTER_DISPLAY)?.enumerable).toBe(false);
  });
});
