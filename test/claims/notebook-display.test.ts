import { describe, expect, it } from "vitest";
import {
  claimSettlementJsonChunks,
  explainClaims,
  parseContract,
  settleClaims,
  type ClaimSettlement,
} from "../../src/index.js";
import { cardContractJson, claim, rateCard } from "./support.js";

/**
 * Rich display in notebooks: a claims settlement has a `Symbol.for("Jupyter.display")` method (Deno's Jupyter
 * kernel protocol) that returns HTML and text with its totals, and that changes nothing of its data: not its JSON,
 * not its keys, not a copy made by spreading.
 */

const DISPLAY = Symbol.for("Jupyter.display");
const contract = parseContract(cardContractJson(rateCard()));
const claims = [
  claim("ENTRY", "2013-02-10", { id: "entry" }),
  claim("SUST", "2013-05-10", { id: "sust" }),
  claim("ATT", "2010-01-01", { id: "early" }),
];
type Displayed = ClaimSettlement & { [DISPLAY]: () => { "text/html": string; "text/plain": string } };
const decoder = new TextDecoder();

describe("a claims settlement in a notebook", () => {
  for (const keepDecisions of [true, false])
    it(`shows its totals as HTML and text (keepDecisions: ${keepDecisions})`, () => {
      const settlement = settleClaims(contract, claims, { asOf: "2015-09-30", keepDecisions }) as Displayed;
      const shown = settlement[DISPLAY]();
      expect(Object.keys(shown)).toEqual(["text/html", "text/plain"]);
      expect(shown["text/plain"]).toBe(explainClaims(settlement));
      expect(shown["text/html"]).toMatch(/^<pre class="pay-by-results">[^<]*<\/pre>$/);
      expect(shown["text/html"]).toContain("5,500.00");
      expect(settlement.total.amount).toBe("5500.00");
    });

  it("changes nothing of the data: JSON, keys, a spread copy, and the JSON written in pieces", () => {
    const settlement = settleClaims(contract, claims, { asOf: "2015-09-30" }) as Displayed;
    expect(Object.isFrozen(settlement)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(settlement, DISPLAY)?.enumerable).toBe(false);
    expect(Object.keys(settlement)).not.toContain(DISPLAY);
    expect(Object.getOwnPropertySymbols({ ...settlement })).toEqual([]);
    const json = JSON.stringify(settlement, null, 2);
    expect(json).toBe(JSON.stringify({ ...settlement }, null, 2));
    let chunks = "";
    for (const chunk of claimSettlementJsonChunks(settlement)) chunks += decoder.decode(chunk);
    expect(chunks).toBe(json);
  });

  it("escapes the contract's own text in its HTML", () => {
    const card = rateCard();
    const outcomes = card.outcomes.map((outcome) =>
      outcome.code === "ENTRY" ? { ...outcome, name: "a<b>&c" } : outcome,
    );
    const named = parseContract(cardContractJson({ ...card, outcomes }));
    const shown = (settleClaims(named, claims, { asOf: "2015-09-30" }) as Displayed)[DISPLAY]();
    expect(shown["text/html"]).toContain("a&lt;b&gt;&amp;c");
    expect(shown["text/plain"]).toContain("a<b>&c");
  });
});
