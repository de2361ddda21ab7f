import { describe, expect, it } from "vitest";
import { describeValue, quoted } from "../../src/errors/describe-value.js";
import {
  ContractError,
  EventsError,
  parseContract,
  parseEvents,
  safeParseContract,
  safeParseEvents,
  settle,
  type InputIssue,
  type ValidationError,
} from "../../src/index.js";
import { financeContractJson } from "../finance/finance-builder.js";

/**
 * Hardened edges: the largest amount of money the library reads (below 10^15 minor units), checked when a
 * contract or its events are parsed; results that would make a tranche earn more are refused by settle; and
 * messages describe what they received without serialising it.
 */

const summary = (issues: readonly InputIssue[]) => issues.map((found) => [found.code, found.at, found.message]);

function issuesOf(call: () => unknown, kind: new (...args: never[]) => ValidationError): InputIssue[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return [...(error as ValidationError).issues];
  }
  throw new Error(`expected a ${kind.name}`);
}

describe("describeValue: what a message says it received, without serialising it", () => {
  it("names the kind of every value, and never throws", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(
      [5, Number.NaN, Number.POSITIVE_INFINITY, 5n, "5,95", "x".repeat(41), true, null, undefined, Symbol("s")].map(
        describeValue,
      ),
    ).toEqual([
      "the number 5",
      "a number (NaN)",
      "a number (Infinity)",
      "a bigint",
      'the text "5,95"',
      "a string of 41 characters",
      "true",
      "null",
      "undefined",
      "a symbol",
    ]);
    expect([[1, 2], cyclic, Object.create(null), () => 1].map(describeValue)).toEqual([
      "a list",
      "an object",
      "an object",
      "a function",
    ]);
  });

  it("quoted: a short text quoted, a finite number as itself, anything else described", () => {
    expect([quoted("p9"), quoted(2), quoted(Number.NaN), quoted(5n), quoted({})]).toEqual([
      '"p9"',
      "2",
      "a number (NaN)",
      "a bigint",
      "an object",
    ]);
  });

  it("a structural error about a bigint no longer throws while its message is built", () => {
    const json = financeContractJson([{ id: "t1", dueDate: "2012-01-31" }], undefined, "EUR") as unknown as Record<
      string,
      unknown
    >;
    const result = safeParseContract({ ...json, title: 5n });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(summary(result.error.issues)).toEqual([["invalid_type", "$.title", "expected a string, got a bigint"]]);
  });
});

describe("the largest amount: below 10^15 minor units, checked when parsing", () => {
  const tranches = [{ id: "t1", dueDate: "2012-01-31" }];

  it("a 400-digit cap is refused when the contract is parsed, described by its digits", () => {
    const json = financeContractJson(tranches, undefined, "EUR");
    const big = { ...json, tranches: [{ ...json.tranches[0]!, cap: `${"9".repeat(400)}.00` }] };
    expect(summary(issuesOf(() => parseContract(big), ContractError))).toEqual([
      [
        "amount_too_large",
        "$.tranches[0].cap",
        "the tranche cap of 402 digits is too large: an amount in EUR is at most 9999999999999.99 (below 10^15 minor units), the largest every function of the library computes exactly",
      ],
    ]);
  });

  it("the largest amount of each currency is accepted, one minor unit more is not", () => {
    const withCap = (currency: string, cap: string) => {
      const json = financeContractJson(tranches, undefined, currency);
      return safeParseContract({ ...json, tranches: [{ ...json.tranches[0]!, cap }] });
    };
    expect(withCap("EUR", "9999999999999.99").success).toBe(true);
    expect(withCap("JPY", "999999999999999").success).toBe(true);
    expect(withCap("KWD", "999999999999.999").success).toBe(true);
    const refused = withCap("JPY", "1000000000000000");
    expect(refused.success).toBe(false);
    if (!refused.success)
      expect(summary(refused.error.issues)).toEqual([
        [
          "amount_too_large",
          "$.tranches[0].cap",
          "the tranche cap 1000000000000000 is too large: an amount in JPY is at most 999999999999999 (below 10^15 minor units), the largest every function of the library computes exactly",
        ],
      ]);
  });

  it("a commitment of 2.5e23 is refused by parseContract, not met as a RangeError in cashFlows", () => {
    const json = financeContractJson(
      tranches,
      {
        investors: [
          {
            party: "senior",
            commitment: "250000000000000000000000.00",
            fundedParty: "provider",
            drawdowns: [{ date: "2010-01-01", amount: "1000.00" }],
          },
        ],
        waterfall: {
          pool: ["spv"],
          steps: [{ type: "principal", investors: ["senior"] }],
          excess: [{ party: "provider", share: "100%" }],
        },
      },
      "EUR",
    );
    expect(summary(issuesOf(() => parseContract(json), ContractError))).toEqual([
      [
        "amount_too_large",
        "$.finance.investors[0].commitment",
        "the commitment 250000000000000000000000.00 is too large: an amount in EUR is at most 9999999999999.99 (below 10^15 minor units), the largest every function of the library computes exactly",
      ],
    ]);
  });

  it("a payment beyond the largest amount is refused when the events are parsed", () => {
    const contract = parseContract(financeContractJson(tranches, undefined, "EUR"));
    const result = safeParseEvents(
      [
        {
          type: "payment",
          id: "p1",
          tranche: "t1",
          payer: "city",
          recipient: "spv",
          amount: "12345678901234567.89",
          paidOn: "2012-02-01",
        },
      ],
      { contract },
    );
    expect(result.success).toBe(false);
    if (!result.success)
      expect(summary(result.error.issues)).toEqual([
        [
          "amount_too_large",
          "$[0].amount",
          "the payment 12345678901234567.89 is too large: an amount in EUR is at most 9999999999999.99 (below 10^15 minor units), the largest every function of the library computes exactly",
        ],
      ]);
  });
});

