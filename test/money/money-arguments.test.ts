import fc from "fast-check";
import { refusal } from "../support/refusal.js";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  add,
  allocate,
  compare,
  isKnownCurrency,
  isNegative,
  isZero,
  knownCurrencies,
  minorUnits,
  money,
  subtract,
  sum,
  zero,
  type Money,
} from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";

/**
 * The money functions check their arguments: a Money argument is an object with an own decimal `amount` in whole
 * minor units (below 10^15 of them) of its own known `currency`; anything else, and every other bad argument, is
 * refused with an ArgumentError whose issues name the parameter (`$.a`, `$.values[1]`, `$.ratios[2]`).
 */

const eur = money("10.00", "EUR");
const gbp = money("1.00", "GBP");
const largest = money("9999999999999.99", "EUR");

describe("money, zero and minorUnits", () => {
  it("an unknown currency: unknown_currency at $.currency", () => {
    expect(refusal(() => money("1.00", "XXX"))).toEqual([["ArgumentError", "unknown_currency", "$.currency"]]);
    expect(refusal(() => zero("eur"))).toEqual([["ArgumentError", "unknown_currency", "$.currency"]]);
    expect(refusal(() => minorUnits(5 as never))).toEqual([["ArgumentError", "unknown_currency", "$.currency"]]);
    expect(() => minorUnits("EURO")).toThrow(
      'minorUnits takes an ISO 4217 currency code the library knows, such as "EUR"',
    );
  });

  it("an amount that is no decimal text: not_a_decimal at $.amount (with the currency's issue too)", () => {
    expect(refusal(() => money("1,50", "EUR"))).toEqual([["ArgumentError", "not_a_decimal", "$.amount"]]);
    expect(refusal(() => money(150 as never, "EUR"))).toEqual([["ArgumentError", "not_a_decimal", "$.amount"]]);
    expect(refusal(() => money("abc", "XXX"))).toEqual([
      ["ArgumentError", "unknown_currency", "$.currency"],
      ["ArgumentError", "not_a_decimal", "$.amount"],
    ]);
  });

  it("digits below the minor unit: below_minor_unit at $.amount", () => {
    expect(refusal(() => money("10.005", "EUR"))).toEqual([["ArgumentError", "below_minor_unit", "$.amount"]]);
    expect(refusal(() => money("1.5", "JPY"))).toEqual([["ArgumentError", "below_minor_unit", "$.amount"]]);
  });

  it("10^15 minor units or more: amount_too_large at $.amount", () => {
    expect(money("-9999999999999.99", "EUR").amount).toBe("-9999999999999.99");
    expect(refusal(() => money("10000000000000", "EUR"))).toEqual([["ArgumentError", "amount_too_large", "$.amount"]]);
    expect(refusal(() => money("1000000000000000", "JPY"))).toEqual([
      ["ArgumentError", "amount_too_large", "$.amount"],
    ]);
    expect(() => money("9".repeat(5000), "EUR")).toThrow("the amount of 5000 digits is too large");
  });

  it("isKnownCurrency, knownCurrencies and minorUnits agree on every code", () => {
    for (const code of knownCurrencies()) {
      expect(isKnownCurrency(code)).toBe(true);
      expect(Number.isInteger(minorUnits(code))).toBe(true);
    }
    for (const code of ["eur", "EURO", "", "constructor", 5, null, undefined, ["EUR"]] as never[]) {
      expect(isKnownCurrency(code)).toBe(false);
      expect(() => minorUnits(code)).toThrow(ArgumentError);
      expect(() => zero(code)).toThrow(ArgumentError);
    }
    expect(knownCurrencies()).not.toBe(knownCurrencies());
  });
});

