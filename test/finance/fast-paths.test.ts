import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract, type Contract } from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";
import { ROUNDING_MODES, roundToWholeUnits, type RoundingMode } from "../../src/money/rounding.js";
import { compileFinance, type CompiledStep } from "../../src/finance/compile-finance.js";
import { dayNumber, MAX_UNITS, parseUnits, roundKnown, roundRatio, unitsOf } from "../../src/finance/minor-units.js";
import { unitsText } from "../../src/money/interned-money.js";
import { decimalHurdleUnits, hurdleUnits, type InvestorState } from "../../src/finance/waterfall.js";
import { decimalNpv, multipleText, npvUnits, readRate } from "../../src/finance/returns.js";
import { financeContractJson } from "./finance-builder.js";

/**
 * The investors' side reads amounts, writes them and rounds its growth and discounting on fast paths (a
 * hand-written parser, doubles with an error bound); each must give exactly what the plain or 60-digit decimal
 * computation gives, or fall back to it.
 */

const modeArb = fc.constantFrom(...ROUNDING_MODES);
const placesArb = fc.integer({ min: 0, max: 4 });

/** What `unitsOf` gives, or the code of its error. */
function unitsOrCode(amount: unknown, places: number): number | string {
  try {
    return unitsOf(amount as string, places);
  } catch (error) {
    return (error as { issues: { code: string }[] }).issues[0]!.code;
  }
}

describe("reading and writing whole minor units", () => {
  const amountArb = fc.oneof(
    fc.stringMatching(/^[+-]?\d{0,18}(\.\d{0,6})?$/),
    fc.string({ unit: fc.constantFrom("0", "1", "9", ".", "-", "+", " ", "e", "x", "%"), maxLength: 12 }),
    fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map(String),
  );

  it("parseUnits gives what unitsOf gives (−0 included), and NaN exactly where unitsOf refuses", () => {
    fc.assert(
      fc.property(amountArb, placesArb, (amount, places) => {
        const fast = parseUnits(amount, places);
        const checked = unitsOrCode(amount, places);
        if (typeof checked === "string") expect(fast).toBeNaN();
        else expect(Object.is(fast, checked)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("a valid amount reads as its decimal value in minor units", () => {
    fc.assert(
      fc.property(amountArb, placesArb, (amount, places) => {
        const units = parseUnits(amount, places);
        if (Number.isNaN(units)) return;
        expect(new Dec(amount).times(new Dec(10).pow(places)).toNumber() + 0).toBe(units + 0); // −0 as 0
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses what is not a string, and keeps the errors of unitsOf", () => {
    for (const value of [undefined, null, 12, {}, ["1"]]) expect(parseUnits(value, 2)).toBeNaN();
    expect(unitsOrCode("1.234", 2)).toBe("sub_minor_unit");
    expect(unitsOrCode("10000000000000.00", 2)).toBe("amount_too_large");
    expect(unitsOrCode("1.2.3", 2)).toBe("invalid_decimal");
    expect(unitsOrCode("-", 2)).toBe("invalid_decimal");
    expect(parseUnits("9999999999999.99", 2)).toBe(MAX_UNITS);
    expect(parseUnits("0000000000000000000001.5", 2)).toBe(150);
  });

  it("unitsText writes what the decimal writes, and reads back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_UNITS, max: MAX_UNITS }), placesArb, (units, places) => {
        const text = unitsText(units, places);
        expect(text).toBe(new Dec(units).div(new Dec(10).pow(places)).toFixed(places));
        expect(parseUnits(text, places)).toBe(units);
      }),
      { numRuns: 3000 },
    );
    expect(unitsText(-0, 2)).toBe("0.00");
    expect(unitsText(5, 0)).toBe("5");
    expect(() => unitsText(0.5, 2)).toThrow(RangeError);
  });
});

describe("rounding known values", () => {
  it("roundKnown answers only when every value within the error rounds alike, and then with that rounding", () => {
    const valueArb = fc.oneof(
      fc.double({ min: -1e15, max: 1e15, noNaN: true }),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 2),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 2 + 1e-9),
    );
    fc.assert(
      fc.property(valueArb, fc.double({ min: 0, max: 1, noNaN: true }), modeArb, (value, error, mode) => {
        const rounded = roundKnown(value, error, mode);
        if (Number.isNaN(rounded)) return;
        const exact = new Dec(value);
        for (const end of [exact.minus(error), exact, exact.plus(error)])
          expect(roundToWholeUnits(end, mode).toNumber() + 0).toBe(rounded + 0); // −0 as 0
      }),
      { numRuns: 5000 },
    );
  });

  it("roundRatio rounds a quotient of whole numbers exactly, by every mode", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 52 - 1 })),
        fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 52 - 1 })),
        modeArb,
        (numerator, denominator, mode) => {
          const expected = roundToWholeUnits(new Dec(numerator).div(denominator), mode).toNumber();
          expect(roundRatio(numerator, denominator, mode)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
    for (const mode of ROUNDING_MODES)
      for (const [n, d] of [
        [5, 2],
        [7, 2],
        [1, 3],
        [2, 3],
        [0, 7],
        [10, 5],
      ] as const)
        expect(roundRatio(n, d, mode)).toBe(roundToWholeUnits(new Dec(n).div(d), mode).toNumber());
    expect(roundRatio(-1, 2, "half-even")).toBeNaN();
    expect(roundRatio(Number.MAX_SAFE_INTEGER, 2, "half-even")).toBeNaN();
  });

  it("the multiple is the decimal quotient to 4 places, half-even", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 2e8 }), fc.integer({ min: 0, max: MAX_UNITS })),
        fc.oneof(fc.integer({ min: 1, max: 2e8 }), fc.integer({ min: 1, max: MAX_UNITS })),
        (received, paidIn) => {
          expect(multipleText(received, paidIn)).toBe(new Dec(received).div(paidIn).toFixed(4));
        },
      ),
      { numRuns: 3000 },
    );
    expect(multipleText(12_345, 10_000)).toBe(new Dec(12_345).div(10_000).toFixed(4));
    expect(multipleText(3, 20_000)).toBe("0.0002"); // 0.00015: a tie, to the even digit
    expect(multipleText(5, 20_000)).toBe("0.0002"); // 0.00025
  });
});

