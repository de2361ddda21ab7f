import { deepFreeze } from "../util/freeze.js";
import type { Amendment, Contract, Coverage, ParameterValue, Tranche } from "./types.js";

/** The terms that govern one period or cohort: the contract with the amendments that apply to it. */
export interface TermsInForce {
  /** The contract as amended for this period or cohort (its `amendments` list is kept, unchanged). */
  readonly terms: Contract;
  /** The amendments applied, in the order they were applied. */
  readonly amendments: readonly Amendment[];
}

const NONE: readonly Amendment[] = Object.freeze([]);

/** Options of `termsInForce`. */
export interface TermsOptions {
  /** Only amendments agreed on or before this date count ("as known on"); all of them when absent. */
  readonly asOf?: string;
}

const cache = new WeakMap<Contract, Map<string, TermsInForce>>();
const starts = new WeakMap<Contract, Map<string, string | undefined>>();

/** The first day of a period or cohort: the date amendments are compared with (`undefined`: a cohort with no start). */
export function coverageStart(contract: Contract, covers: Coverage): string | undefined {
  let known = starts.get(contract);
  if (known === undefined) {
    known = new Map<string, string | undefined>([
      ...contract.periods.map((period) => [`period:${period.id}`, period.start] as const),
      ...(contract.cohorts ?? []).map((cohort) => [`cohort:${cohort.id}`, cohort.enrolledFrom] as const),
    ]);
    starts.set(contract, known);
  }
  return known.get("period" in covers ? `period:${covers.period}` : `cohort:${covers.cohort}`);
}

const positions = new WeakMap<Contract, Map<string, number>>();

/** The position of a tranche in the contract's list, for JSON paths (memoised per contract). */
export function trancheIndex(contract: Contract, id: string): number {
  let known = positions.get(contract);
  if (known === undefined) {
    known = new Map(contract.tranches.map((tranche, index) => [tranche.id, index]));
    positions.set(contract, known);
  }
  return known.get(id) ?? -1;
}

/**
 * The tranche as in force for its own period or cohort, the terms it belongs to and the amendments applied
 * (the tranche itself when no amendment applies).
 */
export function trancheInForce(
  contract: Contract,
  tranche: Tranche,
  options: TermsOptions = {},
): TermsInForce & { readonly tranche: Tranche } {
  const found = amendedTerms(contract, tranche.covers, options);
  if (found.amendments.length === 0) return { ...found, tranche };
  return { ...found, tranche: found.terms.tranches.find((entry) => entry.id === tranche.id) ?? tranche };
}

/**
 * The terms in force for a period or cohort of a parsed contract (see `termsInForce`, which checks its
 * arguments first): the rule of `termsInForce`, memoised per contract and set of amendments.
 */
export function amendedTerms(contract: Contract, covers: string | Coverage, options: TermsOptions = {}): TermsInForce {
  if (contract.amendments === undefined || contract.amendments.length === 0)
    return { terms: contract, amendments: NONE };
  const coverage: Coverage = typeof covers === "string" ? { period: covers } : covers;
  const start = coverageStart(contract, coverage);
  const applicable = (contract.amendments ?? [])
    .map((amendment, index) => ({ amendment, index }))
    .filter(
      ({ amendment }) =>
        start !== undefined &&
        amendment.effectiveFrom <= start &&
        (options.asOf === undefined || amendment.agreedOn <= options.asOf),
    )
    .sort((a, b) =>
      a.amendment.effectiveFrom !== b.amendment.effectiveFrom
        ? a.amendment.effectiveFrom < b.amendment.effectiveFrom
          ? -1
          : 1
        : a.amendment.agreedOn !== b.amendment.agreedOn
          ? a.amendment.agreedOn < b.amendment.agreedOn
            ? -1
            : 1
          : a.index - b.index,
    )
    .map(({ amendment }) => amendment);
  const key = applicable.map((amendment) => amendment.id).join("\u0000");
  let byKey = cache.get(contract);
  if (byKey === undefined) {
    byKey = new Map();
    cache.set(contract, byKey);
  }
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const result = deepFreeze({ terms: applyAmendments(contract, applicable), amendments: applicable });
  byKey.set(key, result);
  return result;
}

/** The contract with the changes of `amendments` applied in order (no check: the contract was parsed). */
export function applyAmendments(contract: Contract, amendments: readonly Amendment[]): Contract {
  if (amendments.length === 0) return contract;
  const parameters = new Map<string, ParameterValue>(Object.entries(contract.parameters ?? {}));
  const formulas = new Map((contract.formulas ?? []).map((formula) => [formula.id, formula]));
  const tranches = new Map<string, Tranche>(contract.tranches.map((tranche) => [tranche.id, tranche]));
  for (const amendment of amendments) {
    for (const change of amendment.changes) {
      if ("parameter" in change) parameters.set(change.parameter, change.value);
      else if ("formula" in change) {
        const formula = formulas.get(change.formula);
        if (formula !== undefined) formulas.set(change.formula, { ...formula, expression: change.expression });
      } else {
        const tranche = tranches.get(change.tranche);
        if (tranche !== undefined) {
          tranches.set(change.tranche, {
            ...tranche,
            ...(change.pricing !== undefined ? { pricing: change.pricing } : {}),
            ...(change.cap !== undefined ? { cap: change.cap } : {}),
            ...(change.floor !== undefined ? { floor: change.floor } : {}),
          });
        }
      }
    }
  }
  return {
    ...contract,
    ...(contract.parameters !== undefined || parameters.size > 0 ? { parameters: Object.fromEntries(parameters) } : {}),
    ...(contract.formulas !== undefined ? { formulas: [...formulas.values()] } : {}),
    tranches: [...tranches.values()],
  };
}
