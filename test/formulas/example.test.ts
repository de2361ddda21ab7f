import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  explain,
  parseContract,
  parseEvents,
  paymentCurve,
  renderHtml,
  renderMarkdown,
  settle,
  termsInForce,
} from "../../src/index.js";

/** The health-financing example settles to the figures its README checks by hand. */

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/health-pbf/${name}`, import.meta.url), "utf8"));

describe("examples/health-pbf", () => {
  const contract = parseContract(read("contract.json"));
  const settlement = settle(contract, parseEvents(read("events.json"), { contract }), { asOf: "2027-12-31" });

  it("settles each quarter to the hand-checked amount", () => {
    expect(settlement.tranches.map((tranche) => [tranche.id, tranche.amountEarned?.amount])).toEqual([
      ["q1", "752.00"], // 96 × 7.50 + 16 × 2
      ["q2", "908.32"], // 104 × 7.50 × 1.144 + 8 × 2
      ["q3", "1195.60"], // 121 × 8.00 × 1.2 + 17 × 2, under amendment A1
    ]);
    expect(settlement.totals.balance.amount).toBe("2103.92");
  });

  it("says which terms were in force", () => {
    expect(termsInForce(contract, "2027-Q3", { asOf: "2027-12-31" }).terms.parameters?.bonusRate).toBe("25%");
    expect(termsInForce(contract, "2027-Q2", { asOf: "2027-12-31" }).terms.parameters?.bonusRate).toBe("20%");
    const text = explain(settlement);
    expect(text).toContain("Terms in force: as amended by A1 (agreed 2027-06-15, effective from 2027-07-01");
    expect(text).toContain('table price ["anc4","north","health-centre"]: row 4 gives 8');
    expect(text).toContain('metric["anc4-visits"] (period 2027-Q2) = 104');
  });

  it("the Italian report says the same: the formula, the values it read, the table row and the amended terms", () => {
    const report = renderMarkdown(settlement, { locale: "it" });
    expect(report).toContain(
      'Regola (formula): metric["anc4-visits"] * visitPrice * (1 + qualityBonus) + growth * growthPrice = ',
    );
    expect(report).toContain('tabella price ["anc4","north","health-centre"]: la riga 4 dà 8');
    expect(report).toContain("Condizioni in vigore: come modificate da A1");
    // A formula has no payment curve over one metric: the HTML report has the steps and no chart.
    expect(paymentCurve(contract, "q1", settlement.tranches[0])).toBeUndefined();
    expect(renderHtml(settlement, { locale: "it", contract })).toContain("Regola (formula)");
  });
});
