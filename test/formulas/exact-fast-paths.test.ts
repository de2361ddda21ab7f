import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateFormula, ROUNDING_MODES, type RoundingMode } from "../../src/index.js";
import { Dec, plain } from "../../src/money/decimal.js";
import {
  addSmall,
  compare,
  exactFromText,
  fixedText,
  fromNumber,
  minus,
  negate,
  plainText,
  plus,
  roundedUnits,
  roundTo,
  sign,
  times,
  timesSmall,
  unitsAt,
  unitsAtSmall,
  unitsText,
} from "../../src/formula/exact.js";
import { fromDec, toDec } from "../../src/formula/exact-dec.js";

/**
 * The evaluator's decimal keeps a safe-integer coefficient in a plain number and checks every step: the
 * number paths must give exactly what the bigint paths and the private decimal type give, most of all at
 * the edge of 2^53 where a step leaves the safe integers.
 */

const EDGE = 2n ** 53n;

/** Coefficients around zero, around 2^52 and 2^53 (both sides), and far beyond. */
const coefficient = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
  fc.bigInt({ min: EDGE / 2n - 1000n, max: EDGE / 2n + 1000n }),
  fc.bigInt({ min: EDGE - 1000n, max: EDGE + 1000n }),
  fc.bigInt({ min: -EDGE - 1000n, max: -EDGE + 1000n }),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
);

/** A plain decimal text `coefficient × 10^-scale`. */
const decimalText = fc.tuple(coefficient, fc.integer({ min: 0, max: 20 })).map(([c, scale]) => {
  const negative = c < 0n;
  const digits = (negative ? -c : c).toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
});

const DEC_MODE: Record<RoundingMode, number> = {
  "half-even": Dec.ROUND_HALF_EVEN,
  "half-up": Dec.ROUND_HALF_UP,
  "half-down": Dec.ROUND_HALF_DOWN,
  down: Dec.ROUND_DOWN,
  up: Dec.ROUND_UP,
  floor: Dec.ROUND_FLOOR,
  ceiling: Dec.ROUND_CEIL,
};

const exact = (text: string) => exactFromText(text)!;

describe("the number paths of exact decimals agree with the private decimal type", () => {
  it("+, −, × and comparisons give the same value on both sides of 2^53", () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const [x, y] = [new Dec(a), new Dec(b)];
        expect(plainText(plus(exact(a), exact(b)))).toBe(plain(x.plus(y)));
        expect(plainText(minus(exact(a), exact(b)))).toBe(plain(x.minus(y)));
        expect(plainText(times(exact(a), exact(b)))).toBe(plain(x.times(y)));
        expect(compare(exact(a), exact(b))).toBe(x.comparedTo(y));
        expect(plainText(negate(exact(a)))).toBe(plain(x.neg()));
        expect(sign(exact(a))).toBe(x.isZero() ? 0 : x.isNegative() ? -1 : 1);
      }),
      { numRuns: 500 },
    );
  });

  it("rounding to places, and the text at places, agree in every mode", () => {
    fc.assert(
      fc.property(
        decimalText,
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...ROUNDING_MODES),
        (a, places, mode) => {
          const expected = new Dec(a).toDecimalPlaces(places, DEC_MODE[mode] as never);
          const rounded = roundTo(exact(a), places, mode);
          expect(plainText(rounded)).toBe(plain(expected));
          expect(fixedText(rounded, places)).toBe(expected.isZero() ? (0).toFixed(places) : expected.toFixed(places));
          expect(toDec(rounded).equals(expected)).toBe(true);
          // In minor units: the same in one step, as a safe integer when it is one.
          const units = unitsAt(rounded, places);
          const small = roundedUnits(exact(a), places, mode);
          if (!Number.isNaN(small)) {
            expect(BigInt(small)).toBe(units);
            expect(unitsText(small, places)).toBe(fixedText(rounded, places));
          }
          const atPlaces = unitsAtSmall(rounded, places);
          if (!Number.isNaN(atPlaces)) expect(BigInt(atPlaces)).toBe(units);
          else expect(units > BigInt(Number.MAX_SAFE_INTEGER) || units < -BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the steps of a sum or product kept in numbers give the coefficient of plus, minus and times, or NaN", () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const [x, y] = [exact(a), exact(b)];
        if (typeof x.coefficient !== "number") return;
        const scale = Math.max(x.scale, y.scale);
        for (const [step, expected] of [
          [addSmall(x.coefficient, x.scale, y, 1), plus(x, y)],
          [addSmall(x.coefficient, x.scale, y, -1), minus(x, y)],
        ] as const) {
          // NaN (a term or a partial sum past 2^53): the chain goes on with plus and minus themselves.
          if (!Number.isNaN(step)) expect(plainText(fromDec(new Dec(`${step}e-${scale}`)))).toBe(plainText(expected));
        }
        const product = timesSmall(x.coefficient, y);
        if (!Number.isNaN(product))
          expect(plainText(fromDec(new Dec(`${product}e-${x.scale + y.scale}`)))).toBe(plainText(times(x, y)));
        else if (typeof y.coefficient === "number") expect(typeof times(x, y).coefficient).toBe("bigint");
      }),
      { numRuns: 500 },
    );
  });

  it("a coefficient that is a safe integer is always a number, never -0", () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        for (const value of [
          exact(a),
          plus(exact(a), exact(b)),
          minus(exact(a), exact(a)),
          times(exact(a), exact(b)),
        ]) {
          const c = value.coefficient;
          const safe =
            typeof c === "number" || c > BigInt(Number.MAX_SAFE_INTEGER) || c < -BigInt(Number.MAX_SAFE_INTEGER);
          expect(safe).toBe(true);
          if (typeof c === "number") expect(Object.is(c, -0)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
    for (const zero of [exact("-0"), exact("-0.000"), times(exact("0"), exact("-5")), negate(exact("0"))]) {
      expect(Object.is(zero.coefficient, -0)).toBe(false);
      expect([plainText(zero), fixedText(zero, 2), sign(zero)]).toEqual(["0", "0.00", 0]);
    }
  });

  it("a JavaScript number is read through its shortest decimal form, as the private decimal type reads it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), (n) => {
        expect(plainText(fromNumber(n))).toBe(plain(new Dec(n)));
      }),
      { numRuns: 500 },
    );
    for (const n of [0, -0, 7, 4095, 4096, -1, 0.1, 1e-7, 1e21, 2 ** 53, -(2 ** 53) + 1])
      expect(plainText(fromNumber(n))).toBe(plain(new Dec(n)));
    expect(fromNumber(12)).toBe(fromNumber(12)); // small whole numbers are made once
  });
});

