import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as library from "../../src/index.js";

/** Runs the README's quick start as written, against the source, so the README cannot drift from the API. */
describe("README quick start", () => {
  it("runs and earns the amount its comment states", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const body = block!
      .replace(/^import .*$/m, "")
      .replace("console.log(explain(settlement));", "logged.push(explain(settlement));");
    const logged: string[] = [];
    const run = new Function("lib", "logged", `const { explain, parseContract, parseEvents, settle } = lib;\n${body}\nreturn settlement;`);
    const settlement = run(library, logged) as library.Settlement;
    // (20.0 − 17.6) / 20.0 = 0.12; (0.12 − 0.05) / 0.10 = 0.7; 120,000 + 0.7 × 120,000 = 204,000
    expect(settlement.tranches[0]?.amountEarned).toEqual({ amount: "204000.00", currency: "EUR" });
    expect(block).toContain('{ amount: "204000.00", currency: "EUR" }');
    expect(logged[0]).toContain("EUR 204,000.00");
  });
});
