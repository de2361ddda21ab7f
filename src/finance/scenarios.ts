import type { Money } from "../money/money.js";
import type { Quantity } from "../contract/primitives.js";
import type { Contract } from "../contract/types.js";
import type { ContractEvent, ResultEvent } from "../contract/event-types.js";
import { isIssued, markIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
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

/** The issues of a scenario's results, at `$[index].results`: a list of objects (their fields are read as events). */
function resultsIssues(results: unknown, index: number): InputIssue[] {
  if (!Array.isArray(results))
    return [
      issue(
        [index, "results"],
        "invalid_type",
        `a scenario's results are a list ({ metric, period, value }…), got ${describeValue(results)}`,
      ),
    ];
  const issues: InputIssue[] = [];
  for (let r = 0; r < results.length; r += 1) {
    const result: unknown = results[r];
    if (result === null || typeof result !== "object" || Array.isArray(result))
      issues.push(
        issue(
          [index, "results", r],
          "invalid_type",
          `a result is an object ({ metric, period, value }), got ${describeValue(result)}`,
        ),
      );
  }
  return issues;
}

/**
 * Settles the contract under each named set of results (recorded as verified by the contract's first
 * verifier) and tabulates what each payer pays, the total cost, and each investor's returns. Each outcome is
 * frozen, and the library knows it (its settlement and cash flows too) as its own: `scenariosTable` takes a list
 * of them (and no copy of one).
 *
 * @example
 * const outcomes = runScenarios(contract, [
 *   { name: "downside", results: [{ metric: "dropout-rate", period: "as-2026-27", value: "19.5" }] },
 *   { name: "base", results: [{ metric: "dropout-rate", period: "as-2026-27", value: "17.6" }] },
 * ], { discountRate: "5%" });
 * @throws OptionsError when the scenarios are not a list (`invalid_scenarios`), a scenario, its results or one of
 * them is not what it should be (`invalid_type`, at `$[i]`, `$[i].results` or `$[i].results[j]`), a scenario has no
 * name, two scenarios share one, the contract has no verifier party, or a result names an unknown metric, period
 * or cohort (as an `EventsError` would, with the path in the scenarios).
 */
export function runScenarios(
  contractInput: Contract,
  scenarios: readonly Scenario[],
  options: ScenarioOptions,
): ScenarioOutcome[] {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const verifier = contract.parties.find((party) => party.roles.includes("verifier"));
  const issues: InputIssue[] = [];
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
  const list: readonly unknown[] = Array.isArray(scenarios) ? scenarios : [];
  for (let index = 0; index < list.length; index += 1) {
    const scenario = list[index];
    if (scenario === null || typeof scenario !== "object" || Array.isArray(scenario)) {
      issues.push(
        issue([index], "invalid_type", `a scenario is an object ({ name, results }), got ${describeValue(scenario)}`),
      );
      continue;
    }
    const { name, results } = scenario as { name?: unknown; results?: unknown };
    if (typeof name !== "string" || name === "")
      issues.push(issue([index, "name"], "required", "give the scenario a name"));
    else if (names.has(name))
      issues.push(
        issue(
          [index, "name"],
          "duplicate_scenario",
          `scenario ${quoted(name)} is already scenarios[${names.get(name)!}]`,
        ),
      );
    else names.set(name, index);
    issues.push(...resultsIssues(results, index));
  }
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
    const settlement = markIssued(settle(contract, parsed, { asOf }), "settlement");
    const flows = contract.finance === undefined ? null : markIssued(cashFlows(contract, settlement), "cash-flows");
    const outcome: ScenarioOutcome = deepFreeze({
      name: scenario.name,
      settlement,
      byPayer: settlement.totals.byPayer.map((entry) => ({ party: entry.party, cost: entry.earned })),
      totalCost: settlement.totals.earned,
      cashFlows: flows,
      investors: flows === null ? [] : investorReturns(flows, options),
    });
    return markIssued(outcome, "scenario-outcome");
  });
}