/** Rates that grow or discount by exact factors (100% over 365 days doubles), odd ones, and the extremes. */
const rateArb = fc.oneof(
  fc.constantFrom("0%", "4%", "6%", "100%", "300%", "1000%", "100000%", "12.345678%", "0.0001%"),
  fc.integer({ min: 0, max: 3000 }).map((n) => `${n / 100}%`),
);
const dayArb = fc.oneof(fc.integer({ min: 0, max: 4000 }), fc.constantFrom(0, 365, 730, 1095));

describe("discounting: the NPV in doubles equals the 60-digit decimal NPV", () => {
  const discountArb = fc.oneof(rateArb, fc.constantFrom("-50%", "-99.99999%", "-0.999999999999"));
  const flowsArb = fc
    .array(
      fc.record({
        day: dayArb,
        units: fc.oneof(
          fc.integer({ min: -5e9, max: 5e9 }),
          fc.integer({ min: -9, max: 9 }),
          fc.integer({ min: -MAX_UNITS, max: MAX_UNITS }),
        ),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((flows) => {
      const byDay = new Map<number, number>();
      for (const flow of flows) byDay.set(flow.day, flow.units);
      const days = [...byDay.keys()].sort((a, b) => a - b);
      return { days, units: days.map((day) => byDay.get(day)!) };
    });

  it("for any flows and rate (ties, exact factors, overflow and the largest amounts included)", () => {
    const options = { discountRate: "" };
    fc.assert(
      fc.property(
        flowsArb,
        discountArb,
        fc.constantFrom(["JPY", 0], ["EUR", 2], ["KWD", 3]),
        ({ days, units }, text, [currency, places]) => {
          const rate = readRate(text);
          const outcome = (compute: () => number) => {
            try {
              return compute();
            } catch (error) {
              return (error as { issues: { code: string; message: string }[] }).issues[0]!.code;
            }
          };
          const fast = outcome(() => npvUnits(days, units, rate, places, currency, "p", options));
          const exact = outcome(() => decimalNpv(days, units, rate.rate, places, currency, "p", options));
          expect(typeof fast === "number" ? fast + 0 : fast).toBe(typeof exact === "number" ? exact + 0 : exact);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("a tie is settled as the decimals settle it", () => {
    const rate = readRate("100%");
    // 3 minor units a year on are worth 1.5 today: the doubles cannot tell the decimal's rounding
    const options = { discountRate: "100%" };
    expect(npvUnits([0, 365], [0, 3], rate, 2, "EUR", "p", options)).toBe(
      decimalNpv([0, 365], [0, 3], rate.rate, 2, "EUR", "p", options),
    );
  });
});

describe("the return hurdle in doubles equals the 60-digit decimal hurdle", () => {
  const date = (day: number) => new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
  const base = dayNumber("2020-01-01"); // day 0 of the drawdowns and distributions below

  function contractWith(rate: string, draws: readonly { day: number; units: number }[], mode: RoundingMode): Contract {
    const amount = (units: number) => (units / 100).toFixed(2);
    const json = financeContractJson([{ id: "t1", dueDate: "2031-06-30" }], {
      investors: [
        {
          party: "senior",
          commitment: amount(draws.reduce((total, draw) => total + draw.units, 0)),
          fundedParty: "provider",
          drawdowns: draws.map((draw) => ({ date: date(draw.day), amount: amount(draw.units) })),
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps: [
          { type: "principal", investors: ["senior"] },
          { type: "return", investors: ["senior"], rate },
        ],
        excess: [{ party: "provider", share: "100%" }],
      },
    });
    return parseContract({ ...json, rounding: { mode, at: "tranche" } });
  }

  it("for any drawdowns, distributions, rate, day and rounding mode", () => {
    fc.assert(
      fc.property(
        rateArb,
        fc.array(fc.record({ day: dayArb, units: fc.integer({ min: 1, max: 5e10 }) }), { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({
            day: dayArb,
            units: fc.oneof(fc.integer({ min: 1, max: 5e10 }), fc.integer({ min: 1, max: 9 })),
          }),
          {
            maxLength: 4,
          },
        ),
        fc.integer({ min: 0, max: 4000 }),
        modeArb,
        (rate, draws, paid, day, mode) => {
          const finance = compileFinance(contractWith(rate, draws, mode))!;
          const step = finance.steps[1] as Extract<CompiledStep, { type: "return" }>;
          const state: InvestorState = {
            principalRepaid: 0,
            received: 0,
            distributions: paid.filter((entry) => entry.day <= day).flatMap((entry) => [base + entry.day, entry.units]),
          };
          const outcome = (compute: () => number) => {
            try {
              return compute();
            } catch (error) {
              return (error as { issues: { code: string; message: string }[] }).issues[0]!.message;
            }
          };
          const fast = outcome(() => hurdleUnits(finance, step, 1, 0, state, base + day));
          const exact = outcome(() => decimalHurdleUnits(finance, step, 1, 0, state, base + day));
          expect(typeof fast === "number" ? fast + 0 : fast).toBe(typeof exact === "number" ? exact + 0 : exact);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("an exact doubling at a directed rounding mode is settled as the decimals settle it", () => {
    for (const mode of ROUNDING_MODES) {
      const finance = compileFinance(contractWith("100%", [{ day: 0, units: 12_345 }], mode))!;
      const step = finance.steps[1] as Extract<CompiledStep, { type: "return" }>;
      const state: InvestorState = { principalRepaid: 0, received: 0, distributions: [] };
      const day = base + 365; // a year after the drawdown: grown by exactly 2
      expect(hurdleUnits(finance, step, 1, 0, state, day)).toBe(decimalHurdleUnits(finance, step, 1, 0, state, day));
    }
  });

  it("compiles a parsed contract's finance once", () => {
    const contract = contractWith("4%", [{ day: 0, units: 100 }], "half-even");
    expect(compileFinance(contract)).toBe(compileFinance(contract));
  });
});
