import { Dec, measureText, plain, readDecimal, readMeasure } from "../money/decimal.js";
import { allocateDecimal } from "../money/allocate.js";
import { fromDecimal, type Money } from "../money/money.js";
import { roundToMinorUnits } from "../money/rounding.js";
import { groupThousands } from "../money/format.js";
import { minorUnits } from "../money/currency.js";
import { isTooLarge, limitText, shownAmount } from "../money/limits.js";
import { isCalendarDate } from "../contract/calendar.js";
import { isIssued, markIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import { parseEvents } from "../ledger/parse-events.js";
import type { Contract, Metric, Tranche } from "../contract/types.js";
import type { ContractEvent, PaymentEvent } from "../contract/event-types.js";
import { EventsError, OptionsError, issue } from "../errors/validation-error.js";
import { buildHistory, ledgerAsOf, scopeKey, type Ledger } from "../ledger/history.js";
import { metricsOf } from "../pricing/evaluate-rule.js";
import { formulaNeeds, type FormulaEnvironment } from "../pricing/contract-formulas.js";
import { trancheIndex, trancheInForce } from "../contract/amendments.js";
import type { Coverage } from "../contract/types.js";
import type { CapStep, ResultStep, Step } from "../explanation/steps.js";
import { deepFreeze } from "../util/freeze.js";
import { ownValue } from "../util/own.js";
import { applyCap, CapUsage } from "./caps.js";
import { pendingStatus } from "./tranche-status.js";
import { settlementOrder } from "./settlement-order.js";
import { coverageLabel } from "../contract/coverage.js";
import { type PayableOn, priceTranche } from "./measured-pricing.js";
import type { PartyAmounts, PaymentLine, Settlement, TrancheSettlement, TrancheStatus } from "./settlement-types.js";

/** Options of `settle`: explicit, with no default date (the core never reads the clock). */
export interface SettleOptions {
  /** The calendar date (`YYYY-MM-DD`) the settlement is made on: only events recorded on or before it count. */
  readonly asOf: string;
}

/**
 * Computes what is due under a contract as known on `asOf`: for every tranche its status, the amount
 * earned, its split among payers and recipients, what was paid and the balance, with every step of the
 * computation recorded. Pure and deterministic: the same contract, events and date give the same settlement,
 * whatever the order of the events, the clock or the time zone.
 *
 * Tranches are settled in order of due date, then id; cumulative caps (per metric, per payer, for the
 * contract) are consumed in that order. Per tranche: price the rule exactly; the one rounding step; metric
 * caps; the tranche's floor; the tranche cap; the contract cap; the split among payers (largest remainder)
 * and the payer caps; the split of each payer's part among recipients.
 *
 * @example
 * const settlement = settle(contract, events, { asOf: "2027-12-31" });
 * console.log(explain(settlement));
 * @throws ContractError when the contract was not made by `parseContract` and is not valid.
 * @throws EventsError when the events are inconsistent with each other or the contract (every problem listed), or
 * when a result would make a tranche earn, after its caps, 10^15 minor units or more (`amount_too_large` at the
 * result's value: beyond the largest amount the library computes exactly).
 * @throws OptionsError when `asOf` is not a calendar date.
 * @throws FormulaError when a formula meets a division by zero or a decision table without a matching row.
 */
export function settle(
  contractInput: Contract,
  eventsInput: readonly ContractEvent[],
  options: SettleOptions,
): Settlement {
  if (typeof options?.asOf !== "string" || !isCalendarDate(options.asOf)) {
    throw new OptionsError([
      issue(["asOf"], "invalid_date", 'asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"'),
    ]);
  }
  // Values from parseContract / parseEvents are trusted; anything else (hand-built in JavaScript) is checked
  // first, so that bad input is always a ValidationError and never a TypeError deep inside.
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const events = isIssued(eventsInput, "events") ? eventsInput : parseEvents(eventsInput);
  const { history, issues } = buildHistory(events, contract);
  if (issues.length > 0) throw new EventsError(issues);
  const ledger = ledgerAsOf(history, options.asOf);
  const context: SettleContext = {
    contract,
    asOf: options.asOf,
    ledger,
    metrics: new Map(contract.metrics.map((metric) => [metric.id, metric])),
    usage: new CapUsage(),
    paymentsByTranche: groupBy(ledger.payments, (payment) => payment.tranche),
    events,
  };
  const order = settlementOrder(contract.tranches);
  const tranches = order.map((tranche) => settleTranche(context, tranche));
  const settlement: Settlement = deepFreeze({
    contractId: contract.id,
    title: contract.title,
    currency: contract.currency,
    asOf: options.asOf,
    parties: contract.parties.map((party) => ({ id: party.id, name: party.name })),
    rounding: { mode: contract.rounding.mode, at: contract.rounding.at },
    tranches,
    totals: totalsOf(contract, tranches),
    capsApplied: tranches.flatMap((tranche) => tranche.capsApplied),
  });
  // The reports take a settlement this function returned, and no copy or hand-made one.
  return markIssued(settlement, "settlement");
}

interface SettleContext {
  readonly contract: Contract;
  readonly asOf: string;
  readonly ledger: Ledger;
  readonly metrics: ReadonlyMap<string, Metric>;
  readonly usage: CapUsage;
  readonly paymentsByTranche: ReadonlyMap<string, readonly PaymentEvent[]>;
  /** The events as given, to point an error at one. */
  readonly events: readonly ContractEvent[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list === undefined) groups.set(key(item), [item]);
    else list.push(item);
  }
  return groups;
}

