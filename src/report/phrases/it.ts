import { ownValue } from "../../util/own.js";
import type { CapKind, ResultStep } from "../../explanation/steps.js";
import type { TrancheSettlement, TrancheStatus } from "../../engine/settlement-types.js";
import {
  baselineSource,
  isZeroText,
  magnitude,
  type LineLabels,
  type Phrasebook,
  type ReportLabels,
} from "./phrasebook.js";
import { isMeasurementStep, measuredResultLines, measurementIt } from "../measurement-text.js";
import { reasonOf, type ReasonWords } from "./reason.js";
import { estimatorIt } from "./measurement-methods.js";

const CAP_NAMES: Record<CapKind, string> = {
  metric: "massimale per metrica",
  tranche: "massimale della tranche",
  contract: "massimale del contratto",
  payer: "massimale del pagatore",
};

const STATUS_NAMES: Record<TrancheStatus, string> = {
  "not-yet-due": "non ancora dovuta",
  "awaiting-verification": "in attesa di verifica",
  disputed: "contestata",
  "not-earned": "non maturata",
  earned: "maturata",
  "partly-paid": "pagata in parte",
  paid: "pagata",
};

const RESULT_STATUS: Record<ResultStep["status"], string> = {
  reported: "comunicato",
  verified: "verificato",
  disputed: "contestato",
  rejected: "respinto",
  missing: "mancante",
};

/** The rounding modes in Italian, with the contract's own name for reference. */
const ROUNDING_NAMES: Readonly<Record<string, string>> = {
  "half-even": "al più vicino, a metà verso il pari",
  "half-up": "al più vicino, a metà per eccesso",
  "half-down": "al più vicino, a metà per difetto",
  down: "per troncamento, verso lo zero",
  up: "per eccesso, lontano dallo zero",
  floor: "verso il basso",
  ceiling: "verso l'alto",
};
const roundingName = (mode: string) => `${ownValue(ROUNDING_NAMES, mode) ?? mode} (${mode})`;

const BASIS_BETTER = { lower: "migliore se più basso", higher: "migliore se più alto" } as const;

/** The engine's `period X` / `cohort X`, in Italian. */
const scope = (text: string) => text.replace(/^period /, "periodo ").replace(/^cohort /, "coorte ");
/** A formula's name as read in another period (pricing writes `metric["x"] (period 2027-Q1)`), in Italian. */
const readName = (name: string) => name.replace(/ \(period ([^()]+)\)$/, " (periodo $1)");
const covers = (tranche: TrancheSettlement) =>
  "period" in tranche.covers ? `periodo ${tranche.covers.period}` : `coorte ${tranche.covers.cohort}`;

/** Why a tranche has its status, in Italian. */
const REASON: ReasonWords = {
  result: (result) => `${result.metric} (${scope(result.scope)})`,
  fallback: (cohort, pooled) =>
    `la coorte ${cohort} non ha superato la propria regola ed è pagata sul risultato aggregato della coorte ${pooled}: `,
  disputed: (results) =>
    `il risultato di ${results} è contestato: nulla è dovuto finché la contestazione non è risolta`,
  reported: (results) => `il risultato di ${results} è stato comunicato ma non ancora verificato`,
  absent: (result, rejected) =>
    `${result}: ${rejected ? "risultato respinto, se ne attende uno nuovo" : "nessun risultato comunicato"}`,
  overdue: (dueDate, absent) => `scaduta il ${dueDate} e ancora senza un risultato verificato: ${absent}`,
  notYetDue: (dueDate, absent) => `scadenza il ${dueDate}; ${absent}`,
  cap: (kind, id) => `il ${CAP_NAMES[kind]} ${id}`,
  earnsNothing: "i risultati verificati non maturano alcun importo secondo la regola di pagamento",
  nowEarnsNothing: "i risultati verificati ora non maturano alcun importo",
  cappedToNothing: (priced, caps) =>
    `i risultati verificati valgono ${priced}, ma ${caps.join(" e ")} non ${caps.length === 1 ? "lascia" : "lasciano"} nulla da pagare`,
  owedBack: (why, paid) => `${why}, ma sono stati pagati ${paid}: vanno restituiti`,
  earned: (earned, payableFrom) =>
    `${earned} maturati, ${payableFrom === undefined ? "pagabili ora" : `pagabili dal ${payableFrom}`}`,
  partlyPaid: (paid, earned, due) => `pagati ${paid} su ${earned}; restano dovuti ${due}`,
  paidInFull: (earned) => `${earned} maturati e pagati per intero`,
  overpaid: (paid, earned, back) => `pagati ${paid} a fronte di ${earned} ora maturati: ${back} vanno restituiti`,
};

