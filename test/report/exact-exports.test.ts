import { describe, expect, it } from "vitest";
import {
  distributionSvg,
  distributionVegaLite,
  OptionsError,
  paymentCurve,
  paymentCurveSvg,
  paymentCurveVegaLite,
  parseContract,
  parseEvents,
  renderHtml,
  renderMarkdown,
  reportStyle,
  settle,
  toIndigo,
  type Settlement,
} from "../../src/index.js";
import { financeContractJson } from "../finance/finance-builder.js";

/**
 * Exports never write a number that is not the amount: the reports and charts format any amount exactly (no
 * NaN, no ∞, however many digits), and INDIGO, whose schema writes amounts as JSON numbers, refuses an amount a
 * JSON number cannot hold rather than write it rounded or as null.
 */

const NINES = "9".repeat(400);
const grouped = (digits: string, separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
const json = financeContractJson([{ id: "t1", dueDate: "2012-01-31" }], undefined, "EUR");
const contract = parseContract({ ...json, tranches: [{ ...json.tranches[0]!, cap: "1000000.00" }] });
const events = (value: string) =>
  parseEvents(
    [
      {
        type: "result",
        id: "r1",
        metric: "outcome",
        period: "p-t1",
        value,
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2011-01-01",
      },
    ],
    { contract },
  );
const settlement = settle(contract, events("1500"), { asOf: "2012-12-31" });
/** The same settlement with every amount of 1,500.00 replaced by `amount` (a settlement built by hand). */
const withAmount = (amount: string): Settlement =>
  JSON.parse(JSON.stringify(settlement).replaceAll('"1500.00"', JSON.stringify(amount)));

describe("reports format any amount exactly", () => {
  it("money of 400 digits, in English and Italian: every digit, grouped, no ∞", () => {
    expect(reportStyle("en", "EUR").money(`${NINES}.5`)).toBe(`€${grouped(NINES, ",")}.50`);
    expect(reportStyle("it", "EUR").money(`-${NINES}`)).toBe(`-${grouped(NINES, ".")},00\u00a0€`);
    expect(reportStyle("en", "JPY").money("-1234567")).toBe("-JP¥1,234,567");
    expect(reportStyle("it", "EUR").num("1234.5")).toBe("1.234,5");
  });

  it("HTML and Markdown of a settlement with 400-digit amounts show them, with no NaN or ∞", () => {
    const big = withAmount(`${NINES}.00`);
    const html = renderHtml(big, { contract });
    const markdown = renderMarkdown(big, { contract, locale: "it" });
    for (const text of [html, markdown]) expect(text).not.toMatch(/NaN|Infinity|∞|null/);
    expect(html).toContain(`€${grouped(NINES, ",")}.00`);
    expect(markdown).toContain(`${grouped(NINES, ".")},00\u00a0€`);
  });

  it("a payment curve whose amounts pass the range of a double is drawn at its edge, never as NaN or null", () => {
    const huge = settle(contract, events(`${NINES}.5`), { asOf: "2012-12-31" });
    expect(huge.tranches[0]!.amountEarned?.amount).toBe("1000000.00"); // priced beyond the limit, capped below it
    const curve = paymentCurve(contract, "t1", huge.tranches[0])!;
    expect(curve.points.every((point) => Number.isFinite(point.x) && Number.isFinite(point.amount))).toBe(true);
    const svg = paymentCurveSvg(curve, reportStyle("en", "EUR"));
    expect(svg).not.toMatch(/NaN|Infinity|∞/);
    expect(JSON.stringify(paymentCurveVegaLite(curve, "EUR"))).not.toContain("null");
    expect(renderHtml(huge, { contract })).not.toMatch(/NaN|Infinity|∞/);
  });

  it("a distribution chart of amounts beyond the doubles: labels exact, coordinates finite", () => {
    const money = (amount: string) => ({ amount, currency: "EUR" });
    const summary = {
      mean: money(`${NINES}.00`),
      min: money("0.00"),
      max: money(`${NINES}.00`),
      percentiles: [{ p: 50, amount: money(`${NINES}.00`) }],
    };
    const svg = distributionSvg(summary, reportStyle("en", "EUR"), { title: "t", amount: "EUR", mean: "mean" });
    expect(svg).not.toMatch(/NaN|Infinity|∞/);
    expect(svg).toContain(`mean €${grouped(NINES, ",")}.00`);
    expect(JSON.stringify(distributionVegaLite(summary, "EUR"))).not.toContain("null");
  });
});

describe("INDIGO writes amounts as JSON numbers only when they are exact", () => {
  const refusal = (call: () => unknown) => {
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      return (error as OptionsError).issues.map((found) => [found.code, found.at, found.message]);
    }
    throw new Error("expected an OptionsError");
  };

  it("an amount the contract and events may state is written as the same number", () => {
    const project = toIndigo(contract, settlement);
    expect(JSON.stringify(project)).toContain('"amount":{"value":1500}');
  });

  it('"12345678901234567.89" is refused with the reason, not written as 12345678901234568', () => {
    expect(refusal(() => toIndigo(contract, withAmount("12345678901234567.89")))).toEqual([
      [
        "inexact_number",
        "$.settlement.tranches[0].lines[0].earned.amount",
        "INDIGO writes amounts as JSON numbers, which keep about 15 significant digits: 12345678901234567.89 would be written 12345678901234568, and INDIGO's schema has no exact (string) form for it",
      ],
    ]);
  });

  it("a 400-digit amount is refused, not written as null", () => {
    expect(refusal(() => toIndigo(contract, withAmount(`${NINES}.00`)))[0]).toEqual([
      "inexact_number",
      "$.settlement.tranches[0].lines[0].earned.amount",
      "INDIGO writes amounts as JSON numbers, which keep about 15 significant digits: this amount of 403 characters would be written null, and INDIGO's schema has no exact (string) form for it",
    ]);
  });

  it("a price per unit with 20 decimals is refused at its place in the contract", () => {
    const fine = parseContract({
      ...json,
      tranches: [
        { ...json.tranches[0]!, pricing: { ...json.tranches[0]!.pricing, pricePerUnit: "0.12345678901234567891" } },
      ],
    } as never);
    expect(refusal(() => toIndigo(fine, settle(fine, [], { asOf: "2012-12-31" })))).toEqual([
      [
        "inexact_number",
        "$.contract.tranches[0].pricing.pricePerUnit",
        "INDIGO writes amounts as JSON numbers, which keep about 15 significant digits: 0.12345678901234567891 would be written 0.12345678901234568, and INDIGO's schema has no exact (string) form for it",
      ],
    ]);
  });
});
