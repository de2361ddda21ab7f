import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract, priceLines, ROUNDING_MODES, type PriceLine, type RoundingMode } from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";
import { contractJson, tranche } from "../support/contract-builder.js";

/**
 * priceLines keeps each line in plain numbers while it is a safe integer of minor units, and falls back to
 * exact bigints past that: every amount and total must be what the private decimal type computes, for any
 * size of line, any rounding mode, and invoice totals past 2^53 minor units.
 */

const DEC_MODE: Record<RoundingMode, number> = {
  "half-even": Dec.ROUND_HALF_EVEN,
  "half-up": Dec.ROUND_HALF_UP,
  "half-down": Dec.ROUND_HALF_DOWN,
  down: Dec.ROUND_DOWN,
  up: Dec.ROUND_UP,
  floor: Dec.ROUND_FLOOR,
  ceiling: Dec.ROUND_CEIL,
};

const PRICES: Record<string, string> = { anc4: "6.00", delivery: "18.333", visit: "0.0125" };

/** A line's amount (quantity × price × (1 + 10% × quality above 0.6), less a fee, at most a cap) by formula. */
const contractFor = (mode: RoundingMode, currency = "EUR") =>
  parseContract(
    contractJson({
      currency,
      rounding: { mode, at: "tranche" },
      periods: [{ id: "2027-Q1", start: "2027-01-01", end: "2027-03-31" }],
      tranches: [tranche({ covers: { period: "2027-Q1" } })],
      parameters: { bonusRate: "10%", fee: "0.35", cap: "1000000000000000000" },
      inputs: { quantity: "number", quality: "number", indicator: "text" },
      tables: [
        {
          id: "price",
          inputs: ["indicator"],
          rows: Object.entries(PRICES).map(([indicator, price]) => ({ when: [indicator], then: price })),
        },
      ],
      formulas: [
        { id: "bonus", expression: "if(input.quality >= 0.6, bonusRate * input.quality, 0)" },
        {
          id: "line",
          expression:
            'min(sum(input.quantity * lookup("price", input.indicator) * (1 + bonus), -fee, [0, 0.5 - 0.5]), cap)',
        },
      ],
    } as never),
  );

/** The same line priced with the private decimal type, one operation at a time. */
function expected(
  inputs: { quantity: string; quality: string; indicator: string },
  mode: RoundingMode,
  places: number,
) {
  const quality = new Dec(inputs.quality);
  const bonus = quality.gte("0.6") ? new Dec("0.1").times(quality) : new Dec(0);
  const value = Dec.min(
    new Dec(inputs.quantity).times(PRICES[inputs.indicator]!).times(new Dec(1).plus(bonus)).minus("0.35"),
    new Dec("1000000000000000000"),
  );
  return value.isNegative() ? new Dec(0) : value.toDecimalPlaces(places, DEC_MODE[mode] as never);
}

const quantity = fc.oneof(
  fc.integer({ min: -100, max: 5000 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 1, max: 8 })).map(([digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, "0");
    return `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  }),
);

describe("priceLines gives the private decimal type's figures for lines of any size", () => {
  it("every amount and total, in every rounding mode, with inputs as numbers or decimal strings", () => {
    const contracts = new Map(ROUNDING_MODES.map((mode) => [mode, contractFor(mode)] as const));
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUNDING_MODES),
        fc.array(
          fc.record({
            invoice: fc.constantFrom("A", "B", "C"),
            indicator: fc.constantFrom(...Object.keys(PRICES)),
            quantity,
            quality: fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toString()),
            asNumbers: fc.boolean(),
          }),
          { maxLength: 25 },
        ),
        (mode, drawn) => {
          const lines: PriceLine[] = drawn.map((l) => ({
            invoice: l.invoice,
            inputs: {
              // A quantity that a JSON number writes as it is, as it would come from a parsed file.
              quantity: l.asNumbers && String(Number(l.quantity)) === l.quantity ? Number(l.quantity) : l.quantity,
              quality: l.asNumbers ? Number(l.quality) : l.quality,
              indicator: l.indicator,
            },
          }));
          const run = priceLines(contracts.get(mode)!, lines, {
            formula: "line",
            period: "2027-Q1",
            asOf: "2027-04-30",
          });
          const amounts = drawn.map((l) => expected(l, mode, 2));
          expect(run.amounts).toEqual(amounts.map((amount) => amount.toFixed(2)));
          const totals = new Map<string, Dec>();
          drawn.forEach((l, i) => totals.set(l.invoice, (totals.get(l.invoice) ?? new Dec(0)).plus(amounts[i]!)));
          expect(run.invoices.map((invoice) => [invoice.invoice, invoice.total.amount])).toEqual(
            [...totals].map(([invoice, total]) => [invoice, total.toFixed(2)]),
          );
          expect(run.total.amount).toBe(amounts.reduce((a, b) => a.plus(b), new Dec(0)).toFixed(2));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("invoice totals past 2^53 minor units stay exact", () => {
    const contract = contractFor("half-even");
    // 6,666,666,666,666 × 6.00 = 39,999,999,999,996.00 less the fee: 3,999,999,999,999,565 cents, a safe
    // integer; three of them are past 2^53 (9,007,199,254,740,991); the last line is past it on its own.
    const big = { quantity: 6_666_666_666_666, quality: 0, indicator: "anc4" };
    const lines: PriceLine[] = [
      { invoice: "A", inputs: big },
      { invoice: "A", inputs: big },
      { invoice: "B", inputs: { quantity: 1, quality: 0, indicator: "anc4" } },
      { invoice: "A", inputs: big },
      { invoice: "A", inputs: { ...big, quantity: "123456789012345678901.5" } },
    ];
    const run = priceLines(contract, lines, { formula: "line", period: "2027-Q1", asOf: "2027-04-30" });
    expect(run.amounts).toEqual([
      "39999999999995.65",
      "39999999999995.65",
      "5.65",
      "39999999999995.65",
      "1000000000000000000.00", // the cap
    ]);
    expect(run.invoices).toEqual([
      { invoice: "A", lines: 4, total: { amount: "1000119999999999986.95", currency: "EUR" } },
      { invoice: "B", lines: 1, total: { amount: "5.65", currency: "EUR" } },
    ]);
    expect(run.total).toEqual({ amount: "1000119999999999992.60", currency: "EUR" });
  });

  it("a currency without minor units (JPY) and a negative line that pays nothing", () => {
    const contract = contractFor("half-up", "JPY");
    const run = priceLines(
      contract,
      [
        { invoice: "A", inputs: { quantity: 3, quality: 0, indicator: "delivery" } }, // 54.999 - 0.35 → 55
        { invoice: "A", inputs: { quantity: -4, quality: 0, indicator: "anc4" } }, // negative → 0
        { invoice: "A", inputs: { quantity: 7, quality: "0.7", indicator: "visit" } }, // 0.0937 - 0.35 < 0 → 0
      ],
      { formula: "line", period: "2027-Q1", asOf: "2027-04-30" },
    );
    expect(run.amounts).toEqual(["55", "0", "0"]);
    expect(run.total).toEqual({ amount: "55", currency: "JPY" });
  });
});
