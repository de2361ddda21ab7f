import type { Money } from "../money/money.js";
import type { Contract } from "../contract/types.js";
import type { Settlement } from "../engine/settlement-types.js";
import type { MoneySummary, SimulationResult } from "../finance/simulate.js";
import { paymentCurve, type PaymentCurve } from "./charts/payment-curve.js";
import { traceLines, type Phrasebook, type ReportLabels } from "./phrases/phrasebook.js";
import { phrasebookOf, reportLabelsOf } from "./phrases/phrasebooks.js";
import { REPORT_LOCALES, reportStyle, type ReportLocale, type Style } from "./style.js";
import { localeIssue, optionsObject } from "./report-locale.js";
import { ISSUED_SIMULATION, issuedIssue, requireExplained } from "../errors/argument-error.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { quoted } from "../errors/describe-value.js";
import { isIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";

/** Options of `renderMarkdown` and `renderHtml`; other fields are ignored. */
export interface ReportOptions {
  /** The language of the report (default English). */
  readonly locale?: ReportLocale;
  /**
   * The contract the settlement is of (as `parseContract` returned it, or as plain data, checked as `settle`
   * checks it), to draw each tranche's payment curve (HTML); without it the report has no charts.
   */
  readonly contract?: Contract;
  /**
   * A simulation of the contract, in the settlement's currency, as `simulate` returned it: its distributions are
   * shown after the settlement.
   */
  readonly simulation?: SimulationResult;
}

/** A table: headers and rows of already formatted cells. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What a report says, formatted in its language, before it is laid out as Markdown or HTML. */
export interface ReportModel {
  readonly locale: ReportLocale;
  readonly style: Style;
  readonly phrases: Phrasebook;
  /** The labels only the reports write (sections, table headers, the charts' marks). */
  readonly reportLabels: ReportLabels;
  readonly title: string;
  readonly subtitle: readonly string[];
  readonly tranches: readonly {
    readonly id: string;
    readonly heading: string;
    readonly status: string;
    readonly steps: readonly string[];
    readonly lines: Table;
    readonly summary: string;
    readonly clawback?: string;
    readonly curve?: PaymentCurve;
  }[];
  readonly totals: {
    readonly summary: string;
    readonly pending?: string;
    readonly byPayer: Table;
    readonly byRecipient: Table;
    readonly caps: readonly string[];
  };
  readonly simulation?: {
    readonly heading: string;
    readonly table: Table;
    /** The distributions to draw: total payments, then each payer's cost. */
    readonly distributions: readonly { readonly title: string; readonly summary: MoneySummary }[];
  };
}

/**
 * The contract as the library parsed it: one `parseContract` returned as it is, anything else parsed as `settle`
 * parses it.
 * @throws ContractError when it is not a valid contract.
 */
export function parsedContract(contract: unknown): Contract {
  return isIssued(contract, "contract") ? (contract as Contract) : parseContract(contract);
}

/**
 * True when `settlement` was settled on `contract`: the same contract id and currency, and the same tranches.
 * (A settlement of an amended contract has the original's tranches: amendments change their terms only.)
 */
export function isSettlementOf(settlement: Settlement, contract: Contract): boolean {
  if (settlement.contractId !== contract.id || settlement.currency !== contract.currency) return false;
  const ids = new Set(contract.tranches.map((tranche) => tranche.id));
  return ids.size === settlement.tranches.length && settlement.tranches.every((tranche) => ids.has(tranche.id));
}

/** The words that say which contract a settlement is of, when it is not `contract`. */
export function mismatchText(settlement: Settlement, contract: Contract): string {
  return settlement.contractId === contract.id
    ? `the settlement is of another version of contract ${quoted(contract.id)} (its currency or tranches differ)`
    : `the settlement is of contract ${quoted(settlement.contractId)}, not ${quoted(contract.id)}`;
}

/** A report's options, checked against its settlement. */
interface CheckedReportOptions {
  readonly locale: ReportLocale;
  readonly contract?: Contract;
  readonly simulation?: SimulationResult;
}

/**
 * Reads the options of a report on `settlement` made by `fn`, every problem collected into one OptionsError.
 * @throws ContractError when `contract` is given and is not a valid contract.
 * @throws OptionsError when the options are not an object (`invalid_options`), for an unknown locale
 * (`unknown_locale`), a contract the settlement is not of (`settlement_mismatch`), a simulation `simulate` did not
 * return (`not_a_simulation`) or in another currency (`currency_mismatch`).
 */
function reportOptions(settlement: Settlement, options: unknown, fn: string): CheckedReportOptions {
  const { fields, issue: notAnObject } = optionsObject(options, '{ locale: "it", contract }');
  const issues: InputIssue[] = notAnObject === undefined ? [] : [notAnObject];
  const locale = fields.locale ?? "en";
  const unknownLocale = localeIssue(locale, REPORT_LOCALES);
  if (unknownLocale !== undefined) issues.push(unknownLocale);
  let contract: Contract | undefined;
  if (fields.contract !== undefined) {
    contract = parsedContract(fields.contract);
    if (!isSettlementOf(settlement, contract))
      issues.push(
        issue(
          ["contract"],
          "settlement_mismatch",
          `${mismatchText(settlement, contract)}: give the contract the settlement is of`,
        ),
      );
  }
  const simulation = fields.simulation;
  if (simulation !== undefined) {
    const notASimulation = issuedIssue(simulation, ISSUED_SIMULATION, fn, ["simulation"]);
    if (notASimulation !== undefined) issues.push(notASimulation);
    else if ((simulation as SimulationResult).currency !== settlement.currency)
      issues.push(
        issue(
          ["simulation"],
          "currency_mismatch",
          `the simulation is in ${(simulation as SimulationResult).currency}, the settlement in ${settlement.currency}: simulate the settlement's contract`,
        ),
      );
  }
  if (issues.length > 0) throw new OptionsError(issues);
  return {
    locale: locale as ReportLocale,
    ...(contract !== undefined ? { contract } : {}),
    ...(simulation !== undefined ? { simulation: simulation as SimulationResult } : {}),
  };
}

/**
 * Builds the content of a report from a settlement: every figure and sentence, in one language. `fn` names the
 * function the report is made by, for the messages.
 * @throws ArgumentError (`not_a_settlement`) for a settlement `settle` did not return; ContractError and
 * OptionsError for its options (see `reportOptions`).
 */
export function reportModel(settlement: Settlement, optionsInput: unknown, fn: string): ReportModel {
  requireExplained(settlement, fn);
  const options = reportOptions(settlement, optionsInput, fn);
  const { locale } = options;
  const phrases = phrasebookOf(locale);
  const { labels } = phrases;
  const words = reportLabelsOf(locale);
  const style = reportStyle(locale, settlement.currency);
  const cash = (value: Money | null) => (value === null ? labels.pending : style.money(value.amount));
  const names = new Map(settlement.parties.map((party) => [party.id, party.name]));
  const partyName = (id: string) => `${names.get(id) ?? id} (${id})`;
  const partyTable = (rows: Settlement["totals"]["byPayer"]): Table => ({
    headers: [words.party, labels.earned, labels.paid, labels.balance],
    rows: rows.map((row) => [partyName(row.party), cash(row.earned), cash(row.paid), cash(row.balance)]),
  });

  return {
    locale,
    style,
    phrases,
    reportLabels: words,
    title: labels.settlementOf(settlement.contractId, settlement.title),
    subtitle: [
      labels.asOf(style.date(settlement.asOf)),
      labels.amountsIn(settlement.currency),
      labels.rounding(settlement.rounding.mode, settlement.rounding.at),
    ],
    tranches: settlement.tranches.map((tranche) => {
      const curve = options.contract === undefined ? undefined : paymentCurve(options.contract, tranche.id, tranche);
      return {
        id: tranche.id,
        heading: labels.tranche(tranche, style.date),
        status: `${phrases.status(tranche.status)} — ${phrases.reason(tranche, style, settlement.asOf)}`,
        steps: traceLines(phrases, tranche.trace, style, names),
        lines: {
          headers: [words.payer, words.recipient, labels.earned, labels.paid, labels.balance],
          rows: tranche.lines.map((line) => [
            partyName(line.payer),
            partyName(line.recipient),
            cash(line.earned),
            cash(line.paid),
            cash(line.balance),
          ]),
        },
        summary: `${labels.earned} ${cash(tranche.amountEarned)} · ${labels.paid} ${cash(tranche.amountPaid)} · ${labels.balance} ${cash(tranche.balance)}`,
        ...(tranche.clawback !== null ? { clawback: labels.clawback(cash(tranche.clawback)) } : {}),
        ...(curve !== undefined ? { curve } : {}),
      };
    }),
    totals: {
      summary: `${labels.earned} ${cash(settlement.totals.earned)} · ${labels.paid} ${cash(settlement.totals.paid)} · ${labels.balance} ${cash(settlement.totals.balance)}`,
      ...(settlement.totals.pendingTranches > 0
        ? { pending: labels.pendingTranches(settlement.totals.pendingTranches, cash(settlement.totals.paidOnPending)) }
        : {}),
      byPayer: partyTable(settlement.totals.byPayer),
      byRecipient: partyTable(settlement.totals.byRecipient),
      caps: settlement.capsApplied.map((cap) => labels.capCut(phrases.capName(cap.cap), cap.id, style.money(cap.cut))),
    },
    ...(options.simulation !== undefined
      ? { simulation: simulationModel(options.simulation, words, style, partyName) }
      : {}),
  };
}

/** A simulation's distributions as a table of percentiles (amounts of actual runs) and charts. */
function simulationModel(
  result: SimulationResult,
  words: ReportLabels,
  style: Style,
  partyName: (id: string) => string,
): NonNullable<ReportModel["simulation"]> {
  const distributions = [
    { title: words.totalPayments, summary: result.totalPayments },
    ...result.byPayer.map((payer) => ({ title: words.costOf(partyName(payer.party)), summary: payer.cost })),
  ];
  const levels = result.totalPayments.percentiles.map((entry) => `${words.percentile} ${entry.p}`);
  return {
    heading: words.simulation(result.runs, result.seed),
    table: {
      headers: ["", words.mean, ...levels],
      rows: distributions.map(({ title, summary }) => [
        title,
        style.money(summary.mean.amount),
        ...summary.percentiles.map((entry) => style.money(entry.amount.amount)),
      ]),
    },
    distributions,
  };
}
