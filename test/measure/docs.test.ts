import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { measure, measurementEvent } from "../../src/index.js";

/** docs/measurement.md shows a real result event: the one `measurementEvent` writes for its example. */
describe("docs/measurement.md", () => {
  it("its result event is exactly what measurementEvent records for the example", () => {
    const text = readFileSync(new URL("../../docs/measurement.md", import.meta.url), "utf8");
    const shown = /```json\n(\{\n {2}"type": "result"[\s\S]*?)```/.exec(text)?.[1];
    expect(shown).toBeDefined();
    const m = measure({
      estimator: "comparison",
      better: "lower",
      scale: 100,
      treatment: { outcome: "binary", n: 600, successes: 51 },
      comparison: { outcome: "binary", n: 650, successes: 91 },
    });
    const event = measurementEvent(m, {
      id: "r1",
      metric: "dropout",
      period: "as-2026-27",
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2027-10-15",
    });
    expect(JSON.parse(shown!)).toEqual(event);
  });
});