describe("settle: no tranche earns beyond the largest amount, and no result is read as zero", () => {
  const contract = parseContract(financeContractJson([{ id: "t1", dueDate: "2012-01-31" }], undefined, "EUR"));
  const result = (value: number | string) =>
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

  it("a result of 400 digits that would make the tranche earn 400 digits is refused, at the result", () => {
    const events = result(`${"9".repeat(400)}.5`);
    expect(summary(issuesOf(() => settle(contract, events, { asOf: "2012-12-31" }), EventsError))).toEqual([
      [
        "amount_too_large",
        "$[0].value",
        'on this result tranche "t1" would earn an amount of 403 digits, too much: an amount in EUR is at most 9999999999999.99 (below 10^15 minor units), the largest every function of the library computes exactly; check the value, or cap the tranche',
      ],
    ]);
  });

  it("an amount priced beyond the limit and capped below it settles", () => {
    const json = financeContractJson([{ id: "t1", dueDate: "2012-01-31" }], undefined, "EUR");
    const capped = parseContract({ ...json, tranches: [{ ...json.tranches[0]!, cap: "1000000.00" }] });
    const events = parseEvents(
      [
        {
          type: "result",
          id: "r1",
          metric: "outcome",
          period: "p-t1",
          value: `${"9".repeat(400)}.5`,
          status: "verified",
          verifier: "evaluator",
          recordedAt: "2011-01-01",
        },
      ],
      { contract: capped },
    );
    expect(settle(capped, events, { asOf: "2012-12-31" }).tranches[0]!.amountEarned).toEqual({
      amount: "1000000.00",
      currency: "EUR",
    });
  });

  it("a JSON number written with an exponent (1e-7, 1e21) is read as its value, not as zero", () => {
    const json = financeContractJson([{ id: "t1", dueDate: "2012-01-31" }], undefined, "EUR");
    const priced = parseContract({
      ...json,
      tranches: [{ ...json.tranches[0]!, pricing: { ...json.tranches[0]!.pricing, pricePerUnit: "1000000000" } }],
    } as never);
    const events = parseEvents(
      [
        {
          type: "result",
          id: "r1",
          metric: "outcome",
          period: "p-t1",
          value: 1e-7,
          status: "verified",
          verifier: "evaluator",
          recordedAt: "2011-01-01",
        },
      ],
      { contract: priced },
    );
    const tranche = settle(priced, events, { asOf: "2012-12-31" }).tranches[0]!;
    expect(tranche.amountEarned).toEqual({ amount: "100.00", currency: "EUR" });
    expect(tranche.results[0]!.value).toBe("0.0000001");
  });
});
