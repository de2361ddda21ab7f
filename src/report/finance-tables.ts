import type { Money } from "../money/money.js";
import type { ScenarioOutcome } from "../finance/scenarios.js";
import type { MoneySummary, SimulationResult } from "../finance/simulate.js";
import type { IrrResult } from "../finance/xirr.js";
import {
  ISSUED_IRR,
  ISSUED_SCENARIO_OUTCOME,
  ISSUED_SIMULATION,
  issuedIssue,
  requireIssued,
} from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { throwIfAny } from "./charts/chart-arguments.js";
import { textOptions, type TextOptions } from "./report-locale.js";
import { financeEn, financeWordsOf, type FinanceWords } from "./phrases/finance-words.js";
import { plainCount, plainMarks, type ReportLocale } from "./style.js";

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

/** An amount of a table: its exact digits grouped by thousands, with the language's marks. */
const amountIn = (locale: ReportLocale) => (value: Money) => plainMarks(value.amount, locale);
/** A rate as a percentage to two decimals; a rate that rounds to zero is `0.00%`, never `-0.00%`. */
function percent(rate: number, locale: ReportLocale = "en"): string {
  const text = (rate * 100).toFixed(2);
  return `${plainMarks(text === "-0.00" ? "0.00" : text, locale)}%`;
}

/**
 * An IRR as a person reads it, in English or Italian: `5.72%` (`5,72%`), several rates, or why there is none or
 * none can be given.
 *
 * @example
 * irrText(xirr(timedFlows([{ day: 0, amount: -100 }, { day: 365, amount: 110 }]))); // e.g. "10.00%"
 * irrText(xirr([{ t: 0, amount: -1000 }, { t: 1, amount: 4020 }, { t: 2, amount: -4040 }])); // "several (100.00%, 102.00%)"
 * irrText(xirr([{ t: 0, amount: -100 }, { t: 1, amount: 200 }, { t: 2, amount: -100 }])); // "undetermined (roots too close to tell apart, near 0.00%)"
 * irrText(xirr([{ t: 0, amount: -1000 }, { t: 1, amount: 4020 }, { t: 2, amount: -4040 }]), { locale: "it" }); // "più d'uno (100,00%, 102,00%)"
 * @throws ArgumentError (`not_an_irr`, at `$.irr`) for anything but a result `xirr` returned (or the `irr` of
 * `partyReturns`, `investorReturns`, `runScenarios`): a copy, a changed result or one read back from JSON is refused.
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function irrText(irr: IrrResult, options?: TextOptions): string {
  requireIssued(irr, ISSUED_IRR, "irrText", "irr");
  return irrWords(irr, financeWordsOf(textOptions(options).locale));
}

/** @internal `irrText` on a result already checked (or built by a test), in English unless words are given. */
export function irrWords(irr: IrrResult, words: FinanceWords = financeEn): string {
  const rate = (value: number) => percent(value, words.locale);
  if (irr.kind === "rate") return rate(irr.rate);
  if (irr.kind === "multiple") return words.irr.several(irr.rates.map(rate), irr.beyondRange);
  if (irr.kind === "undetermined") return words.irr.undetermined(rate(irr.near));
  return irr.reason === "all-one-sign"
    ? words.irr.noneOneSign
    : irr.reason === "no-root"
      ? words.irr.none
      : words.irr.outOfRange;
}