/** Italiano. */
export const it: Phrasebook = {
  capName: (kind) => CAP_NAMES[kind],
  status: (status) => STATUS_NAMES[status],
  reason: (tranche, style, asOf) => reasonOf(REASON, tranche, style, asOf),
  step(step, style, context) {
    const { money, num, percent, date } = style;
    const { party } = context;
    if (isMeasurementStep(step)) return measurementIt.step(step, style);
    switch (step.kind) {
      case "result": {
        if (step.status === "missing")
          return `Risultato: ${step.metric} (${scope(step.scope)}): nessuno comunicato finora`;
        const by = step.verifier !== undefined ? ` da ${party(step.verifier)}` : "";
        const evidence = step.evidence !== undefined ? `, documentazione: ${step.evidence}` : "";
        const head = `Risultato: ${step.metric} (${scope(step.scope)}) = ${num(step.value!)}, ${RESULT_STATUS[step.status]}${by}, registrato il ${date(step.recordedAt!)} [evento ${step.eventId!}${evidence}]`;
        const measured = measuredResultLines(step, measurementIt, style);
        if (step.trail.length <= 1) return head + measured;
        const trail = step.trail
          .map(
            (entry) =>
              `${entry.eventId} ${RESULT_STATUS[entry.status]} ${num(entry.value)} il ${date(entry.recordedAt)}`,
          )
          .join("; ");
        return `${head}\n      storia: ${trail}${measured}`;
      }
      case "basis": {
        const from = baselineSource(step, context, it.labels.measuredCounterfactual);
        if (step.basis === "value")
          return `Base: il valore misurato di ${step.metric}, ${num(step.measured)} (valore di riferimento ${num(step.baseline)}, fonte: ${from})`;
        const change =
          step.better === "lower"
            ? `riferimento ${num(step.baseline)} − misurato ${num(step.measured)} = ${num(step.improvement)}`
            : `misurato ${num(step.measured)} − riferimento ${num(step.baseline)} = ${num(step.improvement)}`;
        if (step.basis === "improvement")
          return `Base: miglioramento di ${step.metric} (${BASIS_BETTER[step.better]}): ${change}; fonte del riferimento: ${from}`;
        return `Base: miglioramento relativo di ${step.metric} (${BASIS_BETTER[step.better]}): (${change}) / ${num(magnitude(step.baseline))} = ${num(step.value)} (${percent(step.value)}); fonte del riferimento: ${from}`;
      }
      case "rate":
        return `Regola (prezzo unitario): ${num(step.basisValue)} × ${money(step.pricePerUnit)} per unità = ${money(step.amount)}`;
      case "threshold": {
        const sign = step.comparison === "at-least" ? "≥" : "≤";
        const verdict = step.met ? "raggiunta" : "non raggiunta: nulla è dovuto";
        const pays = step.amount !== undefined && step.met ? `, paga ${money(step.amount)}` : "";
        return `Regola (soglia): ${num(step.basisValue)} ${sign} ${num(step.threshold)}? ${verdict}${pays}`;
      }
      case "tier":
        return step.tier === null
          ? `Regola (scaglioni): ${num(step.basisValue)} non rientra in alcuno scaglione: nulla è dovuto`
          : `Regola (scaglioni): ${num(step.basisValue)} rientra nello scaglione ${step.tier + 1} [${num(step.from ?? "0")}, ${step.to !== undefined ? num(step.to) : "∞"}): paga ${money(step.amount)}`;
      case "interpolation":
        if (step.position === "below") {
          return isZeroText(step.amount)
            ? `Regola (lineare): ${num(step.basisValue)} è sotto il primo punto ${num(step.upper!.at)}: nulla è dovuto`
            : `Regola (lineare): ${num(step.basisValue)} è pari o inferiore al primo punto ${num(step.upper!.at)} (l'estremo migliore): paga ${money(step.amount)}`;
        }
        if (step.position === "above") {
          return isZeroText(step.amount) && !isZeroText(step.lower!.amount)
            ? `Regola (lineare): ${num(step.basisValue)} è oltre l'ultimo punto ${num(step.lower!.at)} (l'estremo peggiore): nulla è dovuto`
            : `Regola (lineare): ${num(step.basisValue)} è pari o superiore all'ultimo punto ${num(step.lower!.at)}: paga ${money(step.amount)}`;
        }
        return `Regola (lineare): ${num(step.basisValue)} è tra ${num(step.lower!.at)} → ${money(step.lower!.amount)} e ${num(step.upper!.at)} → ${money(step.upper!.amount)}, a una frazione ${num(step.fraction!)} del tratto: ${money(step.lower!.amount)} + ${num(step.fraction!)} × (${money(step.upper!.amount)} − ${money(step.lower!.amount)}) = ${money(step.amount)}`;
      case "savings-share":
        return `Regola (quota dei risparmi): ${num(step.basisValue)} × ${money(step.savingPerUnit)} risparmiati per unità = ${money(step.saving)} risparmiati; × ${percent(step.share)} = ${money(step.amount)}`;
      case "weight":
        return `Peso: la parte ${step.part + 1} paga ${money(step.partAmount)} × ${percent(step.weight)} = ${money(step.amount)}`;
      case "zero-floor":
        return `Minimo zero: ${step.metric} pagherebbe ${money(step.before)} (il risultato è peggiorato), quindi non paga nulla`;
      case "quantity":
        return step.pricedPer === "1"
          ? `Quantità: ${num(step.value)} ${step.unit} al prezzo per unità: ${money(step.before)} × ${num(step.value)} = ${money(step.amount)}`
          : `Quantità: ${num(step.value)} ${step.unit} a prezzi per ${num(step.pricedPer)}: ${money(step.before)} × ${num(step.value)} / ${num(step.pricedPer)} = ${money(step.amount)}`;
      case "rounding":
        return `Arrotondamento (${roundingName(step.mode)}, una volta per ${step.at === "metric" ? `metrica, ${step.metric}` : "tranche"}): ${money(step.before)} → ${money(step.after)}`;
      case "cap": {
        const used = isZeroText(step.usedBefore) ? "" : `, già utilizzati ${money(step.usedBefore)}`;
        const bit = isZeroText(step.cut)
          ? "non incide"
          : `taglia ${money(step.cut)}: ${money(step.before)} → ${money(step.after)}`;
        // A payer's cap is part of the payer's line: indented as its recipients are, so they stay under the payer.
        return `${step.cap === "payer" ? "    " : ""}Massimale: ${CAP_NAMES[step.cap]} ${step.cap === "payer" ? party(step.id) : step.id} di ${money(step.limit)}${used}: ${bit}`;
      }
      case "floor":
        return `Minimo garantito: la tranche paga almeno ${money(step.floor)}: ${money(step.before)} → ${money(step.after)}`;
      case "split":
        return step.side === "payer"
          ? `Ripartizione: ${party(step.party)}, quota ${percent(step.share)} = ${money(step.amount)}`
          : `    di cui a ${party(step.party)}: quota ${percent(step.share)} = ${money(step.amount)}`;
      case "payment":
        return `Pagamento: ${step.eventId} del ${date(step.paidOn)}, ${party(step.payer)} → ${party(step.recipient)}: ${money(step.amount)}`;
      case "status":
        return undefined;
      case "formula": {
        const shown = (value: string) => (/^-?[0-9.]+$/.test(value) ? num(value) : value);
        const reads =
          step.reads.length === 0
            ? ""
            : `\n      dove ${step.reads.map((read) => `${readName(read.name)} = ${shown(read.value)}`).join(", ")}`;
        const lookups = step.lookups
          .map(
            (lookup) =>
              `\n      tabella ${lookup.table} ${JSON.stringify(lookup.keys)}: la riga ${lookup.row + 1} dà ${num(lookup.value)}`,
          )
          .join("");
        return `Regola (formula): ${step.expression} = ${money(step.value)}${reads}${lookups}`;
      }
      case "terms":
        return `Condizioni in vigore: come modificate da ${step.amendments.map((amendment) => `${amendment.id} (concordata il ${date(amendment.agreedOn)}, in vigore dal ${date(amendment.effectiveFrom)}: ${amendment.description})`).join("; poi ")}`;
    }
  },
  labels: {
    settlementOf: (id, title) => `Liquidazione di ${id} — ${title}`,
    asOf: (day) => `Situazione nota al ${day}`,
    amountsIn: (currency) => `Importi in ${currency}`,
    rounding: (mode, at) =>
      `Arrotondamento: ${roundingName(mode)}, una volta per ${at === "metric" ? "metrica" : "tranche"}`,
    tranche: (tranche, date) =>
      `Tranche ${tranche.id}${tranche.label !== undefined ? ` — ${tranche.label}` : ""} (${covers(tranche)}), scadenza ${date(tranche.dueDate)}` +
      (tranche.pricedOnPool === undefined
        ? ""
        : `, pagabile dal ${date(tranche.payableFrom)} sul risultato aggregato della coorte ${tranche.pricedOnPool}`),
    covers,
    measuredCounterfactual: (step) =>
      `il controfattuale misurato (${estimatorIt(step.estimator)}, evento ${step.eventId})`,
    status: "Stato",
    earned: "Maturato",
    paid: "Pagato",
    balance: "Saldo",
    pending: "in attesa",
    clawback: (amount) => `DA RESTITUIRE: ${amount}`,
    totals: "Totali",
    pendingTranches: (count, paid) => `${count} tranche in attesa di risultati; pagato finora su di esse ${paid}`,
    capsThatBit: "Massimali applicati",
    capCut: (name, id, cut) => `${name} ${id}: taglio di ${cut}`,
    trancheAmounts: (earned, paid, balance) => `Maturato ${earned}; pagato ${paid}; saldo ${balance}`,
    settledTotals: (earned, paid, balance) =>
      `Maturato sulle tranche con risultati definiti ${earned}; pagato ${paid}; saldo ${balance}`,
    byPayerSettled: "Per pagatore (saldo sulle tranche con risultati definiti):",
    byRecipientSettled: "Per destinatario (saldo sulle tranche con risultati definiti):",
    partyTotals: (name, id, earned, paid, balance) =>
      `${name} [${id}]: maturato ${earned}, pagato ${paid}, saldo ${balance}`,
  },
};

