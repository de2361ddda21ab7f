import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, fixed, plain } from "../../src/money/decimal.js";
import { exactOfNotation, plainText } from "../../src/formula/exact.js";
import { roundHalfEven, toSignificant } from "../../src/formula/exact-notation.js";
import { methodWords } from "../../src/measure/method-words.js";
import {
  placeDigits,
  plainMarks,
  plainTextStyle,
  quantityStyle,
  reportStyle,
  type ReportLocale,
} from "../../src/report/style.js";

/**
 * The report layer writes numbers without decimal.js, digit for digit as it wrote them with the private `Dec`: the
 * styles' money, numbers and percentages (at most 6 decimals, half-even, ≈ when digits are dropped; a share times
 * 100 to 60 significant digits), and the method words' figures to 6 significant digits. The references below are
 * the former code, on `Dec`.
 */

/** The former `shown`: how many decimals to show, the value rounded to them, and whether digits were dropped. */
function decShown(amount: string, minimum: number): { value: Dec; decimals: number; approximate: boolean } {
  const exact = new Dec(amount);
  const decimals = Math.max(minimum, Math.min(exact.decimalPlaces(), 6));
  const value = exact.toDecimalPlaces(decimals);
  return { value, decimals, approximate: !value.equals(exact) };
}

const decNumber = (text: string, locale: ReportLocale) => {
  const { value, approximate } = decShown(text, 0);
  return `${approximate ? "≈" : ""}${plainMarks(plain(value), locale)}`;
};

/** The former plain-text style. */
function decPlainStyle(currency: string, places: number, locale: ReportLocale) {
  return {
    money(amount: string) {
      const { value, decimals, approximate } = decShown(amount, places);
      return `${approximate ? "≈" : ""}${currency} ${plainMarks(fixed(value, decimals), locale)}`;
    },
    num: (text: string) => decNumber(text, locale),
    percent: (share: string) => `${decNumber(new Dec(share).times(100).toString(), locale)}%`,
  };
}

type Parts = readonly Intl.NumberFormatPart[];

/** The former `layOut`'s digits, on `Dec`, placed in the template as the style places them. */
function decLayOut(templates: { positive: Parts; negative: Parts }, value: Dec, decimals: number, minimum: number) {
  const [whole = "0", digits = ""] = value.abs().toFixed(decimals).split(".");
  return placeDigits(templates, value.isNegative() && !value.isZero(), whole, digits, minimum);
}

function templatesOf(intl: string, options: Intl.NumberFormatOptions) {
  const format = new Intl.NumberFormat(intl, {
    ...options,
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: "always",
  });
  return { positive: format.formatToParts(1111.5), negative: format.formatToParts(-1111.5) };
}

/** The former report style. */
function decReportStyle(locale: ReportLocale, currency: string, places: number) {
  const intl = locale === "it" ? "it-IT" : "en-GB";
  const numbers = templatesOf(intl, {});
  const amounts = templatesOf(intl, { style: "currency", currency });
  const number = (text: string) => {
    const { value, decimals, approximate } = decShown(text, 0);
    return `${approximate ? "≈" : ""}${decLayOut(numbers, value, decimals, 0)}`;
  };
  return {
    money(amount: string) {
      const { value, decimals, approximate } = decShown(amount, places);
      return `${approximate ? "≈" : ""}${decLayOut(amounts, value, decimals, places)}`;
    },
    num: number,
    percent: (share: string) => `${number(new Dec(share).times(100).toString())}%`,
  };
}

/**
 * Decimal texts as the styles are handed them: amounts and shares with up to 80 digits, values that round to
 * zero, ties at the sixth decimal, negative zero, and numbers as JavaScript writes them (exponents included).
 */
const decimals = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("", "-", "+"),
      fc.stringMatching(/^\d{1,40}$/),
      fc.constantFrom("", "."),
      fc.stringMatching(/^\d{0,40}$/),
      fc.constantFrom("", "", "", "e5", "e-7", "E+21", "e-70", "e60"),
    )
    .map(
      ([sign, whole, point, fraction, exponent]) => `${sign}${whole}${point === "" ? "" : `.${fraction}`}${exponent}`,
    ),
  fc
    .tuple(
      fc.constantFrom("", "-"),
      fc.integer({ min: 0, max: 999_999 }),
      fc.constantFrom("5", "50", "51", "49", "500001"),
    )
    .map(([sign, whole, tail]) => `${sign}0.${String(whole).padStart(6, "0")}${tail}`),
  fc.constantFrom("0", "-0", "0.000", "-0.0000001", "0.0000005", "0.0000015", "-0.0000025", ".5", "5.", "1e-9999"),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.double({ min: -1e-5, max: 1e-5, noNaN: true }).map(String),
  fc.integer().map(String),
);

