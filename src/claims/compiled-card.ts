import { Dec, readDecimal } from "../money/decimal.js";
import { contractMinorUnits } from "../contract/contract-currency.js";
import type { Contract } from "../contract/types.js";
import type { RateCard } from "../contract/rate-card-types.js";
import { addMonthsToDay, dayNumber } from "../contract/day-number.js";

/**
 * A rate card compiled once into integer tables for the hot path: outcome indices, prices in minor units by
 * day number, prerequisite and group indices, caps in minor units (`Infinity` when absent).
 */
export interface CompiledCard {
  readonly card: RateCard;
  readonly contractId: string;
  readonly currency: string;
  readonly places: number;
  readonly codes: readonly string[];
  readonly names: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** The index of the outcome whose code is the ASCII bytes `bytes[from, to)` (a claims file's field), or -1. */
  indexOfBytes(bytes: Uint8Array, from: number, to: number): number;
  /** Per outcome: the days prices change (ascending, the first is -Infinity) and the prices from each day. */
  readonly priceFrom: readonly (readonly number[])[];
  readonly priceMinor: readonly (readonly number[])[];
  /** The same prices as decimal strings (`"1400.00"`), made once for the decisions. */
  readonly priceText: readonly (readonly string[])[];
  /** The first outcome the outcome requires (`requires`, else the first of its lists), or -1 when it requires none. */
  readonly requires: Int32Array;
  /**
   * The outcomes that must all be met (`requires` and `requiresAllOf`): `allOf[allFrom[o] .. allFrom[o + 1])`; and
   * those of which one must be (`requiresAnyOf`): `anyOf[anyFrom[o] .. anyFrom[o + 1])`.
   */
  readonly allFrom: Int32Array;
  readonly allOf: Int32Array;
  readonly anyFrom: Int32Array;
  readonly anyOf: Int32Array;
  /** The lower rungs of the outcome's exclusive group, which achieving it meets: `lower[lowerFrom[o] .. lowerFrom[o + 1])`. */
  readonly lowerFrom: Int32Array;
  readonly lower: Int32Array;
  /**
   * Prerequisite depth: 0 for an outcome that requires none, else one more than the deepest outcome that can
   * meet its prerequisites (those it names and the higher rungs of their ladders). Same-day claims of a
   * participant are taken by depth, then claim id.
   */
  readonly depth: Int32Array;
  readonly maxClaims: Float64Array;
  readonly windowMonths: Int32Array;
  readonly windowFromPrerequisite: Uint8Array;
  /** A holding period in days (weeks × 7), or in calendar months (0 when none), and whether from the prerequisite. */
  readonly holdDays: Int32Array;
  readonly holdMonths: Int32Array;
  readonly holdFromPrerequisite: Uint8Array;
  readonly maxVolume: Float64Array;
  readonly group: Int32Array;
  readonly rung: Int32Array;
  readonly groupIds: readonly string[];
  readonly capParticipant: number;
  readonly capPeriod: number;
  readonly capContract: number;
  readonly termStart: number;
  readonly termEnd: number;
  readonly payers: readonly { readonly party: string; readonly share: string; readonly ratio: Dec }[];
  /** The window end for a start day (`addMonthsToDay`), memoised per outcome. */
  windowEnd(outcome: number, start: number): number;
  /** The first day the outcome has been held long enough, for a holding period that starts on `start`. */
  heldFrom(outcome: number, start: number): number;
}

const compiled = new WeakMap<Contract, CompiledCard>();
const NOT_COMPUTED = -2147483648;

/** Compiles the rate card of a checked contract (memoised per contract object). */
export function compileCard(contract: Contract, card: RateCard): CompiledCard {
  const cached = compiled.get(contract);
  if (cached !== undefined) return cached;
  const places = contractMinorUnits(contract);
  const scale = new Dec(10).pow(places);
  const toMinor = (amount: string | undefined) =>
    amount === undefined ? Infinity : new Dec(amount).times(scale).toNumber();
  const outcomes = card.outcomes;
  const count = outcomes.length;
  const indexOf = new Map(outcomes.map((outcome, index) => [outcome.code, index]));
  const requires = new Int32Array(count).fill(-1);
  const allLists = outcomes.map((outcome) =>
    [...(outcome.requires === undefined ? [] : [outcome.requires]), ...(outcome.requiresAllOf ?? [])]
      .map((code) => indexOf.get(code) ?? -1)
      .filter((index) => index >= 0),
  );
  const anyLists = outcomes.map((outcome) =>
    (outcome.requiresAnyOf ?? []).map((code) => indexOf.get(code) ?? -1).filter((index) => index >= 0),
  );
  const [allFrom, allOf] = packLists(allLists);
  const [anyFrom, anyOf] = packLists(anyLists);
  const holdDays = new Int32Array(count);
  const holdMonths = new Int32Array(count);
  const holdFromPrerequisite = new Uint8Array(count);
  const maxClaims = new Float64Array(count);
  const windowMonths = new Int32Array(count);
  const windowFromPrerequisite = new Uint8Array(count);
  const maxVolume = new Float64Array(count);
  const group = new Int32Array(count).fill(-1);
  const rung = new Int32Array(count).fill(-1);
  outcomes.forEach((outcome, index) => {
    requires[index] = allLists[index]![0] ?? anyLists[index]![0] ?? -1;
    const hold = outcome.holdingPeriod;
    if (hold !== undefined) {
      holdDays[index] = hold.days ?? 7 * (hold.weeks ?? 0);
      holdMonths[index] = hold.months ?? 0;
      holdFromPrerequisite[index] = hold.from === "prerequisite" ? 1 : 0;
    }
    maxClaims[index] = outcome.maxClaimsPerParticipant ?? 1;
    windowMonths[index] = outcome.window?.months ?? 0;
    windowFromPrerequisite[index] = outcome.window?.from === "prerequisite" ? 1 : 0;
    maxVolume[index] = outcome.maxVolume ?? Infinity;
  });
  const groupIds = (card.exclusiveGroups ?? []).map((entry, groupIndex) => {
    entry.outcomes.forEach((code, position) => {
      const index = indexOf.get(code);
      if (index !== undefined) {
        group[index] = groupIndex;
        rung[index] = position;
      }
    });
    return entry.id;
  });
  const rungs = (card.exclusiveGroups ?? []).map((entry) =>
    entry.outcomes.map((code) => indexOf.get(code) ?? -1).filter((index) => index >= 0),
  );
  const [lowerFrom, lower] = packLists(
    outcomes.map((_, index) => (group[index]! >= 0 ? rungs[group[index]!]!.slice(0, rung[index]!) : [])),
  );
  const higher = outcomes.map((_, index) => (group[index]! >= 0 ? rungs[group[index]!]!.slice(rung[index]! + 1) : []));
  const depth = prerequisiteDepths(
    outcomes.map((_, index) => [...allLists[index]!, ...anyLists[index]!]),
    higher,
  );
  // Window ends by start day: a table per outcome over the days a window can start from (enrolments up to ten
  // years before the term, prerequisites within it), filled as needed; a map beyond.
  const firstStart = dayNumber(contract.term.start) - 3660;
  const lastStart = dayNumber(contract.term.end);
  const priceMinor = outcomes.map((outcome) => [
    toMinor(outcome.price),
    ...(outcome.priceChanges ?? []).map((change) => toMinor(change.price)),
  ]);
  const codeBytes = outcomes.map((outcome) => Uint8Array.from(outcome.code, (char) => char.charCodeAt(0)));
  const byLength: (number[] | undefined)[] = [];
  codeBytes.forEach((bytes, index) => {
    byLength[bytes.length] ??= [];
    byLength[bytes.length]!.push(index);
  });
  const result: CompiledCard = {
    card,
    contractId: contract.id,
    currency: contract.currency,
    places,
    codes: outcomes.map((outcome) => outcome.code),
    names: outcomes.map((outcome) => outcome.name),
    indexOf,
    priceFrom: outcomes.map((outcome) => [
      -Infinity,
      ...(outcome.priceChanges ?? []).map((change) => dayNumber(change.from)),
    ]),
    priceMinor,
    priceText: priceMinor.map((prices) => prices.map((price) => formatMinor(price, places))),
    requires,
    allFrom,
    allOf,
    anyFrom,
    anyOf,
    lowerFrom,
    lower,
    depth,
    holdDays,
    holdMonths,
    holdFromPrerequisite,
    maxClaims,
    windowMonths,
    windowFromPrerequisite,
    maxVolume,
    group,
    rung,
    groupIds,
    capParticipant: toMinor(card.caps?.perParticipant),
    capPeriod: toMinor(card.caps?.perPeriod),
    capContract: toMinor(card.caps?.contract),
    termStart: dayNumber(contract.term.start),
    termEnd: dayNumber(contract.term.end),
    payers: card.payers.map((entry) => ({
      party: entry.party,
      share: entry.share,
      ratio: readDecimal(entry.share) ?? new Dec(0),
    })),
    indexOfBytes(bytes, from, to) {
      // The codes of that length, compared byte by byte: a card has a handful, a length one or two.
      const candidates = byLength[to - from];
      if (candidates === undefined) return -1;
      for (const index of candidates) {
        const code = codeBytes[index]!;
        let i = 0;
        while (i < code.length && code[i] === bytes[from + i]) i += 1;
        if (i === code.length) return index;
      }
      return -1;
    },
    windowEnd: monthsLater(windowMonths, firstStart, lastStart),
    heldFrom: (() => {
      const months = monthsLater(holdMonths, firstStart, lastStart);
      return (outcome: number, start: number) =>
        holdMonths[outcome]! > 0 ? months(outcome, start) : start + holdDays[outcome]!;
    })(),
  };
  compiled.set(contract, result);
  return result;
}

/**
 * `addMonthsToDay(start, months[outcome])`, memoised per outcome: a table over the days from `firstStart` to
 * `lastStart` (enrolments up to ten years before the term, prerequisites within it), filled as needed; a map beyond.
 */
function monthsLater(
  months: Int32Array,
  firstStart: number,
  lastStart: number,
): (outcome: number, start: number) => number {
  const tables = Array.from(months, () => undefined as Int32Array | undefined);
  const memo = Array.from(months, () => new Map<number, number>());
  return (outcome, start) => {
    if (start >= firstStart && start <= lastStart) {
      let table = tables[outcome];
      if (table === undefined) {
        table = new Int32Array(lastStart - firstStart + 1).fill(NOT_COMPUTED);
        tables[outcome] = table;
      }
      let end = table[start - firstStart]!;
      if (end === NOT_COMPUTED) {
        end = addMonthsToDay(start, months[outcome]!);
        table[start - firstStart] = end;
      }
      return end;
    }
    const byStart = memo[outcome]!;
    let end = byStart.get(start);
    if (end === undefined) {
      end = addMonthsToDay(start, months[outcome]!);
      byStart.set(start, end);
    }
    return end;
  };
}

/** Lists of integers end to end: where each starts (and the last ends), and the entries. */
function packLists(lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
  const from = new Int32Array(lists.length + 1);
  lists.forEach((list, index) => (from[index + 1] = from[index]! + list.length));
  return [from, Int32Array.from(lists.flat())];
}

/**
 * The prerequisite depth of each outcome (see `CompiledCard.depth`) from the outcomes each names and the higher
 * rungs of each outcome's ladder. A checked card has no cycle of prerequisites; a path through a ladder that comes
 * back to an outcome being measured counts for nothing, so the depth is defined for any card.
 */
function prerequisiteDepths(named: readonly (readonly number[])[], higher: readonly (readonly number[])[]): Int32Array {
  const depth = new Int32Array(named.length).fill(-1);
  const visiting = new Uint8Array(named.length);
  const measure = (o: number): number => {
    if (depth[o]! >= 0) return depth[o]!;
    if (visiting[o] === 1) return 0;
    visiting[o] = 1;
    let deepest = -1;
    for (const member of named[o]!) {
      for (const meets of [member, ...higher[member]!]) if (meets !== o) deepest = Math.max(deepest, measure(meets));
    }
    visiting[o] = 0;
    depth[o] = deepest + 1;
    return depth[o]!;
  };
  for (let o = 0; o < named.length; o += 1) measure(o);
  return depth;
}

/** The index of the entry of an outcome's price schedule in force on a day. */
export function priceEntry(card: CompiledCard, outcome: number, day: number): number {
  const from = card.priceFrom[outcome]!;
  let entry = from.length - 1;
  while (from[entry]! > day) entry -= 1;
  return entry;
}

/** The price in minor units of an outcome achieved on a day. */
export function priceAt(card: CompiledCard, outcome: number, day: number): number {
  return card.priceMinor[outcome]![priceEntry(card, outcome, day)]!;
}

/** Minor units as a decimal string with the currency's places: 140000 → "1400.00" (EUR). */
export function formatMinor(value: number | bigint, places: number): string {
  const digits = value.toString();
  if (places === 0) return digits;
  const padded = digits.padStart(places + 1, "0");
  return `${padded.slice(0, -places)}.${padded.slice(-places)}`;
}