/** Italiano: the labels of the Markdown and HTML reports and of the charts. */
export const reportLabelsIt: ReportLabels = {
  computation: "Come è stato calcolato",
  lines: "Chi paga chi",
  payer: "Pagatore",
  recipient: "Destinatario",
  party: "Parte",
  totalsNote: "Maturato e saldo sulle tranche con risultati definiti; pagato su tutte le tranche.",
  byPayer: "Per pagatore",
  byRecipient: "Per destinatario",
  baselineMark: "valore di riferimento",
  capMark: "massimale",
  chart: "Curva di pagamento",
  chartCaption: (metric) =>
    `Quanto paga la tranche per ogni risultato di ${metric}: il risultato misurato è segnato, i massimali sono tratteggiati.`,
  simulation: (runs, seed) =>
    `Simulazione: ${new Intl.NumberFormat("it-IT", { useGrouping: "always" }).format(runs)} estrazioni, seme ${seed}`,
  simulationNote:
    "La quota di estrazioni che ha pagato al più ciascun importo; i percentili sono importi di estrazioni effettive.",
  totalPayments: "Pagamenti totali per i risultati",
  costOf: (party) => `Costo per ${party}`,
  mean: "media",
  percentile: "percentile",
  shareOfRuns: "quota di estrazioni",
  generatedBy: "Calcolato da pay-by-results a partire dal contratto e dagli eventi di verifica.",
};

/** Italiano: the labels of the plain text of priced lines. */
export const lineLabelsIt: LineLabels = {
  line: (index, invoice, amount) => `Riga ${index + 1} (fattura ${invoice}): ${amount}`,
  invoices: "Fatture",
  invoice: (invoice, lines, total) => `${invoice}: ${lines} ${lines === 1 ? "riga" : "righe"}, ${total}`,
  linesTotal: (total, amendments) =>
    `Totale ${total}${amendments.length > 0 ? ` (condizioni come modificate da ${amendments.join(", ")})` : ""}`,
};
