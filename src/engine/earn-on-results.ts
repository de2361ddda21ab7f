import { trancheInForce } from "../contract/amendments.js";
import type { Coverage } from "../contract/types.js";
import { coverageLabel } from "../contract/coverage.js";
import { remember } from "../util/remember.js";
import type { ResultState } from "../ledger/history.js";
import type { MeasurementRecord } from "../contract/measurement-format.js";
import { earnTranche, noUsage, type EarnedTranche, type PricingMemo } from "./earn-tranche.js";
import type { SettlementPlan } from "./settlement-plan.js";

/**
 * The settlement date of a re-pricing: every amendment agreed and every tranche due. Re-priced on results
 * drawn or supposed (the simulation), a tranche is priced on its terms as amended by every amendment.
 */
export const END_OF_TIME = "9999-12-31";

const NO_TRAIL: ResultState["trail"] = Object.freeze([]);

/** Each result a plan reads, by scope key: its metric and scope as the explanation names them. */
const names = new WeakMap<SettlementPlan, Map<string, { metric: string; scope: string }>>();

/** A result a plan reads: a metric on a period or cohort, and its scope key. */
export interface ReadScope {
  readonly metric: string;
  readonly key: string;
  readonly covers: Coverage;
}

/**
 * Every result the plan's tranches read when all are priced on `END_OF_TIME`, in settlement order, no
 * repeats: each tranche's own results, what its formulas read in other periods, and the pooled result its
 * cohort fallback prices on.
 */
export function resultsRead(plan: SettlementPlan): ReadScope[] {
  const scopes = new Map<string, ReadScope>();
  const add = (needs: readonly { metric: string; key: string; covers: Coverage }[]) => {
    for (const { metric, key, covers } of needs) if (!scopes.has(key)) scopes.set(key, { metric, key, covers });
  };
  for (const original of plan.order) {
    const { terms, tranche } = trancheInForce(plan.contract, original, { asOf: END_OF_TIME });
    add(plan.termsOf(tranche, terms).needs);
    if (tranche.fallback !== undefined)
      add(plan.needsOf(terms, tranche.fallback.pricing, { cohort: tranche.fallback.cohort }));
  }
  return [...scopes.values()];
}

/**
 * What every tranche earns, in settlement order, when every result it reads is verified with the value given
 * (by scope key, as decimal text) and nothing has been paid: the plan run as `settle` runs it, figures only.
 * `memo` remembers each tranche's price on the values it read (results drawn to a few decimals repeat often): a
 * result's measurement, where there is one, must be decided by its value (as the simulation's are).
 */
export function earnOnResults(
  plan: SettlementPlan,
  values: ReadonlyMap<string, string>,
  memo: PricingMemo,
  /** The measurement each result carries, by scope key, where the run draws one (statistical options price it). */
  measurements?: ReadonlyMap<string, MeasurementRecord>,
): EarnedTranche[] {
  const scopes = remember(names, plan, () => {
    const byKey = new Map<string, { metric: string; scope: string }>();
    for (const { metric, key, covers } of resultsRead(plan)) byKey.set(key, { metric, scope: coverageLabel(covers) });
    return byKey;
  });
  const states = new Map<string, ResultState>();
  const result = (key: string): ResultState | undefined => {
    let state = states.get(key);
    if (state === undefined) {
      const value = values.get(key);
      if (value === undefined) return undefined;
      // named as the tranches reading it name it (so that `resultSteps` reads it as it is)
      const named = scopes.get(key);
      const measurement = measurements?.get(key);
      state = {
        kind: "result",
        metric: named?.metric ?? "",
        scope: named?.scope ?? "",
        status: "verified",
        value,
        eventId: "",
        recordedAt: END_OF_TIME,
        ...(measurement === undefined ? {} : { measurement }),
        trail: NO_TRAIL,
      };
      states.set(key, state);
    }
    return state;
  };
  const run = { plan, asOf: END_OF_TIME, result, usage: noUsage(), explain: false, memo };
  return plan.order.map((tranche) => earnTranche(run, tranche));
}
