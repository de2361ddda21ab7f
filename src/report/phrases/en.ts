import { coverageLabel } from "../../contract/coverage.js";
import type { TrancheStatus } from "../../engine/settlement-types.js";
import {
  baselineSource,
  isZeroText,
  magnitude,
  type LineLabels,
  type Phrasebook,
  type ReportLabels,
} from "./phrasebook.js";
import { isMeasurementStep, measuredResultLines, measurementEn } from "../measurement-text.js";
import { reasonOf } from "./reason.js";
import { CAP_NAMES_EN, REASON_WORDS_EN } from "../../explanation/reason-words.js";

const STATUS_NAMES: Record<TrancheStatus, string> = {
  "not-yet-due": "not yet due",
  "awaiting-verification": "awaiting verification",
  disputed: "disputed",
  "not-earned": "not earned",
  earned: "earned",
  "partly-paid": "partly paid",
  paid: "paid",
};

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** English. */
export const en: Phrasebook = {
  capName: (kind) => CAP_NAMES_EN[kind],
  status: (status) => STATUS_NAMES[status],
  reason: (tranche, style, asOf) => reasonOf(REASON_WORDS_EN, tranche, style, asOf),
  step(step, style, context) {
    const { money, num, percent, date } = style;
    const { party } = context;
    if (isMeasurementStep(step)) return measurementEn.step(step, style);
    switch (step.kind) {
      case "result": {
        if (step.status === "missing") return `Result: ${step.metric} (${step.scope}): none reported yet`;
        const by = step.verifier !== undefined ? ` by ${party(step.verifier)}` : "";
        const evidence = step.evidence !== undefined ? `, evidence: ${step.evidence}` : "";
        const head = `Result: ${step.metric} (${step.scope}) = ${num(step.value!)}, ${step.status}${by} as recorded on ${date(step.recordedAt!)} [event ${step.eventId}${evidence}]`;
        const measured = measuredResultLines(step, measurementEn, style);
        if (step.trail.length <= 1) return head + measured;
        const trail = step.trail
          .map((entry) => `${entry.eventId} ${entry.status} ${num(entry.value)} on ${date(entry.recordedAt)}`)
          .join("; ");
        return `${head}\n      history: ${trail}${measured}`;
      }
      case "basis": {
        const from = baselineSource(step, context, en.labels.measuredCounterfactual);
        const source = `baseline ${num(step.baseline)} from ${from}`;
        if (step.basis === "value")
          return `Basis: the measured value of ${step.metric}, ${num(step.measured)} (${source})`;
        const change =
          step.better === "lower"
            ? `baseline ${num(step.baseline)} − measured ${num(step.measured)} = ${num(step.improvement)}`
            : `measured ${num(step.measured)} − baseline ${num(step.baseline)} = ${num(step.improvement)}`;
        if (step.basis === "improvement")
          return `Basis: improvement of ${step.metric} (${step.better} is better): ${change}; baseline from ${from}`;
        return `Basis: relative improvement of ${step.metric} (${step.better} is better): (${change}) / ${num(magnitude(step.baseline))} = ${num(step.value)} (${percent(step.value)}); baseline from ${from}`;
      }
      case "rate":
        return `Rule (rate): ${num(step.basisValue)} × ${money(step.pricePerUnit)} per unit = ${money(step.amount)}`;
      case "threshold": {
        const sign = step.comparison === "at-least" ? "≥" : "≤";
        const verdict = step.met ? "met" : "not met: pays nothing";
        const pays = step.amount !== undefined && step.met ? `, pays ${money(step.amount)}` : "";
        return `Rule (threshold): ${num(step.basisValue)} ${sign} ${num(step.threshold)}? ${verdict}${pays}`;
      }
      case "tier":
        return step.tier === null
          ? `Rule (tiers): ${num(step.basisValue)} falls in no tier: pays nothing`
          : `Rule (tiers): ${num(step.basisValue)} falls in tier ${step.tier + 1} [${num(step.from ?? "0")}, ${step.to !== undefined ? num(step.to) : "∞"}): pays ${money(step.amount)}`;
      case "interpolation":
        if (step.position === "below") {
          return isZeroText(step.amount)
            ? `Rule (linear): ${num(step.basisValue)} is below the first point ${num(step.upper!.at)}: pays nothing`
            : `Rule (linear): ${num(step.basisValue)} is at or below the first point ${num(step.upper!.at)} (the better end): pays ${money(step.amount)}`;
        }
        if (step.position === "above") {
          return isZeroText(step.amount) && !isZeroText(step.lower!.amount)
            ? `Rule (linear): ${num(step.basisValue)} is above the last point ${num(step.lower!.at)} (the worse end): pays nothing`
            : `Rule (linear): ${num(step.basisValue)} is at or above the last point ${num(step.lower!.at)}: pays ${money(step.amount)}`;
        }
        return `Rule (linear): ${num(step.basisValue)} lies between ${num(step.lower!.at)} → ${money(step.lower!.amount)} and ${num(step.upper!.at)} → ${money(step.upper!.amount)}, a fraction ${num(step.fraction!)} of the way: ${money(step.lower!.amount)} + ${num(step.fraction!)} × (${money(step.upper!.amount)} − ${money(step.lower!.amount)}) = ${money(step.amount)}`;
      case "savings-share":
        return `Rule (share of savings): ${num(step.basisValue)} × ${money(step.savingPerUnit)} saved per unit = ${money(step.saving)} saved; × ${percent(step.share)} = ${money(step.amount)}`;
      case "weight":
        return `Weight: part ${step.part + 1} pays ${money(step.partAmount)} × ${percent(step.weight)} = ${money(step.amount)}`;
      case "zero-floor":
        return `Floor at zero: ${step.metric} would pay ${money(step.before)} (the result got worse), so it pays nothing`;
      case "quantity":
        return step.pricedPer === "1"
          ? `Quantity: ${num(step.value)} ${step.unit} at the price per one: ${money(step.before)} × ${num(step.value)} = ${money(step.amount)}`
          : `Quantity: ${num(step.value)} ${step.unit} at prices per ${num(step.pricedPer)}: ${money(step.before)} × ${num(step.value)} / ${num(step.pricedPer)} = ${money(step.amount)}`;
      case "rounding":
        return `Rounding (${step.mode}, once per ${step.at === "metric" ? `metric, ${step.metric}` : "tranche"}): ${money(step.before)} → ${money(step.after)}`;
      case "cap": {
        const used = isZeroText(step.usedBefore) ? "" : `, ${money(step.usedBefore)} already used`;
        const bit = isZeroText(step.cut)
          ? "does not bite"
          : `cuts ${money(step.cut)}: ${money(step.before)} → ${money(step.after)}`;
        // A payer's cap is part of the payer's line: indented as its recipients are, so they stay under the payer.
        return `${step.cap === "payer" ? "    " : ""}Cap: ${CAP_NAMES_EN[step.cap]} ${step.cap === "payer" ? party(step.id) : step.id} of ${money(step.limit)}${used}: ${bit}`;
      }
      case "floor":
        return `Floor: the tranche pays at least ${money(step.floor)}: ${money(step.before)} → ${money(step.after)}`;
      case "split":
        return step.side === "payer"
          ? `Split: ${party(step.party)} pays ${percent(step.share)} = ${money(step.amount)}`
          : `    of which to ${party(step.party)} ${percent(step.share)} = ${money(step.amount)}`;
      case "payment":
        return `Payment: ${step.eventId} on ${date(step.paidOn)}, ${party(step.payer)} → ${party(step.recipient)}: ${money(step.amount)}`;
      case "status":
        return undefined;
      case "formula": {
        const shown = (value: string) => (/^-?[0-9.]+$/.test(value) ? num(value) : value);
        const reads =
          step.reads.length === 0
            ? ""
            : `\n      where ${step.reads.map((read) => `${read.name} = ${shown(read.value)}`).join(", ")}`;
        const lookups = step.lookups
          .map(
            (lookup) =>
              `\n      table ${lookup.table} ${JSON.stringify(lookup.keys)}: row ${lookup.row + 1} gives ${num(lookup.value)}`,
          )
          .join("");
        return `Rule (formula): ${step.expression} = ${money(step.value)}${reads}${lookups}`;
      }
      case "terms":
        return `Terms in force: as amended by ${step.amendments.map((amendment) => `${amendment.id} (agreed ${date(amendment.agreedOn)}, effective from ${date(amendment.effectiveFrom)}: ${amendment.description})`).join("; then ")}`;
    }
  },
  labels: {
    settlementOf: (id, title) => `Settlement of ${id} — ${title}`,
    asOf: (date) => `As known on ${date}`,
    amountsIn: (currency) => `Amounts in ${currency}`,
    rounding: (mode, at) => `Rounding: ${mode}, once per ${at}`,
    tranche: (tranche, date) =>
      `Tranche ${tranche.id}${tranche.label !== undefined ? ` — ${tranche.label}` : ""} (${coverageLabel(tranche.covers)}), due ${date(tranche.dueDate)}` +
      (tranche.pricedOnPool === undefined
        ? ""
        : `, payable from ${date(tranche.payableFrom)} on the pooled result of cohort ${tranche.pricedOnPool}`),
    covers: (tranche) => coverageLabel(tranche.covers),
    measuredCounterfactual: (step) => `the measured counterfactual (${step.estimator}, event ${step.eventId})`,
    status: "Status",
    earned: "Earned",
    paid: "Paid",
    balance: "Balance",
    pending: "pending",
    clawback: (amount) => `CLAWBACK: ${amount} is owed back`,
    totals: "Totals",
    pendingTranches: (count, paid) => `${count} tranche(s) pending results; paid on them so far ${paid}`,
    capsThatBit: "Caps that bit",
    capCut: (name, id, cut) => `${name} ${id}: cut ${cut}`,
    trancheAmounts: (earned, paid, balance) => `Earned ${earned}; paid ${paid}; balance ${balance}`,
    settledTotals: (earned, paid, balance) => `Earned on settled tranches ${earned}; paid ${paid}; balance ${balance}`,
    byPayerSettled: "By payer (balance over settled tranches):",
    byRecipientSettled: "By recipient (balance over settled tranches):",
    partyTotals: (name, id, earned, paid, balance) =>
      `${name} [${id}]: earned ${earned}, paid ${paid}, balance ${balance}`,
  },
};