describe("a Money argument", () => {
  it("a plain object of the Money shape is taken, its amount read in the currency's minor units", () => {
    expect(add({ amount: "1.5", currency: "EUR" }, { amount: "2", currency: "EUR" })).toEqual(money("3.50", "EUR"));
    expect(compare({ amount: "+1.50", currency: "EUR" }, { amount: "1.500", currency: "EUR" })).toBe(0);
    expect(isZero({ amount: "-0.00", currency: "EUR" })).toBe(true);
  });

  it("anything else: not_money at the parameter's path", () => {
    const notMoney: unknown[] = [
      undefined,
      null,
      5,
      "10.00 EUR",
      10n,
      [],
      ["10.00", "EUR"],
      {},
      { amount: "10.00" },
      { currency: "EUR" },
      { amount: 10, currency: "EUR" },
      { amount: "10,00", currency: "EUR" },
      { amount: " 10.00", currency: "EUR" },
      { amount: "1e3", currency: "EUR" },
      { amount: "10.001", currency: "EUR" },
      { amount: "10.00", currency: "XXX" },
      { amount: "10.00", currency: "toString" },
      Object.create({ amount: "10.00", currency: "EUR" }),
      Object.defineProperty({ currency: "EUR" }, "amount", { get: () => "10.00", enumerable: true }),
    ];
    for (const value of notMoney) {
      expect(refusal(() => add(value as Money, eur))).toEqual([["ArgumentError", "not_money", "$.a"]]);
      expect(refusal(() => subtract(eur, value as Money))).toEqual([["ArgumentError", "not_money", "$.b"]]);
      expect(refusal(() => compare(eur, value as Money))).toEqual([["ArgumentError", "not_money", "$.b"]]);
      expect(refusal(() => isZero(value as Money))).toEqual([["ArgumentError", "not_money", "$.value"]]);
      expect(refusal(() => isNegative(value as Money))).toEqual([["ArgumentError", "not_money", "$.value"]]);
      expect(refusal(() => sum([eur, value as Money], "EUR"))).toEqual([["ArgumentError", "not_money", "$.values[1]"]]);
      expect(refusal(() => allocate(value as Money, ["1"]))).toEqual([["ArgumentError", "not_money", "$.amount"]]);
    }
    expect(() => add(eur, { amount: 10, currency: "EUR" } as never)).toThrow(
      'add takes a Money value as b, an amount and a currency such as money("12.50", "EUR") returns; got an object whose amount is the number 10, not a decimal text such as "12.50"',
    );
  });

  it("an amount of 10^15 minor units or more: amount_too_large at the parameter's path", () => {
    const huge = { amount: "10000000000000.00", currency: "EUR" };
    expect(refusal(() => add(huge, eur))).toEqual([["ArgumentError", "amount_too_large", "$.a"]]);
    expect(refusal(() => isNegative(huge))).toEqual([["ArgumentError", "amount_too_large", "$.value"]]);
    expect(refusal(() => allocate(huge, ["1"]))).toEqual([["ArgumentError", "amount_too_large", "$.amount"]]);
  });

  it("both arguments are checked in one error", () => {
    expect(refusal(() => compare(null as never, 5 as never))).toEqual([
      ["ArgumentError", "not_money", "$.a"],
      ["ArgumentError", "not_money", "$.b"],
    ]);
  });

  it("is never changed or frozen by a call", () => {
    const a = { amount: "1.00", currency: "EUR" };
    const b = { amount: "2.00", currency: "EUR" };
    add(a, b);
    subtract(a, b);
    compare(a, b);
    isZero(a);
    isNegative(b);
    sum([a, b], "EUR");
    allocate(a, ["1", "2"]);
    expect(a).toEqual({ amount: "1.00", currency: "EUR" });
    expect(Object.isFrozen(a) || Object.isFrozen(b)).toBe(false);
  });
});