const scopeLabel = (tranche: { covers: Coverage }) => coverageLabel(tranche.covers);

function resultSteps(context: SettleContext, tranche: Tranche, terms: Contract): ResultStep[] {
  // A formula may also read results of other periods (previous, lastYear, window): the tranche waits for them too.
  const own = metricsOf(tranche.pricing).map((metric) => ({ metric, covers: tranche.covers }));
  const needs = [
    ...own,
    ...formulaNeeds(terms, tranche.pricing, tranche.covers).filter(
      (need) => !own.some((o) => o.metric === need.metric && scopeLabel(need) === scopeLabel(tranche)),
    ),
  ];
  return needs.map(({ metric, covers }) => {
    const state = context.ledger.results.get(scopeKey(metric, covers));
    if (state === undefined)
      return { kind: "result", metric, scope: scopeLabel({ covers }), status: "missing", trail: [] };
    return {
      kind: "result",
      metric,
      scope: scopeLabel({ covers }),
      status: state.status,
      value: measureText(state.value),
      eventId: state.eventId,
      recordedAt: state.recordedAt,
      ...(state.verifier !== undefined ? { verifier: state.verifier } : {}),
      ...(state.evidence !== undefined ? { evidence: state.evidence } : {}),
      ...(state.measurement !== undefined ? { measurement: state.measurement } : {}),
      trail: state.trail,
    };
  });
}

