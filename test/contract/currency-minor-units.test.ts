import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  cashFlows,
  ContractError,
  parseContract,
  parseEvents,
  partyReturns,
  safeParseContract,
  settleClaims,
  settlementToCsv,
  type Finance,
} from "../../src/index.js";
import { contractMinorUnits } from "../../src/contract/contract-currency.js";
import {
  codesAt,
  contractIssues,
  contractJson,
  payment,
  settleJson,
  trancheOf,
  verified,
  withValue,
} from "../support/contract-builder.js";
import { financeContractJson, settleWith } from "../finance/finance-builder.js";

/**
 * Contracts in every active ISO 4217 currency, and in a code the library does not know when the contract states
 * its minor units (`currencyMinorUnits`): they parse, settle and reach the investors' side in whole minor units of
 * their currency; a code the library does not know without them is a ContractError at `$.currency`.
 */

const events = [
  verified("r1", "dropout", "p1", "17.55"),
  payment("pay1", "t1", "payer", "provider", "1000.5", "2027-12-01"),
];

describe("contracts in currencies the library refused before settle", () => {
  for (const currency of ["MZN", "MWK", "CDF", "BOB"]) {
    it(`${currency}: two minor units, as ISO 4217 gives them`, () => {
      const settlement = settleJson(contractJson({ currency }), events, "2028-03-31");
      const t1 = trancheOf(settlement, "t1");
      // 10,000.00 per point × (20 − 17.55) = 24,500.00
      expect(t1.amountEarned).toEqual({ amount: "24500.00", currency });
      expect(t1.amountPaid).toEqual({ amount: "1000.50", currency });
      expect(settlement.totals.balance).toEqual({ amount: "23499.50", currency });
    });
  }

  it("an MWK payment below the tambala is refused: sub_minor_unit", () => {
    const contract = parseContract(contractJson({ currency: "MWK" }));
    const result = () =>
      parseEvents([payment("pay1", "t1", "payer", "provider", "10.005", "2027-12-01")], { contract });
    expect(result).toThrow("10.005 has more than 2 decimal places for MWK");
  });

  it("a contract in a zero-decimal currency that was unknown before (none are left: the table has them all)", () => {
    const settlement = settleJson(contractJson({ currency: "UGX" }), events.slice(0, 1), "2028-03-31");
    expect(trancheOf(settlement, "t1").amountEarned).toEqual({ amount: "24500", currency: "UGX" });
  });
});

