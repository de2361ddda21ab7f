import { Dec, readDecimal } from "../money/decimal.js";
import { growthLogarithm } from "./growth.js";
import { contractMinorUnits } from "../contract/contract-currency.js";
import type { Contract } from "../contract/types.js";
import { dayNumber, unitsOf, type MinorUnitsContext } from "./minor-units.js";
import { OptionsError, issue } from "../errors/validation-error.js";

/** An investor, ready for the waterfall: drawdowns in minor units, sorted by date. */
export interface CompiledInvestor {
  readonly party: string;
  readonly fundedParty: string;
  readonly commitment: number;
  readonly draws: readonly {
    readonly date: string;
    readonly day: number;
    readonly units: number;
    readonly exact: Dec;
  }[];
}

export type CompiledStep =
  | { readonly type: "principal"; readonly investors: readonly number[]; readonly parties: readonly string[] }
  | {
      readonly type: "return";
      readonly investors: readonly number[];
      readonly parties: readonly string[];
      readonly rate: Dec | null;
      /**
       * ln(1 + rate) as a double (0 for a zero rate, NaN when there is no rate or it has no finite logarithm):
       * the hurdle is first computed with it in doubles, and in decimals only when that cannot tell its rounding.
       */
      readonly growthLog: number;
      readonly rateText: string | null;
      readonly cap: number | null;
    }
  | {
      readonly type: "management-fee";
      readonly party: string;
      readonly parties: readonly string[];
      readonly rate: Dec;
      readonly rateText: string;
    }
  | {
      readonly type: "performance-fee";
      readonly party: string;
      readonly parties: readonly string[];
      readonly weights: readonly [number, number];
      readonly shareText: string;
    };

export interface CompiledGuarantee {
  readonly guarantor: string;
  readonly covers: readonly number[];
  readonly share: Dec;
  /** The share as a fraction of whole numbers (`numerator / denominator`, the denominator a power of ten), or null when they would not be safe integers. */
  readonly shareRatio: { readonly numerator: number; readonly denominator: number } | null;
  readonly shareText: string;
  readonly limit: number;
  readonly payOn: string;
  readonly day: number;
}

/** The `finance` section of a contract compiled once: minor units, day numbers, integer weights. */
export interface CompiledFinance extends MinorUnitsContext {
  readonly investors: readonly CompiledInvestor[];
  readonly steps: readonly CompiledStep[];
  readonly excess: { readonly parties: readonly string[]; readonly weights: readonly number[] };
  readonly guarantees: readonly CompiledGuarantee[];
  readonly pool: ReadonlySet<string>;
  /** The index of each excess party among the investors, or −1. */
  readonly excessInvestors: readonly number[];
  readonly totalCommitment: number;
  /** The first drawdown: management fees accrue from it. */
  readonly firstDraw: { readonly date: string; readonly day: number } | null;
}

/**
 * Shares or weights as whole numbers in the same proportions (scaled by a power of ten).
 * @throws OptionsError (`share_too_precise`) at `path` when a share has too many digits for the whole numbers to
 * stay below 2^53: `settle` splits such shares exactly, the investors' side and the simulation cannot.
 */
export function integerWeights(shares: readonly Dec[], path: readonly (string | number)[] = []): number[] {
  const places = Math.max(0, ...shares.map((share) => share.decimalPlaces()));
  const weights = shares.map((share) => share.times(new Dec(10).pow(places)).toNumber());
  const total = weights.reduce((acc, weight) => acc + weight, 0);
  if (!weights.every(Number.isSafeInteger) || !Number.isSafeInteger(total))
    throw new OptionsError([
      issue(
        path,
        "share_too_precise",
        `these shares have ${places} decimal places as fractions, too many to split whole minor units by them exactly: the investors' side and the simulation take at most 15 (13 after the point of a percentage)`,
      ),
    ]);
  return weights;
}

/** Each contract's compiled finance section, computed once: contracts from `parseContract` are frozen. */
const compiled = new WeakMap<Contract, CompiledFinance | null>();

/**
 * Compiles a parsed contract's `finance` section. Returns `null` when the contract has none.
 * The contract must come from `parseContract` (its references are then known to be sound). A frozen contract
 * is compiled once and its compiled section remembered (the same value is returned on every call).
 */