function settleTranche(context: SettleContext, original: Tranche): TrancheSettlement {
  const { contract } = context;
  const currency = contract.currency;
  // The terms in force for the tranche's period: the original, or as amended (agreed by asOf).
  const { terms, amendments, tranche } = trancheInForce(contract, original, { asOf: context.asOf });
  const results = resultSteps(context, tranche, terms);
  const trace: Step[] =
    amendments.length === 0
      ? [...results]
      : [
          {
            kind: "terms",
            amendments: amendments.map(({ id, description, agreedOn, effectiveFrom }) => ({
              id,
              description,
              agreedOn,
              effectiveFrom,
            })),
          },
          ...results,
        ];
  const payments = context.paymentsByTranche.get(tranche.id) ?? [];
  let pending = pendingStatus(results, tranche.dueDate, context.asOf);

  // earned per payer → recipient, in minor units; null while results are pending.
  let earned: Map<string, Map<string, Dec>> | null = null;
  let amountPriced: Dec | null = null;
  let payable: PayableOn = { payableFrom: tranche.dueDate };
  const capSteps: CapStep[] = [];

  if (pending === null) {
    // A formula reads the ledger itself (its own and other periods' verified values).
    const resultValue = (metric: string, covers: Coverage) => {
      const state = context.ledger.results.get(scopeKey(metric, covers));
      return state === undefined ? undefined : readMeasure(state.value);
    };
    const formulasFor = (covers: Coverage): FormulaEnvironment => ({
      terms,
      covers,
      metrics: context.metrics,
      value: resultValue,
      path: ["tranches", trancheIndex(contract, original.id), "pricing"],
    });
    // Statistical options and the pooled-cohort fallback (src/engine/measured-pricing.ts) price the tranche's
    // own results; results of other periods a formula reads are only waited for.
    const own = results.filter((result) => result.scope === scopeLabel(tranche));
    const pricing = priceTranche(
      tranche,
      own,
      context.metrics,
      context.asOf,
      (cohort, rule) => resultSteps(context, { ...tranche, covers: { cohort }, pricing: rule }, terms),
      formulasFor,
    );
    trace.push(...pricing.steps);
    pending = pricing.pending;
    payable =
      pricing.pricedOnPool === undefined
        ? { payableFrom: pricing.payableFrom }
        : { payableFrom: pricing.payableFrom, pricedOnPool: pricing.pricedOnPool };
    if (pricing.pending === null) {
      const { priced } = pricing;
      const rounded = roundPriced(context, priced.amount, priced.byMetric, trace);
      amountPriced = rounded.total;
      earned = capAndSplit(context, tranche, rounded.byMetric, trace, capSteps);
    }
  }

  for (const payment of sortedPayments(payments)) {
    trace.push({
      kind: "payment",
      eventId: payment.id,
      payer: payment.payer,
      recipient: payment.recipient,
      amount: payment.amount,
      paidOn: payment.paidOn,
    });
  }
  const lines = linesOf(tranche, earned, payments, currency);
  const sumOf = (values: readonly (Money | null)[]) =>
    values.reduce<Dec>((acc, value) => acc.plus(value?.amount ?? 0), new Dec(0));
  const earnedTotal = earned === null ? null : sumOf(lines.map((line) => line.earned));
  if (earnedTotal !== null && isTooLarge(earnedTotal, minorUnits(currency)))
    tooLargeEarned(context, tranche, results, earnedTotal);
  const paidTotal = sumOf(lines.map((line) => line.paid));
  const { status, reason } =
    pending ??
    settledStatus(earnedTotal!, paidTotal, currency, payable.payableFrom, context.asOf, amountPriced!, capSteps);
  trace.push({ kind: "status", status, reason });
  const balance = earnedTotal === null ? null : earnedTotal.minus(paidTotal);
  const toMoney = (value: Dec) => fromDecimal(value, currency);

  return {
    id: tranche.id,
    ...(tranche.label !== undefined ? { label: tranche.label } : {}),
    covers: tranche.covers,
    dueDate: tranche.dueDate,
    ...payable,
    status,
    reason,
    results,
    amountPriced: amountPriced === null ? null : toMoney(amountPriced),
    amountEarned: earnedTotal === null ? null : toMoney(earnedTotal),
    amountPaid: toMoney(paidTotal),
    balance: balance === null ? null : toMoney(balance),
    clawback: balance !== null && balance.isNegative() && !balance.isZero() ? toMoney(balance.neg()) : null,
    byPayer: groupLines(lines, "payer", currency),
    byRecipient: groupLines(lines, "recipient", currency),
    lines,
    capsApplied: capSteps.filter((step) => !new Dec(step.cut).isZero()),
    trace,
  };
}

/**
 * A tranche that earns more than the largest amount (after its caps) is refused: nothing downstream — cash
 * flows, the simulation, INDIGO — could carry it exactly, and it is most often a result written wrong. The
 * error points at the verified results it was priced on.
 */
