import { groupThousands } from "../money/format.js";
import type { Money } from "../money/money.js";
import type { ScenarioOutcome } from "../finance/scenarios.js";
import type { MoneySummary, SimulationResult } from "../finance/simulate.js";
import type { IrrResult } from "../finance/xirr.js";
import { issuedIssue, requireIssued } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { throwIfAny } from "./charts/chart-arguments.js";

/** A plain-text table: the first column left-aligned, the others right-aligned. */
function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

const amount = (value: Money) => groupThousands(value.amount);
/** A rate as a percentage to two decimals; a rate that rounds to zero is `0.00%`, never `-0.00%`. */
function percent(rate: number): string {
  const text = (rate * 100).toFixed(2);
  return `${text === "-0.00" ? "0.00" : text}%`;
}

/**
 * An IRR as a person reads it: `5.72%`, several rates, or why there is none or none can be given.
 *
 * @example
 * irrText(xirr(timedFlows([{ day: 0, amount: -100 }, { day: 365, amount: 110 }]))); // e.g. "10.00%"
 * irrText(xirr([{ t: 0, amount: -1000 }, { t: 1, amount: 4020 }, { t: 2, amount: -4040 }])); // "several (100.00%, 102.00%)"
 * irrText(xirr([{ t: 0, amount: -100 }, { t: 1, amount: 200 }, { t: 2, amount: -100 }])); // "undetermined (roots too close to tell apart, near 0.00%)"
 * @throws ArgumentError (`not_an_irr`, at `$.irr`) for anything but a result `xirr` returned (or the `irr` of
 * `partyReturns`, `investorReturns`, `runScenarios`): a copy, a changed result or one read back from JSON is refused.
 */
export function irrText(irr: IrrResult): string {
  requireIssued(irr, "irr", "irrText", "irr");
  return irrWords(irr);
}

/** @internal `irrText` on a result already checked (or built by a test). */
export function irrWords(irr: IrrResult): string {
  if (irr.kind === "rate") return percent(irr.rate);
  if (irr.kind === "multiple") {
    const beyond = irr.beyondRange === undefined ? [] : [`and ${irr.beyondRange} beyond the range searched`];
    return `several (${[...irr.rates.map(percent), ...beyond].join(", ")})`;
  }
  if (irr.kind === "undetermined") return `undetermined (roots too close to tell apart, near ${percent(irr.near)})`;
  return irr.reason === "all-one-sign" ? "none (one sign)" : irr.reason === "no-root" ? "none" : "out of range";
}

/**
 * Scenarios side by side: what each payer pays, the total cost, and each investor's net, multiple and IRR.
 *
 * @example
 * console.log(scenariosTable(runScenarios(contract, scenarios, { discountRate: "4%" })));
 * @throws ArgumentError when `outcomes` is not a list (`invalid_type`, at `$.outcomes`), one of them is not an
 * outcome `runScenarios` returned (`not_a_scenario_outcome`, at `$.outcomes[i]`: a copy, a changed outcome or one
 * read back from JSON is refused), or one is in another currency than the first (`mixed_currencies`).
 */
export function scenariosTable(outcomes: readonly ScenarioOutcome[]): string {
  throwIfAny(outcomesIssues(outcomes));
  return scenariosText(outcomes);
}

/** The issues of a list of scenario outcomes to tabulate side by side. */
function outcomesIssues(outcomes: unknown): InputIssue[] {
  if (!Array.isArray(outcomes))
    return [
      issue(
        ["outcomes"],
        "invalid_type",
        `scenariosTable takes the list of outcomes runScenarios returned; got ${describeValue(outcomes)}`,
      ),
    ];
  const issues: InputIssue[] = [];
  let currency: string | undefined;
  for (let index = 0; index < outcomes.length; index += 1) {
    const outcome: unknown = outcomes[index];
    const notIssued = issuedIssue(outcome, "scenario-outcome", "scenariosTable", ["outcomes", index]);
    if (notIssued !== undefined) {
      issues.push(notIssued);
      continue;
    }
    const own = (outcome as ScenarioOutcome).settlement.currency;
    currency ??= own;
    if (own !== currency)
      issues.push(
        issue(
          ["outcomes", index],
          "mixed_currencies",
          `the outcomes of one table share a currency: this one is in ${own}, the first in ${currency}`,
        ),
      );
  }
  return issues;
}

