import { describe, expect, it } from "vitest";
import { ArgumentError, isKnownCurrency, knownCurrencies, minorUnits, money, zero } from "../../src/index.js";
import { isCurrencyCodeShaped, writtenMinorUnits } from "../../src/money/currency.js";

/**
 * The currency table against ISO 4217 Table A.1 ("list one", published 2026-01-01): every code with a minor unit,
 * grouped here by minor unit as the list gives them, written out a second time so that a slip in the table shows.
 */

const ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const THREE = "BHD IQD JOD KWD LYD OMR TND";
const FOUR = "CLF UYW";
/** The codes of list one with two minor units (BGN, withdrawn on 2026-01-01, is kept: see currency.ts). */
const TWO = `AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE
  CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF
  IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV
  MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
  STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XAD XCD XCG YER ZAR ZMW ZWG`;
const codes = (list: string) => list.split(/\s+/).filter((code) => code !== "");

describe("every active ISO 4217 currency, with its minor units", () => {
  it("the table is list one's codes that have a minor unit, each with the list's minor units", () => {
    const expected = new Map<string, number>();
    for (const [list, units] of [
      [ZERO, 0],
      [TWO, 2],
      [THREE, 3],
      [FOUR, 4],
    ] as const)
      for (const code of codes(list)) expected.set(code, units);
    expect(expected.size).toBe(166);
    expect(knownCurrencies()).toEqual([...expected.keys()].sort());
    for (const [code, units] of expected) expect(minorUnits(code), code).toBe(units);
  });

  it("the codes the library refused before are known: MZN, MWK, CDF, BOB and the rest", () => {
    for (const code of ["MZN", "MWK", "CDF", "BOB", "AOA", "XCD", "HTG", "SLE", "ZWG", "VES", "XCG"]) {
      expect(isKnownCurrency(code), code).toBe(true);
      expect(minorUnits(code), code).toBe(2);
    }
    // the Malawi kwacha has two minor units in ISO 4217 (tambala), though its coins are rarely seen
    expect(money("1500.25", "MWK")).toEqual({ amount: "1500.25", currency: "MWK" });
    expect(zero("MZN")).toEqual({ amount: "0.00", currency: "MZN" });
  });

  it("ISO's minor units, not the display digits of Intl: IDR and HUF have 2, ISK and CLP 0, IQD 3", () => {
    expect([minorUnits("IDR"), minorUnits("HUF"), minorUnits("ISK"), minorUnits("CLP"), minorUnits("IQD")]).toEqual([
      2, 2, 0, 0, 3,
    ]);
  });

  it("codes without a minor unit, and codes ISO withdrew, are unknown: a contract states their minor units", () => {
    for (const code of ["XAU", "XAG", "XPD", "XPT", "XDR", "XSU", "XUA", "XBA", "XTS", "XXX", "ANG", "CUC", "HRK"]) {
      expect(isKnownCurrency(code), code).toBe(false);
      expect(() => minorUnits(code)).toThrow(ArgumentError);
    }
  });

  it("every known code is three capital letters, with 0 to 4 minor units", () => {
    for (const code of knownCurrencies()) {
      expect(isCurrencyCodeShaped(code), code).toBe(true);
      expect(minorUnits(code)).toBeGreaterThanOrEqual(0);
      expect(minorUnits(code)).toBeLessThanOrEqual(4);
    }
  });
});

describe("the shape of a code and the minor units of money the library wrote", () => {
  it("a code is three capital letters A-Z", () => {
    for (const code of ["EUR", "ZZB", "XDR"]) expect(isCurrencyCodeShaped(code)).toBe(true);
    for (const code of ["eur", "EURO", "EU", "E1R", "ÉUR", "", " EUR", 978, null, undefined])
      expect(isCurrencyCodeShaped(code)).toBe(false);
  });

  it("ISO's for a known code; the amount's own digits after the point for another", () => {
    expect(writtenMinorUnits({ amount: "12", currency: "EUR" })).toBe(2);
    expect(writtenMinorUnits({ amount: "12.500", currency: "ZZB" })).toBe(3);
    expect(writtenMinorUnits({ amount: "-0.5", currency: "ZZB" })).toBe(1);
    expect(writtenMinorUnits({ amount: "1200", currency: "ZZB" })).toBe(0);
  });
});