function tooLargeEarned(context: SettleContext, tranche: Tranche, results: readonly ResultStep[], earned: Dec): never {
  const places = minorUnits(context.contract.currency);
  const where = results
    .filter((result) => result.eventId !== undefined && result.status === "verified")
    .map((result) => context.events.findIndex((event) => event.id === result.eventId))
    .filter((index) => index >= 0);
  const currency = context.contract.currency;
  const text = earned.toFixed(places);
  const amount = text.length <= 40 ? `${text} ${currency}` : `an amount ${shownAmount(text)}`;
  const message = `on this result tranche "${tranche.id}" would earn ${amount}, too much: ${limitText(currency, places)}; check the value, or cap the tranche`;
  throw new EventsError(
    (where.length > 0 ? where : [undefined]).map((index) =>
      issue(index === undefined ? [] : [index, "value"], "amount_too_large", message),
    ),
  );
}

/** The one rounding step, where the contract says it applies. Returns the rounded parts per metric. */
function roundPriced(
  context: SettleContext,
  amount: Dec,
  byMetric: ReadonlyMap<string, Dec>,
  trace: Step[],
): { total: Dec; byMetric: Map<string, Dec> } {
  const { mode, at } = context.contract.rounding;
  const currency = context.contract.currency;
  const metrics = [...byMetric.keys()];
  if (at === "metric") {
    const parts = new Map<string, Dec>();
    for (const metric of metrics) {
      const before = byMetric.get(metric)!;
      const after = roundToMinorUnits(before, currency, mode);
      trace.push({ kind: "rounding", mode, at, metric, before: plain(before), after: plain(after) });
      parts.set(metric, after);
    }
    return { total: [...parts.values()].reduce((acc, part) => acc.plus(part), new Dec(0)), byMetric: parts };
  }
  const total = roundToMinorUnits(amount, currency, mode);
  trace.push({ kind: "rounding", mode, at, before: plain(amount), after: plain(total) });
  return {
    total,
    byMetric: attribute(
      total,
      metrics.map((metric) => byMetric.get(metric)!),
      metrics,
      currency,
    ),
  };
}

/** Splits a rounded amount over metrics in proportion to their exact parts (all zero when they are). */
function attribute(
  total: Dec,
  weights: readonly Dec[],
  metrics: readonly string[],
  currency: string,
): Map<string, Dec> {
  const sum = weights.reduce((acc, weight) => acc.plus(weight), new Dec(0));
  const parts =
    sum.isZero() || total.isZero() ? metrics.map(() => new Dec(0)) : allocateDecimal(total, weights, currency);
  return new Map(metrics.map((metric, index) => [metric, parts[index]!]));
}