describe("add, subtract and compare", () => {
  it("different currencies: currency_mismatch at $.b", () => {
    expect(refusal(() => add(eur, gbp))).toEqual([["ArgumentError", "currency_mismatch", "$.b"]]);
    expect(refusal(() => subtract(eur, gbp))).toEqual([["ArgumentError", "currency_mismatch", "$.b"]]);
    expect(refusal(() => compare(eur, gbp))).toEqual([["ArgumentError", "currency_mismatch", "$.b"]]);
    expect(() => subtract(eur, gbp)).toThrow("subtract takes two amounts in one currency; a is in EUR, b in GBP");
  });

  it("a result of 10^15 minor units or more: amount_too_large at $.b", () => {
    expect(add(largest, money("-0.01", "EUR")).amount).toBe("9999999999999.98");
    expect(refusal(() => add(largest, money("0.01", "EUR")))).toEqual([["ArgumentError", "amount_too_large", "$.b"]]);
    expect(refusal(() => subtract(money("-1.00", "EUR"), largest))).toEqual([
      ["ArgumentError", "amount_too_large", "$.b"],
    ]);
  });

  it("law: add refuses exactly the sums of 10^15 minor units or more, and subtract undoes it", () => {
    const units = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });
    const cents = (value: bigint) => money(new Dec(value.toString()).div(100).toFixed(2), "EUR");
    fc.assert(
      fc.property(units, units, (a, b) => {
        const total = a + b;
        if (total >= 10n ** 15n || total <= -(10n ** 15n)) {
          expect(refusal(() => add(cents(a), cents(b)))).toEqual([["ArgumentError", "amount_too_large", "$.b"]]);
        } else {
          expect(compare(subtract(add(cents(a), cents(b)), cents(b)), cents(a))).toBe(0);
        }
      }),
    );
  });
});

describe("sum", () => {
  it("values that are not a list: not_a_list at $.values", () => {
    expect(refusal(() => sum(new Set([eur]) as never, "EUR"))).toEqual([["ArgumentError", "not_a_list", "$.values"]]);
    expect(refusal(() => sum(undefined as never, "EUR"))).toEqual([["ArgumentError", "not_a_list", "$.values"]]);
  });

  it("a value in another currency: currency_mismatch at $.values[i]", () => {
    expect(refusal(() => sum([eur, gbp, eur], "EUR"))).toEqual([["ArgumentError", "currency_mismatch", "$.values[1]"]]);
  });

  it("an unknown currency: unknown_currency at $.currency", () => {
    expect(refusal(() => sum([], "XXX"))).toEqual([["ArgumentError", "unknown_currency", "$.currency"]]);
  });

  it("a total of 10^15 minor units or more: amount_too_large at $.values", () => {
    expect(refusal(() => sum([largest, eur], "EUR"))).toEqual([["ArgumentError", "amount_too_large", "$.values"]]);
  });

  it("a hole in the list is no Money value; a long list of bad values reports its first 100", () => {
    const holey: Money[] = [eur];
    holey[2] = eur;
    expect(refusal(() => sum(holey, "EUR"))).toEqual([["ArgumentError", "not_money", "$.values[1]"]]);
    expect(refusal(() => sum(new Array(1000).fill(5), "EUR"))).toHaveLength(100);
  });
});

describe("allocate", () => {
  it("ratios that are not a list: not_a_list at $.ratios", () => {
    expect(refusal(() => allocate(eur, "1,1" as never))).toEqual([["ArgumentError", "not_a_list", "$.ratios"]]);
  });

  it("no ratios: no_ratios at $.ratios", () => {
    expect(refusal(() => allocate(eur, []))).toEqual([["ArgumentError", "no_ratios", "$.ratios"]]);
  });

  it("all ratios zero: all_ratios_zero at $.ratios", () => {
    expect(refusal(() => allocate(eur, ["0", "0%", "0.00"]))).toEqual([
      ["ArgumentError", "all_ratios_zero", "$.ratios"],
    ]);
  });

  it("a ratio that is not a non-negative decimal text: invalid_ratio at $.ratios[i], each one", () => {
    expect(refusal(() => allocate(eur, ["1", "-1", 2 as never, "1e2", "x%"]))).toEqual([
      ["ArgumentError", "invalid_ratio", "$.ratios[1]"],
      ["ArgumentError", "invalid_ratio", "$.ratios[2]"],
      ["ArgumentError", "invalid_ratio", "$.ratios[3]"],
      ["ArgumentError", "invalid_ratio", "$.ratios[4]"],
    ]);
    expect(() => allocate(eur, [2 as never])).toThrow(
      'allocate takes ratios that are non-negative decimal texts, such as "1", "0.25" or "12.5%"; got the number 2',
    );
  });

  it("the amount and the ratios are checked in one error", () => {
    expect(refusal(() => allocate(null as never, []))).toEqual([
      ["ArgumentError", "not_money", "$.amount"],
      ["ArgumentError", "no_ratios", "$.ratios"],
    ]);
  });
});