/** `scenariosTable` on outcomes already checked. */
function scenariosText(outcomes: readonly ScenarioOutcome[]): string {
  const first = outcomes[0];
  if (first === undefined) return "no scenarios";
  const payers = first.byPayer.map((entry) => entry.party);
  const investors = first.investors.map((entry) => entry.party);
  const header = [
    `scenario (${first.settlement.currency})`,
    ...payers.map((party) => `${party} pays`),
    "total cost",
    ...investors.flatMap((party) => [`${party} net`, `${party} multiple`, `${party} IRR`]),
  ];
  const rows = outcomes.map((outcome) => [
    outcome.name,
    ...payers.map((party) =>
      amount(outcome.byPayer.find((entry) => entry.party === party)?.cost ?? { amount: "0", currency: "" }),
    ),
    amount(outcome.totalCost),
    ...investors.flatMap((party) => {
      const returns = outcome.investors.find((entry) => entry.party === party);
      return returns === undefined
        ? ["", "", ""]
        : [amount(returns.net), returns.multiple ?? "", irrWords(returns.irr)];
    }),
  ]);
  return textTable(header, rows);
}

/**
 * A simulation's summary as two tables: the mean and percentiles of the total payments, each payer's cost
 * and each investor's net; then each investor's probability of loss and IRR percentiles, and a note of the runs
 * left out of them because their IRR is undetermined (when there are any).
 *
 * @example
 * console.log(simulationTable(simulate(contract, options)));
 * @throws ArgumentError (`not_a_simulation`, at `$.result`) for anything but a result `simulate` (or
 * `simulateInWorkers`) returned: a copy, a changed result or one read back from JSON is refused.
 */
export function simulationTable(result: SimulationResult): string {
  requireIssued(result, "simulation", "simulationTable", "result");
  return simulationText(result);
}

/** @internal `simulationTable` on a result already checked (or built by a test). */
export function simulationText(result: SimulationResult): string {
  const levels = result.totalPayments.percentiles.map((entry) => `p${entry.p}`);
  const row = (label: string, summary: MoneySummary) => [
    label,
    amount(summary.mean),
    ...summary.percentiles.map((entry) => amount(entry.amount)),
  ];
  const money = textTable(
    [`${result.runs.toLocaleString("en-GB")} runs, seed ${result.seed} (${result.currency})`, "mean", ...levels],
    [
      row("total outcome payments", result.totalPayments),
      ...result.byPayer.map((entry) => row(`${entry.party} pays`, entry.cost)),
      ...result.investors.map((entry) => row(`${entry.party} net`, entry.net)),
    ],
  );
  if (result.investors.length === 0) return money;
  const irr = textTable(
    ["investor", "P(loss)", "total losses", ...levels.map((level) => `IRR ${level}`)],
    result.investors.map((entry) => [
      entry.party,
      percent(entry.probabilityOfLoss),
      String(entry.irr.runsWithTotalLoss),
      ...levels.map((_, index) => {
        const point = entry.irr.percentiles[index];
        return point === undefined ? "" : percent(point.rate);
      }),
    ]),
  );
  const undetermined = result.investors
    .filter((entry) => entry.irr.runsUndetermined > 0)
    .map(
      (entry) =>
        `\n(${entry.party}: ${entry.irr.runsUndetermined} ${entry.irr.runsUndetermined === 1 ? "run" : "runs"} left out, ` +
        "with an IRR undetermined: roots too close to tell apart in double precision.)",
    );
  return `${money}\n\n${irr}\n(IRR percentiles count a run in which the investor gets nothing back at −100%.)${undetermined.join("")}`;
}
