import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainCashFlows, parseContract, runScenarios, type Contract } from "../../src/index.js";
import { basisWords } from "../../src/finance/basis-words.js";
import type { WaterfallStepRecord } from "../../src/finance/finance-steps.js";
import { plainMarks } from "../../src/report/style.js";

/**
 * The waterfall records how each step computed what it owed as figures (`basisFigures`), and the words are written
 * from them in one place: the record's English `basis`, and the texts in English and Italian.
 */

const json = JSON.parse(
  readFileSync(new URL("../../examples/fis-investors/contract.json", import.meta.url), "utf8"),
) as Contract & { finance: { waterfall: { steps: unknown[] } } };
// the example's waterfall (principal and a 4% return for the bank, principal and a 6% return capped at 25,000.00 for
// the investor), with a management fee and a performance fee after it
const contract = parseContract({
  ...json,
  finance: {
    ...json.finance,
    waterfall: {
      ...json.finance.waterfall,
      steps: [
        ...json.finance.waterfall.steps,
        { type: "management-fee", party: "coop", rate: "1.5%" },
        { type: "performance-fee", party: "coop", share: "0.2" },
      ],
    },
  },
});
const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
const [outcome] = runScenarios(
  contract,
  [{ name: "good", results: years.map((period) => ({ metric: "dropout-rate", period, value: "15.0" })) }],
  { discountRate: "4%" },
);
const steps = outcome!.cashFlows!.steps.filter((step): step is WaterfallStepRecord => step.kind === "waterfall-step");

describe("the waterfall's basis, recorded as figures", () => {
  it("every step type is reached, so that each basis is checked", () => {
    expect(new Set(steps.map((step) => step.type))).toEqual(
      new Set(["principal", "return", "management-fee", "performance-fee", "excess"]),
    );
  });

  it("each record carries its step's figures, read from the contract", () => {
    const firstDraw = contract.finance!.investors.flatMap((investor) => investor.drawdowns.map((draw) => draw.date));
    const from = firstDraw.sort()[0]!;
    for (const step of steps) {
      const expected =
        step.type === "excess"
          ? { rule: "excess" }
          : step.step === 0 || step.step === 2
            ? { rule: "principal" }
            : step.step === 1
              ? { rule: "return", irr: "4%" }
              : step.step === 3
                ? { rule: "return", irr: "6%", cap: "25000.00" }
                : step.step === 4
                  ? { rule: "management-fee", rate: "1.5%", from }
                  : { rule: "performance-fee", share: "0.2" };
      expect(step.basisFigures).toEqual(expected);
    }
  });

  it("the record's English basis is the words of its figures, as the texts write them", () => {
    const english = explainCashFlows(outcome!.cashFlows!);
    for (const step of steps) {
      expect(step.basis).toBe(basisWords(step.basisFigures, "en"));
      expect(english).toContain(`(${step.basis})`);
    }
    expect(english).toContain(
      "(the return that brings the IRR to 6% (annual, compounded, actual/365), less what was paid; at most 25,000.00 in total over the contract)",
    );
  });

  it("the Italian text words every basis from the figures, with Italian marks and no English", () => {
    const italian = explainCashFlows(outcome!.cashFlows!, { locale: "it" });
    for (const step of steps) {
      expect(italian).toContain(`(${basisWords(step.basisFigures, "it", (text) => plainMarks(text, "it"))})`);
      expect(italian).not.toContain(step.basis);
    }
    expect(italian).toContain("al più 25.000,00 in totale sul contratto");
    expect(italian).toContain("1,5% annuo degli impegni, maturato giorno per giorno (giorni effettivi/365) dal ");
    expect(italian).toContain("(0,2 di quanto resta in cassa)");
    expect(italian).not.toMatch(/\b(the|less|what|left|pool|capital|drawn|return|commitments)\b/);
  });

  it("the JSON of a step carries the figures beside the sentence", () => {
    const copy = JSON.parse(JSON.stringify(steps.find((step) => step.type === "performance-fee")));
    expect(copy.basisFigures).toEqual({ rule: "performance-fee", share: "0.2" });
    expect(copy.basis).toBe("0.2 of what is left in the pool");
  });
});
