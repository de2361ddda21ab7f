import type { Money } from "../money/money.js";
import type { Quantity } from "../contract/primitives.js";
import type { Contract } from "../contract/types.js";
import type { ContractEvent, ResultEvent } from "../contract/event-types.js";
import { isIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { settle } from "../engine/settle.js";
import type { Settlement } from "../engine/settlement-types.js";
import { parseEvents } from "../ledger/parse-events.js";
import { deepFreeze } from "../util/freeze.js";
import { cashFlows, type CashFlows } from "./cash-flows.js";
import { investorReturns, type PartyReturns } from "./returns.js";
import { lastPayableDate } from "../contract/payable-dates.js";

/** A named set of results, e.g. the downside, base and upside cases of a business plan. */
export interface Scenario {
  readonly name: string;
  /** The result of each metric, for one period or cohort; results left out leave their tranches pending. */
  readonly results: readonly {
    readonly metric: string;
    readonly period?: string;
    readonly cohort?: string;
    readonly value: Quantity;
  }[];
}

/** Options of `runScenarios`. */
export interface ScenarioOptions {
  /** The annual rate investors' NPVs are computed at, e.g. `"5%"`. */
  readonly discountRate: string;
}

/** What one scenario leads to. */
export interface ScenarioOutcome {
  readonly name: string;
  /** The settlement with the scenario's results verified, as of the later of the term's end and the last date a payment is payable (due dates and pooled fallbacks' due dates). */
  readonly settlement: Settlement;
  /** What each outcome payer pays. */
  readonly byPayer: readonly { readonly party: string; readonly cost: Money }[];
  /** What all outcome payers together pay (the commissioners' total cost). */
  readonly totalCost: Money;
  /** The investors' side, when the contract has a `finance` section. */
  readonly cashFlows: CashFlows | null;
  readonly investors: readonly PartyReturns[];
}

/**
 * Settles the contract under each named set of results (recorded as verified by the contract's first
 * verifier) and tabulates what each payer pays, the total cost, and each investor's returns.
 *
 * @example
 * const outcomes = runScenarios(contract, [
 *   { name: "downside", results: [{ metric: "dropout-rate", period: "as-2026-27", value: "19.5" }] },
 *   { name: "base", results: [{ metric: "dropout-rate", period: "as-2026-27", value: "17.6" }] },
 * ], { discountRate: "5%" });
 * @throws OptionsError when a scenario has no name, two scenarios share one, the contract has no verifier
 * party, or a result names an unknown metric, period or cohort (as an `EventsError` would, with the path in the scenarios).
 */
export function runScenarios(
  contractInput: Contract,
  scenarios: readonly Scenario[],
  options: ScenarioOptions,
): ScenarioOutcome[] {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const verifier = contract.parties.find((party) => party.roles.includes("verifier"));
  const issues = [];
  if (verifier === undefined)
    issues.push(
      issue(
        [],
        "no_verifier",
        "scenarios record their results as verified, so the contract needs a party with the role verifier",
      ),
    );
  if (!Array.isArray(scenarios))
    issues.push(issue([], "invalid_scenarios", `the scenarios are a list, got ${describeValue(scenarios)}`));
  const names = new Map<string, number>();
  (Array.isArray(scenarios) ? scenarios : []).forEach((scenario, index) => {
    if (typeof scenario?.name !== "string" || scenario.name === "")
      issues.push(issue([index, "name"], "required", "give the scenario a name"));
    else if (names.has(scenario.name))
      issues.push(
        issue(
          [index, "name"],
          "duplicate_scenario",
          `scenario "${scenario.name}" is already scenarios[${names.get(scenario.name)!}]`,
        ),
      );
    else names.set(scenario.name, index);
  });
  if (issues.length > 0) throw new OptionsError(issues);
  // settled when every payment the contract makes is payable, pooled fallbacks included
  const asOf = [contract.term.end, lastPayableDate(contract) ?? contract.term.end].sort().at(-1)!;
  return scenarios.map((scenario, index) => {
    const events: ResultEvent[] = scenario.results.map((result, r) => ({
      type: "result",
      id: `scenario-result-${r}`,
      metric: result.metric,
      ...(result.period !== undefined ? { period: result.period } : {}),
      ...(result.cohort !== undefined ? { cohort: result.cohort } : {}),
      value: result.value,
      status: "verified",
      verifier: verifier!.id,
      recordedAt: asOf,
    }));
    let parsed: readonly ContractEvent[];
    try {
      parsed = parseEvents(events, { contract });
    } catch (error) {
      const found = (
        error as { issues?: readonly { path: readonly (string | number)[]; code: string; message: string }[] }
      ).issues;
      if (found === undefined) throw error;
      throw new OptionsError(
        found.map((problem) => issue([index, "results", ...problem.path], problem.code, problem.message)),
      );
    }
    const settlement = settle(contract, parsed, { asOf });
    const flows = contract.finance === undefined ? null : cashFlows(contract, settlement);
    return deepFreeze({
      name: scenario.name,
      settlement,
      byPayer: settlement.totals.byPayer.map((entry) => ({ party: entry.party, cost: entry.earned })),
      totalCost: settlement.totals.earned,
      cashFlows: flows,
      investors: flows === null ? [] : investorReturns(flows, options),
    });
  });
}