/** English: the labels of the Markdown and HTML reports and of the charts. */
export const reportLabelsEn: ReportLabels = {
  computation: "How it was computed",
  lines: "Who pays whom",
  payer: "Payer",
  recipient: "Recipient",
  party: "Party",
  totalsNote: "Earned and balance over the tranches whose results are settled; paid over all tranches.",
  byPayer: "By payer",
  byRecipient: "By recipient",
  baselineMark: "baseline",
  capMark: "cap",
  chart: "Payment curve",
  chartCaption: (metric) =>
    `What the tranche pays for each result of ${metric}: the measured result is marked, caps are drawn as dashed lines.`,
  simulation: (runs, seed) => `Simulation: ${runs.toLocaleString("en-GB")} runs, seed ${seed}`,
  simulationNote: "The share of runs that paid at most each amount; percentiles are amounts of actual runs.",
  totalPayments: "Total outcome payments",
  costOf: (party) => `Cost to ${party}`,
  mean: "mean",
  percentile: "percentile",
  shareOfRuns: "share of runs",
  generatedBy: "Computed by pay-by-results from the contract and its verification events.",
};

/** English: the labels of the plain text of priced lines. */
export const lineLabelsEn: LineLabels = {
  line: (index, invoice, amount) => `Line ${index + 1} (invoice ${invoice}): ${amount}`,
  invoices: "Invoices",
  invoice: (invoice, lines, total) => `${invoice}: ${lines} ${plural(lines, "line", "lines")}, ${total}`,
  linesTotal: (total, amendments) =>
    `Total ${total}${amendments.length > 0 ? ` (terms as amended by ${amendments.join(", ")})` : ""}`,
};