/** Parameters `p0`, `p1`, … of decimal texts, and their values as the private decimal type. */
const parameters = fc.array(decimalText, { minLength: 1, maxLength: 6 });
const named = (values: readonly string[]) => Object.fromEntries(values.map((value, i) => [`p${i}`, value]));

describe("min, max, sum, avg and clamp read numbers and lists without building arrays, with the same values", () => {
  it("of numbers and lists mixed, in any order", () => {
    fc.assert(
      fc.property(parameters, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (values, listed) => {
        // Group the parameters into arguments: a run of `listed` ones becomes one list.
        const args: string[] = [];
        for (let i = 0; i < values.length; ) {
          if (listed[i] === true) {
            const items: string[] = [];
            while (i < values.length && listed[i] === true) items.push(`p${i++}`);
            args.push(`[${items.join(", ")}]`);
          } else args.push(`p${i++}`);
        }
        const decimals = values.map((value) => new Dec(value));
        const sum = decimals.reduce((a, b) => a.plus(b), new Dec(0));
        const run = (text: string) => evaluateFormula(text, { parameters: named(values) });
        expect(run(`min(${args.join(", ")})`)).toBe(plain(Dec.min(...decimals)));
        expect(run(`max(${args.join(", ")})`)).toBe(plain(Dec.max(...decimals)));
        expect(run(`sum(${args.join(", ")})`)).toBe(plain(sum));
        expect(run(`avg(${args.join(", ")})`)).toBe(plain(sum.div(decimals.length)));
      }),
      { numRuns: 300 },
    );
  });

  it("clamp is max(x, low) then min(that, high)", () => {
    fc.assert(
      fc.property(decimalText, decimalText, decimalText, (x, low, high) => {
        const expected = Dec.min(Dec.max(new Dec(x), new Dec(low)), new Dec(high));
        expect(evaluateFormula("clamp(p0, p1, p2)", { parameters: named([x, low, high]) })).toBe(plain(expected));
      }),
      { numRuns: 300 },
    );
  });

  it("chains of + and − and of × give what one operator at a time gives (60 digits, half-even, past 2^53)", () => {
    fc.assert(
      fc.property(
        parameters,
        fc.array(fc.constantFrom("+", "-"), { minLength: 6, maxLength: 6 }),
        (values, operators) => {
          const decimals = values.map((value) => new Dec(value));
          const sumText = values.map((_, i) => (i === 0 ? "p0" : `${operators[i]} p${i}`)).join(" ");
          const sum = decimals
            .slice(1)
            .reduce((a, b, i) => (operators[i + 1] === "+" ? a.plus(b) : a.minus(b)), decimals[0]!);
          expect(evaluateFormula(sumText, { parameters: named(values) })).toBe(plain(sum));
          const product = decimals.slice(1).reduce((a, b) => a.times(b), decimals[0]!);
          expect(evaluateFormula(values.map((_, i) => `p${i}`).join(" * "), { parameters: named(values) })).toBe(
            plain(product),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a negated parameter or literal is the same value on every evaluation", () => {
    expect(evaluateFormula("sum(-p0, -p0, -1.5, [-1.5, 2])", { parameters: { p0: "2.25" } })).toBe("-5.5");
    expect(evaluateFormula("-p0 * -p0 - -p0", { parameters: { p0: "3" } })).toBe("12");
  });
});