/** Caps, floor and splits, all in exact minor units after the rounding step. */
function capAndSplit(
  context: SettleContext,
  tranche: Tranche,
  parts: Map<string, Dec>,
  trace: Step[],
  capSteps: CapStep[],
): Map<string, Map<string, Dec>> {
  const { contract, usage } = context;
  const currency = contract.currency;
  const record = (result: { amount: Dec; step: CapStep }) => {
    trace.push(result.step);
    capSteps.push(result.step);
    return result.amount;
  };

  for (const [metric, part] of parts) {
    const limit = ownValue(contract.caps?.perMetric, metric);
    if (limit !== undefined)
      parts.set(metric, record(applyCap("metric", metric, new Dec(limit), usage.get(`metric:${metric}`), part)));
  }
  const fromMetrics = [...parts.values()].reduce((acc, part) => acc.plus(part), new Dec(0));
  let amount = fromMetrics;
  if (tranche.floor !== undefined && amount.lessThan(tranche.floor)) {
    trace.push({
      kind: "floor",
      floor: plain(new Dec(tranche.floor)),
      before: plain(amount),
      after: plain(new Dec(tranche.floor)),
    });
    amount = new Dec(tranche.floor);
  }
  if (tranche.cap !== undefined)
    amount = record(applyCap("tranche", tranche.id, new Dec(tranche.cap), new Dec(0), amount));
  if (contract.caps?.contract !== undefined)
    amount = record(applyCap("contract", contract.id, new Dec(contract.caps.contract), usage.get("contract"), amount));

  // Split among payers; a payer at its cap pays only what is left of it, and the tranche is reduced by the cut.
  const payerShares = tranche.payers.map((entry) => readDecimal(entry.share)!);
  const byPayer = amount.isZero() ? payerShares.map(() => new Dec(0)) : allocateDecimal(amount, payerShares, currency);
  const earned = new Map<string, Map<string, Dec>>();
  tranche.payers.forEach((payer, index) => {
    let payerAmount = byPayer[index]!;
    trace.push({
      kind: "split",
      side: "payer",
      party: payer.party,
      share: plain(payerShares[index]!),
      amount: plain(payerAmount),
    });
    const limit = ownValue(contract.caps?.perPayer, payer.party);
    if (limit !== undefined)
      payerAmount = record(
        applyCap("payer", payer.party, new Dec(limit), usage.get(`payer:${payer.party}`), payerAmount),
      );
    usage.add(`payer:${payer.party}`, payerAmount);
    const recipientShares = tranche.recipients.map((entry) => readDecimal(entry.share)!);
    const byRecipient = payerAmount.isZero()
      ? recipientShares.map(() => new Dec(0))
      : allocateDecimal(payerAmount, recipientShares, currency);
    const row = new Map<string, Dec>();
    tranche.recipients.forEach((recipient, r) => {
      row.set(recipient.party, byRecipient[r]!);
      trace.push({
        kind: "split",
        side: "recipient",
        party: recipient.party,
        of: payer.party,
        share: plain(recipientShares[r]!),
        amount: plain(byRecipient[r]!),
      });
    });
    earned.set(payer.party, row);
  });

  const final = [...earned.values()]
    .flatMap((row) => [...row.values()])
    .reduce((acc, value) => acc.plus(value), new Dec(0));
  usage.add("contract", final);
  // What the metric caps have used: the final amount, attributed to metrics in proportion to their capped
  // parts, never more than those parts (a floor's top-up is not attributed to any metric).
  const metrics = [...parts.keys()];
  const used = attribute(
    Dec.min(final, fromMetrics),
    metrics.map((metric) => parts.get(metric)!),
    metrics,
    currency,
  );
  for (const [metric, value] of used) usage.add(`metric:${metric}`, value);
  return earned;
}

function sortedPayments(payments: readonly PaymentEvent[]): PaymentEvent[] {
  return [...payments].sort((a, b) => (a.paidOn === b.paidOn ? (a.id < b.id ? -1 : 1) : a.paidOn < b.paidOn ? -1 : 1));
}

function linesOf(
  tranche: Tranche,
  earned: Map<string, Map<string, Dec>> | null,
  payments: readonly PaymentEvent[],
  currency: string,
): PaymentLine[] {
  const lines: PaymentLine[] = [];
  for (const payer of tranche.payers) {
    for (const recipient of tranche.recipients) {
      const paid = payments
        .filter((payment) => payment.payer === payer.party && payment.recipient === recipient.party)
        .reduce((acc, payment) => acc.plus(payment.amount), new Dec(0));
      const due = earned?.get(payer.party)?.get(recipient.party);
      lines.push({
        payer: payer.party,
        recipient: recipient.party,
        earned: due === undefined ? null : fromDecimal(due, currency),
        paid: fromDecimal(paid, currency),
        balance: due === undefined ? null : fromDecimal(due.minus(paid), currency),
      });
    }
  }
  return lines;
}

function groupLines(lines: readonly PaymentLine[], side: "payer" | "recipient", currency: string): PartyAmounts[] {
  const parties = [...new Set(lines.map((line) => line[side]))];
  return parties.map((party) =>
    sumAmounts(
      party,
      lines.filter((line) => line[side] === party),
      currency,
    ),
  );
}

