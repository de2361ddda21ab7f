import type { Coverage, Metric, Tranche } from "../contract/types.js";
import type { FormulaEnvironment } from "../pricing/contract-formulas.js";
import type { ResultStep, Step } from "../explanation/steps.js";
import { isZero } from "../formula/exact.js";
import type { Priced } from "../pricing/evaluate-rule.js";
import { priceWithStatistics } from "../pricing/statistical-gates.js";
import type { TrancheStatus } from "./settlement-types.js";
import { pendingStatus } from "./tranche-status.js";

/** What pricing a tranche gave: an amount, or a pending status (while a pooled fallback result is awaited). */
export type TranchePricing = (
  | { readonly pending: null; readonly priced: Priced; readonly steps: readonly Step[] }
  | { readonly pending: { readonly status: TrancheStatus; readonly reason: string }; readonly steps: readonly Step[] }
) &
  PayableOn;

/** When a tranche is payable, and whether on a pooled result: its own due date, or its fallback's. */
export interface PayableOn {
  readonly payableFrom: string;
  readonly pricedOnPool?: string;
}

/**
 * Prices a tranche whose own results are verified: its rule under its statistical options; then, for a cohort
 * tranche with a `fallback` whose own rule pays nothing, the pooled result with the fallback's rule (the
 * Peterborough pattern). The tranche is one tranche whichever way it is paid, so a cohort is never paid twice:
 * on its own result or on the pool, and a later restatement of its own result moves it from one to the other.
 *
 * A tranche paid on the pool (or waiting for it) is payable from the fallback's due date.
 * `resultsFor` gives the result steps of a rule for the pooled cohort, as `settle` knows them; `formulasFor`
 * what a formula rule reads for a period or cohort.
 */
export function priceTranche(
  tranche: Tranche,
  results: readonly ResultStep[],
  metrics: ReadonlyMap<string, Metric>,
  asOf: string,
  resultsFor: (cohort: string, rule: Tranche["pricing"]) => ResultStep[],
  formulasFor?: (covers: Coverage) => FormulaEnvironment,
  /** `false` when only the amount is wanted: no pricing step is written. */
  record = true,
  /** `false` when no part per metric is read (see `evaluateRule`). */
  parts = true,
): TranchePricing {
  const own = priceWithStatistics(
    tranche.pricing,
    results,
    metrics,
    tranche.statistics,
    formulasFor?.(tranche.covers),
    record,
    parts,
  );
  const fallback = tranche.fallback;
  if (fallback === undefined || !isZero(own.priced.amount) || !("cohort" in tranche.covers))
    return { pending: null, priced: own.priced, steps: own.steps, payableFrom: tranche.dueDate };
  const pooledResults = resultsFor(fallback.cohort, fallback.pricing);
  const steps: Step[] = [
    ...own.steps,
    {
      kind: "cohort-fallback",
      cohort: tranche.covers.cohort,
      pooledCohort: fallback.cohort,
      dueDate: fallback.dueDate,
    },
    ...pooledResults,
  ];
  const pending = pendingStatus(pooledResults, fallback.dueDate, asOf);
  const onPool: PayableOn = { payableFrom: fallback.dueDate, pricedOnPool: fallback.cohort };
  if (pending !== null) {
    return {
      ...onPool,
      pending: {
        status: pending.status,
        reason: `cohort ${tranche.covers.cohort} did not clear its own rule and is paid on the pooled result of cohort ${fallback.cohort}: ${pending.reason}`,
      },
      steps,
    };
  }
  const pooled = priceWithStatistics(
    fallback.pricing,
    pooledResults,
    metrics,
    tranche.statistics,
    formulasFor?.({ cohort: fallback.cohort }),
    record,
    parts,
  );
  return { ...onPool, pending: null, priced: pooled.priced, steps: [...steps, ...pooled.steps] };
}
