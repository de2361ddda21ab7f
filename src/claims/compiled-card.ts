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
  readonly requires: Int32Array;
  /** Length of the prerequisite chain below the outcome: prerequisites sort first among same-day claims. */
  readonly depth: Int32Array;
  readonly maxClaims: Float64Array;
  readonly windowMonths: Int32Array;
  readonly windowFromPrerequisite: Uint8Array;
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
  const depth = new Int32Array(count);
  const maxClaims = new Float64Array(count);
  const windowMonths = new Int32Array(count);
  const windowFromPrerequisite = new Uint8Array(count);
  const maxVolume = new Float64Array(count);
  const group = new Int32Array(count).fill(-1);
  const rung = new Int32Array(count).fill(-1);
  outcomes.forEach((outcome, index) => {
    if (outcome.requires !== undefined) requires[index] = indexOf.get(outcome.requires) ?? -1;
    maxClaims[index] = outcome.maxClaimsPerParticipant ?? 1;
    windowMonths[index] = outcome.window?.months ?? 0;
    windowFromPrerequisite[index] = outcome.window?.from === "prerequisite" ? 1 : 0;
    maxVolume[index] = outcome.maxVolume ?? Infinity;
  });
  outcomes.forEach((_, index) => {
    let steps = 0;
    for (let next = requires[index]!; next >= 0 && steps <= count; next = requires[next]!) steps += 1;
    depth[index] = steps;
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
  // Window ends by start day: a table per outcome over the days a window can start from (enrolments up to ten
  // years before the term, prerequisites within it), filled as needed; a map beyond.
  const firstStart = dayNumber(contract.term.start) - 3660;
  const lastStart = dayNumber(contract.term.end);
  const tables = outcomes.map(() => undefined as Int32Array | undefined);
  const memo = outcomes.map(() => new Map<number, number>());
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
    depth,
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
    windowEnd(outcome, start) {
      if (start >= firstStart && start <= lastStart) {
        let table = tables[outcome];
        if (table === undefined) {
          table = new Int32Array(lastStart - firstStart + 1).fill(NOT_COMPUTED);
          tables[outcome] = table;
        }
        let end = table[start - firstStart]!;
        if (end === NOT_COMPUTED) {
          end = addMonthsToDay(start, windowMonths[outcome]!);
          table[start - firstStart] = end;
        }
        return end;
      }
      const byStart = memo[outcome]!;
      let end = byStart.get(start);
      if (end === undefined) {
        end = addMonthsToDay(start, windowMonths[outcome]!);
        byStart.set(start, end);
      }
      return end;
    },
  };
  compiled.set(contract, result);
  return result;
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