function sumAmounts(
  party: string,
  rows: readonly { earned: Money | null; paid: Money; balance: Money | null }[],
  currency: string,
): PartyAmounts {
  const settled = rows.every((row) => row.earned !== null);
  const add = (pick: (row: (typeof rows)[number]) => Money | null) =>
    rows.reduce((acc, row) => acc.plus(pick(row)?.amount ?? 0), new Dec(0));
  return {
    party,
    earned: settled
      ? fromDecimal(
          add((row) => row.earned),
          currency,
        )
      : null,
    paid: fromDecimal(
      add((row) => row.paid),
      currency,
    ),
    balance: settled
      ? fromDecimal(
          add((row) => row.balance),
          currency,
        )
      : null,
  };
}

function settledStatus(
  earned: Dec,
  paid: Dec,
  currency: string,
  dueDate: string,
  asOf: string,
  priced: Dec,
  caps: readonly CapStep[],
): { status: TrancheStatus; reason: string } {
  const show = (value: Dec) => `${currency} ${groupThousands(fromDecimal(value, currency).amount)}`;
  const payable = asOf >= dueDate ? "payable now" : `payable from ${dueDate}`;
  if (earned.isZero()) {
    const bitten = caps.filter((step) => !new Dec(step.cut).isZero()).map((step) => `the ${step.cap} cap ${step.id}`);
    const why =
      priced.isZero() || bitten.length === 0
        ? "the verified results earn nothing under the pricing rule"
        : `the verified results are priced at ${show(priced)}, but ${bitten.join(" and ")} leave${bitten.length === 1 ? "s" : ""} nothing to pay`;
    if (paid.isZero()) return { status: "not-earned", reason: why };
    const now = bitten.length === 0 || priced.isZero() ? "the verified results now earn nothing" : why;
    return { status: "not-earned", reason: `${now}, but ${show(paid)} was paid: it is owed back` };
  }
  if (paid.isZero()) return { status: "earned", reason: `${show(earned)} earned, ${payable}` };
  if (paid.lessThan(earned))
    return {
      status: "partly-paid",
      reason: `${show(paid)} of ${show(earned)} paid; ${show(earned.minus(paid))} still due`,
    };
  if (paid.equals(earned)) return { status: "paid", reason: `${show(earned)} earned and paid in full` };
  return {
    status: "paid",
    reason: `${show(paid)} paid against ${show(earned)} now earned: ${show(paid.minus(earned))} is owed back`,
  };
}

function totalsOf(contract: Contract, tranches: readonly TrancheSettlement[]): Settlement["totals"] {
  const currency = contract.currency;
  const settled = tranches.filter((tranche) => tranche.amountEarned !== null);
  const pending = tranches.filter((tranche) => tranche.amountEarned === null);
  const add = (values: readonly Money[]) =>
    fromDecimal(
      values.reduce((acc, value) => acc.plus(value.amount), new Dec(0)),
      currency,
    );
  const earned = add(settled.map((tranche) => tranche.amountEarned!));
  const paidSettled = add(settled.map((tranche) => tranche.amountPaid));
  const totalsBy = (side: "byPayer" | "byRecipient") => {
    const parties = [...new Set(tranches.flatMap((tranche) => tranche[side].map((entry) => entry.party)))];
    return parties.map((party) => {
      const rows = tranches.flatMap((tranche) => tranche[side].filter((entry) => entry.party === party));
      const settledRows = rows.filter((row) => row.earned !== null);
      return {
        party,
        earned: add(settledRows.map((row) => row.earned!)),
        paid: add(rows.map((row) => row.paid)),
        balance: add(settledRows.map((row) => row.balance!)),
      };
    });
  };
  return {
    earned,
    paid: add(tranches.map((tranche) => tranche.amountPaid)),
    balance: fromDecimal(new Dec(earned.amount).minus(paidSettled.amount), currency),
    paidOnPending: add(pending.map((tranche) => tranche.amountPaid)),
    pendingTranches: pending.length,
    byPayer: totalsBy("byPayer"),
    byRecipient: totalsBy("byRecipient"),
  };
}
