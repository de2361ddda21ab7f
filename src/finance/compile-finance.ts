import { Dec, readDecimal } from "../money/decimal.js";
import { minorUnits } from "../money/currency.js";
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
  | { readonly type: "principal"; readonly investors: readonly number[] }
  | {
      readonly type: "return";
      readonly investors: readonly number[];
      readonly rate: Dec | null;
      readonly rateText: string | null;
      readonly cap: number | null;
    }
  | { readonly type: "management-fee"; readonly party: string; readonly rate: Dec; readonly rateText: string }
  | {
      readonly type: "performance-fee";
      readonly party: string;
      readonly weights: readonly [number, number];
      readonly shareText: string;
    };

export interface CompiledGuarantee {
  readonly guarantor: string;
  readonly covers: readonly number[];
  readonly share: Dec;
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

/**
 * Compiles a parsed contract's `finance` section. Returns `null` when the contract has none.
 * The contract must come from `parseContract` (its references are then known to be sound).
 */
export function compileFinance(contract: Contract): CompiledFinance | null {
  const finance = contract.finance;
  if (finance === undefined) return null;
  const places = minorUnits(contract.currency);
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
        return { type: "principal", investors: indices(step.investors) };
      case "return":
        return {
          type: "return",
          investors: indices(step.investors),
          rate: step.rate === undefined ? null : share(step.rate),
          rateText: step.rate ?? null,
          cap: step.cap === undefined ? null : units(step.cap),
        };
      case "management-fee":
        return { type: "management-fee", party: step.party, rate: share(step.rate), rateText: step.rate };
      case "performance-fee": {
        const fee = share(step.share);
        const [feeWeight, restWeight] = integerWeights(
          [fee, new Dec(1).minus(fee)],
          ["contract", "finance", "waterfall", "steps", finance.waterfall.steps.indexOf(step), "share"],
        ) as [number, number];
        return { type: "performance-fee", party: step.party, weights: [feeWeight, restWeight], shareText: step.share };
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
      return {
        guarantor: guarantee.guarantor,
        covers: indices(guarantee.covers),
        share: share(guarantee.share),
        shareText: guarantee.share,
        limit: units(guarantee.limit),
        payOn,
        day: dayNumber(payOn),
      };
    }),
    pool: new Set(finance.waterfall.pool),
    totalCommitment: investors.reduce((acc, investor) => acc + investor.commitment, 0),
    firstDraw: firstDraw === undefined ? null : { date: firstDraw.date, day: firstDraw.day },
  };
}
