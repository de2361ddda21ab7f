import { describe, expect, it } from "vitest";
import {
  ArgumentError,
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
import { distributionSpec, drawDistributionSvg } from "../../src/report/charts/distribution.js";
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
/** The same settlement with every amount of 1,500.00 replaced by `amount`: built by hand, so no report takes it. */
const withAmount = (amount: string): Settlement =>
  JSON.parse(JSON.stringify(settlement).replaceAll('"1500.00"', JSON.stringify(amount)));
/** The largest amount `settle` computes in euros (10^15 − 1 cents), earned on a contract with no cap. */
const LARGEST = "9999999999999.99";
const uncapped = parseContract(json);
const largest = settle(
  uncapped,
  parseEvents(
    [
      {
        type: "result",
        id: "r1",
        metric: "outcome",
        period: "p-t1",
        value: LARGEST,
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2011-01-01",
      },
    ],
    { contract: uncapped },
  ),
  { asOf: "2012-12-31" },
);
/** The code and path of the ArgumentError a call throws. */
const argumentError = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ArgumentError);
    return (error as ArgumentError).issues.map((found) => [found.code, found.at]);
  }
  throw new Error("expected an ArgumentError");
};

describe("reports format any amount exactly", () => {
  it("money of 400 digits, in English and Italian: every digit, grouped, no ∞", () => {
    expect(reportStyle("en", "EUR").money(`${NINES}.5`)).toBe(`€${grouped(NINES, ",")}.50`);
    expect(reportStyle("it", "EUR").money(`-${NINES}`)).toBe(`-${grouped(NINES, ".")},00\u00a0€`);
    expect(reportStyle("en", "JPY").money("-1234567")).toBe("-JP¥1,234,567");
    expect(reportStyle("it", "EUR").num("1234.5")).toBe("1.234,5");
  });

  it("HTML and Markdown of the largest amount settle computes show every digit, with no NaN or ∞", () => {
    expect(largest.tranches[0]!.amountEarned?.amount).toBe(LARGEST);
    const html = renderHtml(largest, { contract: uncapped });
    const markdown = renderMarkdown(largest, { contract: uncapped, locale: "it" });
    for (const text of [html, markdown]) expect(text).not.toMatch(/NaN|Infinity|∞|null/);
    expect(html).toContain("€9,999,999,999,999.99");
    expect(markdown).toContain("9.999.999.999.999,99\u00a0€");
  });

  it("a settlement with 400-digit amounts written by hand is no settlement: the reports refuse it", () => {
    const big = withAmount(`${NINES}.00`);
    expect(argumentError(() => renderHtml(big, { contract }))).toEqual([["not_a_settlement", "$.settlement"]]);
    expect(argumentError(() => renderMarkdown(big))).toEqual([["not_a_settlement", "$.settlement"]]);
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
    // no simulation reaches such amounts: the drawing itself is checked, on a summary written by hand
    const money = (amount: string) => ({ amount, currency: "EUR" });
    const summary = {
      mean: money(`${NINES}.00`),
      min: money("0.00"),
      max: money(`${NINES}.00`),
      percentiles: [{ p: 50, amount: money(`${NINES}.00`) }],
    };
    const words = { title: "t", amount: "EUR", mean: "mean" };
    const svg = drawDistributionSvg(summary, reportStyle("en", "EUR"), words);
    expect(svg).not.toMatch(/NaN|Infinity|∞/);
    expect(svg).toContain(`mean €${grouped(NINES, ",")}.00`);
    expect(JSON.stringify(distributionSpec(summary, "EUR"))).not.toContain("null");
    // and the exported functions take only a summary of a simulation
    expect(argumentError(() => distributionSvg(summary, reportStyle("en", "EUR"), words))).toEqual([
      ["not_a_money_summary", "$.summary"],
    ]);
    expect(argumentError(() => distributionVegaLite(summary, "EUR"))).toEqual([["not_a_money_summary", "$.summary"]]);
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

  it("the largest amount settle computes is written as the same number", () => {
    const project = toIndigo(uncapped, largest) as { outcome_payments: { money: { amount: { value: number } } }[] };
    expect(project.outcome_payments[0]!.money.amount.value).toBe(9999999999999.99);
    expect(String(project.outcome_payments[0]!.money.amount.value)).toBe(LARGEST);
  });

  it("a settlement with amounts no settlement has (17 or 400 digits), written by hand, is refused as no settlement", () => {
    for (const amount of ["12345678901234567.89", `${NINES}.00`])
      expect(argumentError(() => toIndigo(contract, withAmount(amount)))).toEqual([
        ["not_a_settlement", "$.settlement"],
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