export function compileFinance(contract: Contract): CompiledFinance | null {
  const known = compiled.get(contract);
  if (known !== undefined || compiled.has(contract)) return known ?? null;
  const result = compile(contract);
  if (Object.isFrozen(contract)) compiled.set(contract, result);
  return result;
}

function compile(contract: Contract): CompiledFinance | null {
  const finance = contract.finance;
  if (finance === undefined) return null;
  const places = contractMinorUnits(contract);
  const units = (amount: string) => unitsOf(amount, places);
  const share = (text: string) => readDecimal(text) ?? new Dec(0);
  const investorIndex = new Map(finance.investors.map((investor, index) => [investor.party, index]));
  const indices = (parties: readonly string[]) => parties.map((party) => investorIndex.get(party)!);
  const investors = finance.investors.map((investor) => ({
    party: investor.party,
    fundedParty: investor.fundedParty,
    commitment: units(investor.commitment),
    draws: investor.drawdowns
      .map((drawdown) => ({
        date: drawdown.date,
        day: dayNumber(drawdown.date),
        units: units(drawdown.amount),
        exact: new Dec(units(drawdown.amount)),
      }))
      .sort((a, b) => a.day - b.day),
  }));
  const steps: CompiledStep[] = finance.waterfall.steps.map((step) => {
    switch (step.type) {
      case "principal":
        return { type: "principal", investors: indices(step.investors), parties: step.investors.slice() };
      case "return": {
        const rate = step.rate === undefined ? null : share(step.rate);
        const cap = step.cap === undefined ? null : units(step.cap);
        return {
          type: "return",
          investors: indices(step.investors),
          parties: step.investors.slice(),
          rate,
          growthLog: rate === null ? Number.NaN : rate.isZero() ? 0 : growthLogarithm(rate),
          rateText: step.rate ?? null,
          cap,
        };
      }
      case "management-fee":
        return {
          type: "management-fee",
          party: step.party,
          parties: [step.party],
          rate: share(step.rate),
          rateText: step.rate,
        };
      case "performance-fee": {
        const fee = share(step.share);
        const [feeWeight, restWeight] = integerWeights(
          [fee, new Dec(1).minus(fee)],
          ["contract", "finance", "waterfall", "steps", finance.waterfall.steps.indexOf(step), "share"],
        ) as [number, number];
        return {
          type: "performance-fee",
          party: step.party,
          parties: [step.party],
          weights: [feeWeight, restWeight],
          shareText: step.share,
        };
      }
    }
  });
  const firstDraw = investors.flatMap((investor) => investor.draws).sort((a, b) => a.day - b.day)[0];
  return {
    currency: contract.currency,
    places,
    mode: contract.rounding.mode,
    investors,
    steps,
    excess: {
      parties: finance.waterfall.excess.map((entry) => entry.party),
      weights: integerWeights(
        finance.waterfall.excess.map((entry) => share(entry.share)),
        ["contract", "finance", "waterfall", "excess"],
      ),
    },
    guarantees: (finance.guarantees ?? []).map((guarantee) => {
      const payOn = guarantee.payOn ?? contract.term.end;
      const value = share(guarantee.share);
      return {
        guarantor: guarantee.guarantor,
        covers: indices(guarantee.covers),
        share: value,
        shareRatio: ratioOf(value),
        shareText: guarantee.share,
        limit: units(guarantee.limit),
        payOn,
        day: dayNumber(payOn),
      };
    }),
    pool: new Set(finance.waterfall.pool),
    excessInvestors: finance.waterfall.excess.map((entry) => investorIndex.get(entry.party) ?? -1),
    totalCommitment: investors.reduce((acc, investor) => acc + investor.commitment, 0),
    firstDraw: firstDraw === undefined ? null : { date: firstDraw.date, day: firstDraw.day },
  };
}

/** A non-negative decimal as a fraction of safe integers with a power of ten below, or null when it has no such form. */
function ratioOf(value: Dec): { numerator: number; denominator: number } | null {
  const places = value.decimalPlaces();
  if (places > 15) return null;
  const denominator = 10 ** places;
  const numerator = value.times(denominator).toNumber();
  return Number.isSafeInteger(numerator) && numerator >= 0 ? { numerator, denominator } : null;
}
