import type { Money } from "./money.js";

/**
 * Money of whole minor units held in a JavaScript number (a safe integer), and the one cache of values by amount
 * (`UnitsTable`) that the engine's settlement plan and the finance layer keep their money (and texts) in.
 *
 * @internal Not exported from the package: callers see decimal strings.
 */

/** ".00" to ".99": the decimal point and the two digits of the minor unit of the most common currencies. */
const CENTS: readonly string[] = /* @__PURE__ */ Array.from(
  { length: 100 },
  (_, minor) => `.${String(minor).padStart(2, "0")}`,
);

/**
 * The decimal string of a number of minor units with exactly `places` digits after the point, e.g.
 * (123450, 2) → "1234.50"; zero unsigned (−0 too). The same text as `fixedUnits` of the same units.
 * @throws RangeError when `units` is not a safe integer.
 */
export function unitsText(units: number, places: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`${units} minor units cannot be represented exactly`);
  const magnitude = units < 0 ? -units : units;
  if (places === 0) return units < 0 ? `-${magnitude}` : `${magnitude}`;
  if (places === 2) {
    const minor = magnitude % 100; // exact on doubles, and so is the quotient below
    const text = `${(magnitude - minor) / 100}${CENTS[minor]!}`;
    return units < 0 ? `-${text}` : text;
  }
  const scale = 10 ** places;
  const minor = magnitude % scale;
  const text = `${(magnitude - minor) / scale}.${`${minor}`.padStart(places, "0")}`;
  return units < 0 ? `-${text}` : text;
}

/** The number of slots of a table unless it says otherwise: a prime, so that amounts of round sizes spread over them. */
const SLOTS = 1_021;

/**
 * Values made from amounts of minor units (money, an amount's text), kept by amount: they never change, so the same
 * value serves every result that shows that amount (a settlement's tranche, a cash-flow view, a total, a return),
 * and re-running the same figures makes no new text or object. A fixed table of slots (1,021 unless told), each
 * amount in one slot by its value, a new amount replacing the one there: an amount not seen before costs one store,
 * nothing grows, and little is kept for the collector. Which object an amount gets is never part of a result.
 */
export class UnitsTable<T> {
  private readonly keys: Float64Array;
  private readonly values: T[];

  /** `make` makes the value of an amount (a safe integer of minor units) not in the table; `slots` is best a prime. */
  constructor(
    private readonly make: (units: number) => T,
    slots = SLOTS,
  ) {
    this.keys = new Float64Array(slots).fill(Number.NaN);
    this.values = new Array<T>(slots);
  }

  /** The value of `units` minor units (a safe integer; −0 is 0): the one kept for it, or made and kept. */
  get(units: number): T {
    const slot = (units >>> 0) % this.keys.length;
    // −0 finds 0's value ("0.00" is the text of both); NaN finds nothing
    if (this.keys[slot] === units) return this.values[slot]!;
    const value = this.make(units);
    this.keys[slot] = units;
    this.values[slot] = value;
    return value;
  }
}

/** A table of money of `currency` with `places` minor digits, by amount (frozen, as every `Money`). */
export function moneyTable(places: number, currency: string): UnitsTable<Money> {
  return new UnitsTable((units) => Object.freeze({ amount: unitsText(units, places), currency }));
}

/** The table `internedMoney` used last, of money of `sharedCurrency` with `sharedPlaces` minor digits. */
let shared: UnitsTable<Money> | null = null;
let sharedCurrency = "";
let sharedPlaces = -1;
/** The tables of the currencies asked for before, at most 16, so that going back and forth keeps them. */
const tables = new Map<string, UnitsTable<Money>>();

/**
 * The money of `units` minor units (a safe integer) with `places` minor digits in `currency`, from a table kept
 * for that currency (`moneyTable`): for the layers that compute in one currency at a time without a plan of their
 * own to hold a table (the investors' side).
 */
export function internedMoney(units: number, places: number, currency: string): Money {
  if (shared === null || currency !== sharedCurrency || places !== sharedPlaces) {
    const key = `${places} ${currency}`;
    let found = tables.get(key);
    if (found === undefined) {
      if (tables.size >= 16) tables.clear();
      found = moneyTable(places, currency);
      tables.set(key, found);
    }
    shared = found;
    sharedCurrency = currency;
    sharedPlaces = places;
  }
  return shared.get(units);
}