describe("a code the library does not know, with its minor units stated", () => {
  const zzb = (units: number, overrides = {}) =>
    contractJson({ currency: "ZZB", currencyMinorUnits: units, ...overrides });

  it("parses, and contractMinorUnits reads the stated number", () => {
    const contract = parseContract(zzb(3));
    expect(contract.currencyMinorUnits).toBe(3);
    expect(contractMinorUnits(contract)).toBe(3);
    expect(contractMinorUnits(parseContract(contractJson({ currency: "KWD" })))).toBe(3);
  });

  it("money is checked against the stated minor units", () => {
    const issues = contractIssues(zzb(0, { caps: { contract: "1000.5" } }));
    expect(codesAt(issues)).toEqual([{ code: "sub_minor_unit", at: "$.caps.contract" }]);
    expect(issues[0]!.message).toBe("the contract cap 1000.5 has more than 0 decimal places for ZZB");
    expect(codesAt(contractIssues(zzb(4, { caps: { contract: "100000000000" } })))).toEqual([
      { code: "amount_too_large", at: "$.caps.contract" },
    ]);
  });

  it("settles in whole minor units of the stated number", () => {
    const settlement = settleJson(zzb(3), events, "2028-03-31");
    const t1 = trancheOf(settlement, "t1");
    expect(settlement.currency).toBe("ZZB");
    expect(t1.amountEarned).toEqual({ amount: "24500.000", currency: "ZZB" });
    expect(t1.amountPaid).toEqual({ amount: "1000.500", currency: "ZZB" });
    expect(settlement.totals.balance).toEqual({ amount: "23499.500", currency: "ZZB" });
    const rounded = settleJson(
      zzb(0, { rounding: { mode: "half-even", at: "tranche" } }),
      [verified("r1", "dropout", "p1", "17.54321")],
      "2028-03-31",
    );
    // 10,000 × (20 − 17.54321) = 24,567.9 → 24,568 with no minor unit
    expect(trancheOf(rounded, "t1").amountEarned).toEqual({ amount: "24568", currency: "ZZB" });
    expect(settlementToCsv(settlement, { locale: "it" })).toContain(";ZZB;24500,000;1000,500;23499,500\r\n");
  });

  it("a payment below the stated minor unit is refused", () => {
    const contract = parseContract(zzb(1));
    expect(() =>
      parseEvents([payment("pay1", "t1", "payer", "provider", "10.05", "2027-12-01")], { contract }),
    ).toThrow("10.05 has more than 1 decimal places for ZZB");
  });

  it("the investors' side computes in the stated minor units", () => {
    const finance: Finance = {
      investors: [
        {
          party: "senior",
          commitment: "1000.000",
          fundedParty: "spv",
          drawdowns: [{ date: "2012-09-01", amount: "1000.000" }],
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps: [{ type: "principal", investors: ["senior"] }],
        excess: [{ party: "provider", share: "100%" }],
      },
    };
    const json = financeContractJson([{ id: "t1", dueDate: "2015-10-31" }], finance, "ZZB");
    expect(codesAt(contractIssues(json))).toEqual([{ code: "unknown_currency", at: "$.currency" }]);
    const contract = parseContract({ ...json, currencyMinorUnits: 3 });
    // the outcome pays 1,200.5 ZZB: 1,000.000 back to the senior lender, 200.500 of excess to the provider
    const flows = cashFlows(contract, settleWith(contract, { t1: "1200.5" }));
    expect(flows.investors[0]).toMatchObject({
      drawn: { amount: "1000.000", currency: "ZZB" },
      distributions: { amount: "1000.000", currency: "ZZB" },
      net: { amount: "0.000", currency: "ZZB" },
    });
    const provider = flows.parties.find((entry) => entry.party === "provider")!;
    expect(provider.received).toEqual({ amount: "200.500", currency: "ZZB" });
    expect(partyReturns(flows, "senior", { discountRate: "0%" }).net).toEqual({ amount: "0.000", currency: "ZZB" });
  });
});

describe("a rate card in a code the library does not know settles its claims in the stated minor units", () => {
  it("the DWP-style example card, in ZZB with 3 minor units", () => {
    const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
    const card = JSON.parse(readFileSync(here("../../examples/rate-card/contract.json"), "utf8")) as object;
    const contract = parseContract({ ...card, currency: "ZZB", currencyMinorUnits: 3 });
    const [header, ...rows] = readFileSync(here("../../examples/rate-card/claims-sample.csv"), "utf8")
      .trim()
      .split("\n");
    const names = header!.split(",");
    const claims = rows
      .slice(0, 50)
      .map((row) => Object.fromEntries(row.split(",").map((value, i) => [names[i], value])));
    const inZzb = settleClaims(contract, claims as never, { asOf: "2015-09-30" });
    const inGbp = settleClaims(parseContract(card), claims as never, { asOf: "2015-09-30" });
    // the same figures, with three digits after the point
    expect(inZzb.total).toEqual({ amount: `${inGbp.total.amount}0`, currency: "ZZB" });
    expect(inZzb.byPeriod.map((period) => period.due.amount)).toEqual(
      inGbp.byPeriod.map((period) => `${period.due.amount}0`),
    );
  });
});

describe("a code the library does not know, without minor units: a ContractError at $.currency", () => {
  it("unknown_currency, saying how to state the minor units", () => {
    const error = (() => {
      try {
        parseContract(contractJson({ currency: "ZZB" }));
      } catch (thrown) {
        return thrown;
      }
      throw new Error("expected a ContractError");
    })();
    expect(error).toBeInstanceOf(ContractError);
    const issues = (error as ContractError).issues;
    expect(codesAt(issues)).toEqual([{ code: "unknown_currency", at: "$.currency" }]);
    expect(issues[0]!.path).toEqual(["currency"]);
    expect(issues[0]!.message).toBe(
      '"ZZB" is not an ISO 4217 currency code the library knows (e.g. EUR, GBP, USD): if it is a currency, state how many digits its minor unit has (0 to 4), e.g. "currencyMinorUnits": 2',
    );
  });

  it("a code in small letters is told its capitals; a text of another shape is refused even with minor units", () => {
    expect(contractIssues(contractJson({ currency: "mzn" }))[0]!.message).toBe(
      '"mzn" is not an ISO 4217 currency code the library knows (e.g. EUR, GBP, USD): codes are in capitals, "MZN"',
    );
    const issues = contractIssues(contractJson({ currency: "EURO", currencyMinorUnits: 2 }));
    expect(codesAt(issues)).toEqual([{ code: "unknown_currency", at: "$.currency" }]);
    expect(issues[0]!.message).toBe(
      '"EURO" is not an ISO 4217 currency code the library knows (e.g. EUR, GBP, USD): a code is three capital letters',
    );
  });
});

describe("currencyMinorUnits for a code the library knows must agree with ISO 4217", () => {
  it("agreeing is accepted (and changes nothing)", () => {
    const contract = parseContract(contractJson({ currency: "EUR", currencyMinorUnits: 2 }));
    expect(contractMinorUnits(contract)).toBe(2);
  });

  it("disagreeing is minor_units_mismatch at $.currencyMinorUnits", () => {
    const issues = contractIssues(contractJson({ currency: "JPY", currencyMinorUnits: 2 }));
    expect(codesAt(issues)).toEqual([{ code: "minor_units_mismatch", at: "$.currencyMinorUnits" }]);
    expect(issues[0]!.message).toBe(
      "JPY has 0 minor units in ISO 4217, not 2: leave currencyMinorUnits out (it is for a code the library does not know)",
    );
  });
});

describe("the field's shape: a whole number from 0 to 4", () => {
  const refused = (value: unknown) => {
    const result = safeParseContract(withValue(contractJson({ currency: "ZZB" }), ["currencyMinorUnits"], value));
    if (result.success) throw new Error("expected a failure");
    return result.error.issues.map((found) => [found.code, found.at, found.message]);
  };

  it("not a whole number: invalid_type", () => {
    for (const value of [2.5, "2", null])
      expect(refused(value)).toEqual([
        ["invalid_type", "$.currencyMinorUnits", "expected the currency's minor units as a whole number, e.g. 2"],
      ]);
  });

  it("below 0 or above 4: invalid_minor_units", () => {
    expect(refused(5)).toEqual([
      [
        "invalid_minor_units",
        "$.currencyMinorUnits",
        "a currency has 0 to 4 minor units (digits after the point), as in ISO 4217; got 5",
      ],
    ]);
    expect(refused(-1).map(([code, at]) => [code, at])).toEqual([["invalid_minor_units", "$.currencyMinorUnits"]]);
  });

  it("the JSON Schema accepts a stated number and refuses a code of another shape", () => {
    const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
    const schema = JSON.parse(readFileSync(here("../../schema/contract.json"), "utf8")) as object;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    expect(validate(contractJson({ currency: "ZZB", currencyMinorUnits: 2 }))).toBe(true);
    expect(validate(contractJson({ currency: "MWK" }))).toBe(true);
    expect(validate(contractJson({ currency: "eur" }))).toBe(false);
    expect(validate(contractJson({ currency: "ZZB", currencyMinorUnits: 7 }))).toBe(false);
  });
});
