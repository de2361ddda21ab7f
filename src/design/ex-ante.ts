import { Dec } from "../money/decimal.js";
import type { Money } from "../money/money.js";
import type { Contract, Coverage } from "../contract/types.js";
import { isIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { runScenarios, type Scenario } from "../finance/scenarios.js";
import type { IrrResult } from "../finance/xirr.js";
import { deepFreeze } from "../util/freeze.js";
import { quoted } from "../errors/describe-value.js";

/** What `exAnteTable` tabulates: one metric's effects, and the rate investors' NPVs are computed at. */
export interface ExAnteOptions {
  /** The indicator whose effect varies (the other metrics' results are left out: their tranches stay pending). */
  readonly metric: string;
  /** The improvements to tabulate, in the metric's unit, positive when better (e.g. `["1", "2.4", "4"]`). */
  readonly effects: readonly string[];
  /** The annual rate investors' NPVs are computed at, e.g. `"5%"`. */
  readonly discountRate: string;
}

/** One row of the ex-ante table: an effect, the result it means, what the payers pay and the investors net. */
export interface ExAnteRow {
  /** The improvement, in the metric's unit. */
  readonly effect: string;
  /** The result it gives in every period and cohort: baseline − effect when lower is better, else baseline + effect. */
  readonly value: string;
  /** effect / baseline, as a decimal fraction (12 significant digits); absent when the baseline is zero. */
  readonly relativeEffect?: string;
  readonly totalCost: Money;
  readonly byPayer: readonly { readonly party: string; readonly cost: Money }[];
  readonly investors: readonly {
    readonly party: string;
    readonly net: Money;
    readonly multiple: string | null;
    readonly irr: IrrResult;
  }[];
}

/** The scopes (periods and cohorts) the contract's tranches cover, in tranche order, each once. */
export function coveredScopes(contract: Contract): readonly Coverage[] {
  const seen = new Set<string>();
  const scopes: Coverage[] = [];
  for (const tranche of contract.tranches) {
    const key = "period" in tranche.covers ? `p:${tranche.covers.period}` : `c:${tranche.covers.cohort}`;
    if (!seen.has(key)) scopes.push(tranche.covers);
    seen.add(key);
  }
  return scopes;
}

/**
 * The ex-ante table of a feasibility study: for each plausible improvement of one indicator, the same result
 * in every period and cohort the tranches cover, settled through `runScenarios` — what each payer pays, the
 * total, and each investor's net, multiple and IRR. A design may carry indicative tranches for this table.
 *
 * @example
 * const rows = exAnteTable(contract, { metric: "dropout-rate", effects: ["1", "2", "3", "4"], discountRate: "4%" });
 * @throws OptionsError when the metric is unknown, the contract has no tranches, or an effect is not a decimal
 * string; ContractError when the contract is not valid.
 */
export function exAnteTable(contractInput: Contract, options: ExAnteOptions): readonly ExAnteRow[] {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const issues: InputIssue[] = [];
  const metric = contract.metrics.find((entry) => entry.id === options?.metric);
  if (metric === undefined)
    issues.push(
      issue(
        ["metric"],
        "unknown_metric",
        `unknown metric ${quoted(options?.metric)}: the contract declares ${contract.metrics.map((entry) => entry.id).join(", ")}`,
      ),
    );
  if (contract.tranches.length === 0)
    issues.push(
      issue([], "no_tranches", "an ex-ante table prices the contract's tranches: give the design indicative tranches"),
    );
  const effects = Array.isArray(options?.effects) ? options.effects : [];
  if (effects.length === 0) issues.push(issue(["effects"], "empty", "list at least one effect to tabulate"));
  effects.forEach((effect, index) => {
    if (typeof effect !== "string" || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(effect.trim()))
      issues.push(
        issue(
          ["effects", index],
          "invalid_decimal",
          'expected an effect as a decimal string such as "2.5", in the metric\'s unit',
        ),
      );
  });
  if (issues.length > 0 || metric === undefined) throw new OptionsError(issues);
  const baseline = new Dec(String(metric.baseline.value));
  const sign = metric.better === "higher" ? 1 : -1;
  const scopes = coveredScopes(contract);
  const scenarios: Scenario[] = effects.map((effect) => {
    const value = baseline.plus(new Dec(effect).times(sign)).toString();
    return { name: effect, results: scopes.map((scope) => ({ metric: metric.id, ...scope, value })) };
  });
  const outcomes = runScenarios(contract, scenarios, { discountRate: options.discountRate });
  return deepFreeze(
    outcomes.map((outcome, index) => {
      const effect = effects[index]!;
      return {
        effect,
        value: scenarios[index]!.results[0]?.value.toString() ?? baseline.toString(),
        ...(baseline.isZero()
          ? {}
          : { relativeEffect: new Dec(effect).div(baseline).toSignificantDigits(12).toString() }),
        totalCost: outcome.totalCost,
        byPayer: outcome.byPayer,
        investors: outcome.investors.map((entry) => ({
          party: entry.party,
          net: entry.net,
          multiple: entry.multiple,
          irr: entry.irr,
        })),
      };
    }),
  );
}