describe("the styles write numbers without decimal.js, as they did with it", () => {
  it("reads a decimal text, exponent included, as Dec reads it", () => {
    fc.assert(
      fc.property(decimals, (text) => {
        expect(plainText(exactOfNotation(text)!)).toBe(plain(new Dec(text)));
      }),
      { numRuns: 10_000 },
    );
    for (const text of ["", "-", ".", "1..2", "1e", "e5", "12%", " 5", "0x1f", "Infinity", "NaN", "1,5"])
      expect(exactOfNotation(text), text).toBeUndefined();
  });

  it("plainTextStyle and quantityStyle: money, numbers and percentages as with Dec", () => {
    fc.assert(
      fc.property(
        decimals,
        fc.constantFrom(["EUR", 2] as const, ["JPY", 0] as const, ["BHD", 3] as const),
        fc.constantFrom<ReportLocale>("en", "it"),
        (text, [currency, places], locale) => {
          const style = plainTextStyle(currency, locale);
          const reference = decPlainStyle(currency, places, locale);
          expect(style.money(text)).toBe(reference.money(text));
          expect(style.num(text)).toBe(reference.num(text));
          expect(style.percent(text)).toBe(reference.percent(text));
          const quantities = quantityStyle(locale);
          expect(quantities.money(text)).toBe(reference.num(text));
          expect(quantities.percent(text)).toBe(reference.percent(text));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("reportStyle: money, numbers and percentages as with Dec", () => {
    fc.assert(
      fc.property(
        decimals,
        fc.constantFrom(["EUR", 2] as const, ["GBP", 2] as const, ["JPY", 0] as const, ["BHD", 3] as const),
        fc.constantFrom<ReportLocale>("en", "it"),
        (text, [currency, places], locale) => {
          const style = reportStyle(locale, currency);
          const reference = decReportStyle(locale, currency, places);
          expect(style.money(text)).toBe(reference.money(text));
          expect(style.num(text)).toBe(reference.num(text));
          expect(style.percent(text)).toBe(reference.percent(text));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("rounds half-even to so many decimals as Dec's toDecimalPlaces", () => {
    fc.assert(
      fc.property(decimals, fc.integer({ min: 0, max: 8 }), (text, places) => {
        expect(plainText(roundHalfEven(exactOfNotation(text)!, places))).toBe(
          plain(new Dec(text).toDecimalPlaces(places)),
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it("rounds half-even to so many significant digits as Dec's toSignificantDigits", () => {
    fc.assert(
      fc.property(decimals, fc.integer({ min: 1, max: 8 }), (text, digits) => {
        expect(plainText(toSignificant(exactOfNotation(text)!, digits))).toBe(
          plain(new Dec(text).toSignificantDigits(digits)),
        );
      }),
      { numRuns: 10_000 },
    );
    expect(plainText(toSignificant(exactOfNotation("123456500")!, 6))).toBe("123456000");
    expect(plainText(toSignificant(exactOfNotation("123457500")!, 6))).toBe("123458000");
    expect(plainText(toSignificant(exactOfNotation("1.000015")!, 6))).toBe("1.00002");
  });

  it("the method words write figures to 6 significant digits as they did with Dec", () => {
    const former = (value: string | number) =>
      plain(typeof value === "number" ? new Dec(value.toPrecision(6)) : new Dec(value).toSignificantDigits(6));
    fc.assert(
      fc.property(
        fc.oneof(
          decimals,
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.double({ min: 0, max: 1000, noNaN: true }),
        ),
        (value) => {
          expect(methodWords({ method: "welch-t", degreesOfFreedom: value }, "en")).toBe(
            `Welch t (unequal variances, Welch–Satterthwaite, ${former(value)} degrees of freedom)`,
          );
        },
      ),
      { numRuns: 10_000 },
    );
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, 1e21])
      expect(methodWords({ method: "one-sample-t", degreesOfFreedom: value }, "en")).toBe(
        `one-sample Student t, ${plain(new Dec(value.toPrecision(6)))} degrees of freedom`,
      );
  });
});