/**
 * Scenarios side by side, in English or Italian: what each payer pays, the total cost, and each investor's net,
 * multiple and IRR. Amounts are the exact digits grouped by thousands (`1,234.56`; `1.234,56` in Italian).
 *
 * @example
 * console.log(scenariosTable(runScenarios(contract, scenarios, { discountRate: "4%" })));
 * console.log(scenariosTable(outcomes, { locale: "it" }));
 * @throws ArgumentError when `outcomes` is not a list (`invalid_type`, at `$.outcomes`), one of them is not an
 * outcome `runScenarios` returned (`not_a_scenario_outcome`, at `$.outcomes[i]`: a copy, a changed outcome or one
 * read back from JSON is refused), or one is in another currency than the first (`mixed_currencies`).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function scenariosTable(outcomes: readonly ScenarioOutcome[], options?: TextOptions): string {
  throwIfAny(outcomesIssues(outcomes));
  return scenariosText(outcomes, financeWordsOf(textOptions(options).locale));
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
    const notIssued = issuedIssue(outcome, ISSUED_SCENARIO_OUTCOME, "scenariosTable", ["outcomes", index]);
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
function scenariosText(outcomes: readonly ScenarioOutcome[], words: FinanceWords): string {
  const first = outcomes[0];
  if (first === undefined) return words.noScenarios;
  const amount = amountIn(words.locale);
  const payers = first.byPayer.map((entry) => entry.party);
  const investors = first.investors.map((entry) => entry.party);
  const header = [
    words.scenario(first.settlement.currency),
    ...payers.map(words.pays),
    words.totalCost,
    ...investors.flatMap((party) => [words.net(party), words.multiple(party), words.irrOf(party)]),
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
        : [
            amount(returns.net),
            returns.multiple === null ? "" : plainMarks(returns.multiple, words.locale),
            irrWords(returns.irr, words),
          ];
    }),
  ]);
  return textTable(header, rows);
}

/**
 * A simulation's summary as two tables, in English or Italian: the mean and percentiles of the total payments,
 * each payer's cost and each investor's net; then each investor's probability of loss and IRR percentiles, and a
 * note of the runs left out of them because their IRR is undetermined (when there are any).
 *
 * @example
 * console.log(simulationTable(simulate(contract, options)));
 * console.log(simulationTable(result, { locale: "it" }));
 * @throws ArgumentError (`not_a_simulation`, at `$.result`) for anything but a result `simulate` (or
 * `simulateInWorkers`) returned: a copy, a changed result or one read back from JSON is refused.
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function simulationTable(result: SimulationResult, options?: TextOptions): string {
  requireIssued(result, ISSUED_SIMULATION, "simulationTable", "result");
  return simulationText(result, financeWordsOf(textOptions(options).locale));
}

/** @internal `simulationTable` on a result already checked (or built by a test), in English unless words are given. */
export function simulationText(result: SimulationResult, words: FinanceWords = financeEn): string {
  const { locale } = words;
  const amount = amountIn(locale);
  const levels = result.totalPayments.percentiles.map((entry) => `p${entry.p}`);
  const row = (label: string, summary: MoneySummary) => [
    label,
    amount(summary.mean),
    ...summary.percentiles.map((entry) => amount(entry.amount)),
  ];
  const money = textTable(
    [words.runs(plainCount(result.runs, locale), result.seed, result.currency), words.mean, ...levels],
    [
      row(words.totalPayments, result.totalPayments),
      ...result.byPayer.map((entry) => row(words.pays(entry.party), entry.cost)),
      ...result.investors.map((entry) => row(words.net(entry.party), entry.net)),
    ],
  );
  if (result.investors.length === 0) return money;
  const irr = textTable(
    [words.investorColumn, words.probabilityOfLoss, words.totalLosses, ...levels.map(words.irrAt)],
    result.investors.map((entry) => [
      entry.party,
      percent(entry.probabilityOfLoss, locale),
      plainCount(entry.irr.runsWithTotalLoss, locale),
      ...levels.map((_, index) => {
        const point = entry.irr.percentiles[index];
        return point === undefined ? "" : percent(point.rate, locale);
      }),
    ]),
  );
  const undetermined = result.investors
    .filter((entry) => entry.irr.runsUndetermined > 0)
    .map((entry) => `\n${words.undeterminedRuns(entry.party, entry.irr.runsUndetermined)}`);
  return `${money}\n\n${irr}\n${words.totalLossNote}${undetermined.join("")}`;
}
