import { fixedUnits, unitsOfPlain } from "../money/exact-units.js";
import { REASON_WORDS_EN } from "../explanation/reason-words.js";
import type { Money } from "../money/money.js";
import { isTooLargeUnits, limitText, shownAmount } from "../money/limits.js";
import { isCalendarDate } from "../contract/calendar.js";
import { isIssued, markIssued } from "../util/issued.js";
import { withNotebookDisplay } from "../util/notebook.js";
import { parseContract } from "../contract/parse-contract.js";
import { parseEvents } from "../ledger/parse-events.js";
import type { Contract, Tranche } from "../contract/types.js";
import type { ContractEvent, PaymentEvent } from "../contract/event-types.js";
import { EventsError, type InputIssue, OptionsError, issue } from "../errors/validation-error.js";
import { describeValue } from "../errors/describe-value.js";
import { checkedHistory, type Ledger, ledgerAsOf } from "../ledger/history.js";
import type { CapStep, ResultStep, Step } from "../explanation/steps.js";
import { earnTranche, noUsage, type EarnedTranche, type PlanRun, type PricedTranche } from "./earn-tranche.js";
import { planOf, type SettlementPlan } from "./settlement-plan.js";
import type {
  PartyAmounts,
  PartyTotals,
  PaymentLine,
  Settlement,
  TrancheSettlement,
  TrancheStatus,
} from "./settlement-types.js";

/** Options of `settle`: explicit, with no default date (the core never reads the clock). */
export interface SettleOptions {
  /** The calendar date (`YYYY-MM-DD`) the settlement is made on: only events recorded on or before it count. */
  readonly asOf: string;
  /**
   * `false` for the figures only: every amount, status and reason as usual, but no step of the derivation is
   * kept (each tranche's `trace` is empty), which makes `settle` about a quarter faster. `explain`, the reports
   * and `toIndigo` refuse such a settlement (`no_explanation`); `cashFlows`, `settlementToCsv` and the returns take
   * it. Default `true`.
   */
  readonly explain?: boolean;
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
  const wrong: InputIssue[] = [];
  if (typeof options?.asOf !== "string" || !isCalendarDate(options.asOf))
    wrong.push(issue(["asOf"], "invalid_date", 'asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"'));
  if (options?.explain !== undefined && typeof options.explain !== "boolean")
    wrong.push(
      issue(
        ["explain"],
        "invalid_type",
        `explain must be true (the default: every step of the derivation kept) or false (the figures only); got ${describeValue(options.explain)}`,
      ),
    );
  if (wrong.length > 0) throw new OptionsError(wrong);
  // Values from parseContract / parseEvents are trusted; anything else (hand-built in JavaScript) is checked
  // first, so that bad input is always a ValidationError and never a TypeError deep inside.
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const events = isIssued(eventsInput, "events") ? eventsInput : parseEvents(eventsInput);
  const { history, issues } = checkedHistory(events, contract);
  if (issues.length > 0) throw new EventsError(issues);
  const ledger = ledgerAsOf(history, options.asOf);
  const plan = planOf(contract);
  const result = (key: string) => ledger.results.get(key);
  const explainIt = options.explain !== false;
  const view = ledgerView(ledger, plan);
  const run: PlanRun = {
    plan,
    asOf: options.asOf,
    result,
    usage: noUsage(),
    explain: explainIt,
    stepsAt: view.steps,
    pricedAt: explainIt ? view.pricedExplained : view.pricedFigures,
  };
  const sums = new RunningTotals();
  const { order } = plan;
  const tranches = new Array<TrancheSettlement>(order.length);
  for (let position = 0; position < order.length; position += 1) {
    const earned = earnTranche(run, order[position]!, position);
    tranches[position] = settledTranche(
      plan,
      options.asOf,
      earned,
      view.paid[position] ?? NO_PAYMENTS,
      events,
      sums,
      explainIt ? earned.trace : null,
    );
  }
  const capsApplied: CapStep[] = [];
  for (const tranche of tranches) capsApplied.push(...tranche.capsApplied);
  const settlement: Settlement = Object.freeze(
    withNotebookDisplay(
      {
        contractId: contract.id,
        title: contract.title,
        currency: contract.currency,
        asOf: options.asOf,
        parties: plan.parties,
        rounding: plan.rounding,
        tranches: Object.freeze(tranches),
        totals: sums.totals(plan),
        capsApplied: Object.freeze(capsApplied),
      },
      "settlement",
    ),
  );
  // The reports take a settlement this function returned, and no copy or hand-made one (one made without its
  // explanation is remembered as that alone: it is a settlement too, see `isIssued`).
  if (!explainIt) markIssued(settlement, "figures-only-settlement");
  return markIssued(settlement, "settlement");
}

/** The payments made on a tranche, with the minor units of each (read once per ledger). */
interface TranchePayments {
  readonly payments: readonly PaymentEvent[];
  readonly units: readonly bigint[];
}

const NO_PAYMENTS: TranchePayments = Object.freeze({ payments: Object.freeze([]), units: Object.freeze([]) });

/**
 * A ledger read in a plan's settlement order: each tranche's payments (grouped once), result steps and price
 * before the caps (filled by the first run). A ledger is remembered per date and never changes, so every settlement of it on the plan
 * reads tranches by position, with no lookup by id or scope.
 */
interface LedgerView {
  readonly paid: readonly (TranchePayments | undefined)[];
  readonly steps: (readonly ResultStep[] | undefined)[];
  /** Each tranche's price before the caps, filled by the first run with the explanation, and without it. */
  readonly pricedExplained: (PricedTranche | undefined)[];
  readonly pricedFigures: (PricedTranche | undefined)[];
}

/** The view of a ledger, made once and kept with it (a ledger is of one contract, so of one plan). */
function ledgerView(ledger: Ledger, plan: SettlementPlan): LedgerView {
  if (ledger.view !== undefined) return ledger.view as LedgerView;
  const paid = new Array<{ payments: PaymentEvent[]; units: bigint[] } | undefined>(plan.order.length);
  for (const payment of ledger.payments) {
    const position = plan.positionOf.get(payment.tranche);
    if (position === undefined) continue;
    const units = amountUnits(payment.amount, plan.places);
    const found = paid[position];
    if (found === undefined) paid[position] = { payments: [payment], units: [units] };
    else {
      found.payments.push(payment);
      found.units.push(units);
    }
  }
  const count = plan.order.length;
  const view: LedgerView = {
    paid,
    steps: new Array<readonly ResultStep[] | undefined>(count),
    pricedExplained: new Array<PricedTranche | undefined>(count),
    pricedFigures: new Array<PricedTranche | undefined>(count),
  };
  ledger.view = view;
  return view;
}
const NO_STEPS: readonly Step[] = Object.freeze([]);
const NO_CAPS: readonly CapStep[] = Object.freeze([]);

/** The settlement of one tranche: its earnings on the run, the payments made on it, status, lines and groups. */
function settledTranche(
  plan: SettlementPlan,
  asOf: string,
  earnedTranche: EarnedTranche,
  paidOn: TranchePayments,
  events: readonly ContractEvent[],
  sums: RunningTotals,
  /** The explanation so far, to complete; `null` when the figures only are wanted. */
  trace: Step[] | null,
): TrancheSettlement {
  const { tranche, terms, earned, results, payable } = earnedTranche;
  const { payments, units } = paidOn;
  const explaining = trace !== null;
  if (explaining)
    for (const payment of sortedPayments(payments))
      trace.push({
        kind: "payment",
        eventId: payment.id,
        payer: payment.payer,
        recipient: payment.recipient,
        amount: payment.amount,
        paidOn: payment.paidOn,
      });
  const money = plan.money;
  // every payer-recipient line: earned (null while pending), paid, balance
  const payers = terms.payers.parties;
  const recipients = terms.recipients.parties;
  const lines = new Array<PaymentLine>(payers.length * recipients.length);
  let earnedTotal: bigint | null = earned === null ? null : 0n;
  let paidTotal = 0n;
  for (let p = 0; p < payers.length; p += 1) {
    const payer = payers[p]!;
    for (let r = 0; r < recipients.length; r += 1) {
      const recipient = recipients[r]!;
      let paid = 0n;
      for (let k = 0; k < payments.length; k += 1) {
        const payment = payments[k]!;
        if (payment.payer === payer && payment.recipient === recipient)
          paid = paid === 0n ? units[k]! : paid + units[k]!;
      }
      const due = earned === null ? null : earned[p]![r]!;
      const dueMoney = due === null ? null : money(due);
      // nothing paid (the usual case): the balance is what is due, the same value
      lines[p * recipients.length + r] = {
        payer,
        recipient,
        earned: dueMoney,
        paid: money(paid),
        balance: due === null ? null : paid === 0n ? dueMoney : money(due - paid),
      };
      // (sums of zero skipped: every sum of bigints makes a new one)
      if (paid !== 0n) paidTotal = paidTotal === 0n ? paid : paidTotal + paid;
      if (due !== null && due !== 0n) earnedTotal = earnedTotal === 0n ? due : earnedTotal! + due;
    }
  }
  if (earnedTotal !== null && isTooLargeUnits(earnedTotal)) tooLargeEarned(plan, tranche, results, events, earnedTotal);
  const { status, reason } =
    earnedTranche.pending ??
    settledStatus(
      earnedTotal!,
      paidTotal,
      plan.shown,
      payable.payableFrom,
      asOf,
      earnedTranche.priced!,
      earnedTranche.capSteps,
    );
  if (explaining) trace.push({ kind: "status", status, reason });
  const balance = earnedTotal === null ? null : earnedTotal - paidTotal;
  sums.add(earnedTotal, paidTotal);
  // In the order a reader sees the fields (JSON, the reports); optional fields only when set. Made in one
  // literal (adding fields one by one grows the object's storage again and again); a label or a pooled price
  // (rare) adds its field in its place, field by field.
  const settled: TrancheSettlement = {
    id: tranche.id,
    covers: tranche.covers,
    dueDate: tranche.dueDate,
    payableFrom: payable.payableFrom,
    status,
    reason,
    results,
    amountPriced: earnedTranche.priced === null ? null : money(earnedTranche.priced),
    amountEarned: earnedTotal === null ? null : money(earnedTotal),
    amountPaid: money(paidTotal),
    balance: balance === null ? null : money(balance),
    clawback: balance !== null && balance < 0n ? money(-balance) : null,
    byPayer: partyRows(payers, recipients, true, earned, paidOn, money, sums.byPayer),
    byRecipient: partyRows(recipients, payers, false, earned, paidOn, money, sums.byRecipient),
    lines,
    // the cap steps and the trace are the run's own lists, made for this tranche (a step shared with other
    // settlements, a result's or a remembered price's, is frozen where it is made)
    capsApplied: earnedTranche.capSteps.length === 0 ? NO_CAPS : earnedTranche.capSteps,
    trace: explaining ? trace : NO_STEPS,
  };
  return tranche.label === undefined && payable.pricedOnPool === undefined
    ? settled
    : withOptional(settled, tranche.label, payable.pricedOnPool);
}

/** A settled tranche with its label after the id and its pooled cohort after `payableFrom`, those that are set. */
function withOptional(settled: TrancheSettlement, label?: string, pricedOnPool?: string): TrancheSettlement {
  const copy: Record<string, unknown> = {};
  for (const key in settled) {
    copy[key] = settled[key as keyof TrancheSettlement];
    if (key === "id" && label !== undefined) copy.label = label;
    if (key === "payableFrom" && pricedOnPool !== undefined) copy.pricedOnPool = pricedOnPool;
  }
  return copy as unknown as TrancheSettlement;
}

/**
 * A side's rows: each party's earned (`null` while pending), paid and balance, the sums of its lines (a payment
 * counts where it has a line: its payer and recipient are both the tranche's); each added to the running totals.
 */
function partyRows(
  parties: readonly string[],
  /** The other side's parties. */
  others: readonly string[],
  payerSide: boolean,
  earned: EarnedTranche["earned"],
  { payments, units }: TranchePayments,
  money: (units: bigint) => Money,
  totals: Map<string, PartyTotal>,
): PartyAmounts[] {
  const rows = new Array<PartyAmounts>(parties.length);
  for (let index = 0; index < parties.length; index += 1) {
    const party = parties[index]!;
    let due: bigint | null = earned === null ? null : 0n;
    for (let other = 0; due !== null && other < others.length; other += 1) {
      const value = payerSide ? earned![index]![other]! : earned![other]![index]!;
      if (value !== 0n) due = due === 0n ? value : due + value;
    }
    let paid = 0n;
    for (let k = 0; k < payments.length; k += 1) {
      const { payer, recipient } = payments[k]!;
      if (payerSide ? payer === party && others.includes(recipient) : recipient === party && others.includes(payer))
        paid = paid === 0n ? units[k]! : paid + units[k]!;
    }
    const balance = due === null ? null : paid === 0n ? due : due - paid;
    let total = totals.get(party);
    if (total === undefined) {
      total = { earned: new UnitsSum(), paid: new UnitsSum(), balance: new UnitsSum() };
      totals.set(party, total);
    }
    // (a pending tranche adds what was paid on it only)
    total.paid.add(paid);
    if (due !== null) total.earned.add(due);
    if (balance !== null) total.balance.add(balance);
    rows[index] = {
      party,
      earned: due === null ? null : money(due),
      paid: money(paid),
      balance: balance === null ? null : money(balance),
    };
  }
  return rows;
}

/** The minor units of a payment's amount (checked by `parseEvents`: a decimal in whole minor units). */
function amountUnits(amount: string, places: number): bigint {
  return unitsOfPlain(amount, places) ?? 0n;
}

/**
 * A tranche that earns more than the largest amount (after its caps) is refused: nothing downstream — cash
 * flows, the simulation, INDIGO — could carry it exactly, and it is most often a result written wrong. The
 * error points at the verified results it was priced on.
 */
function tooLargeEarned(
  plan: SettlementPlan,
  tranche: Tranche,
  results: readonly ResultStep[],
  events: readonly ContractEvent[],
  earned: bigint,
): never {
  const places = plan.places;
  const where = results
    .filter((result) => result.eventId !== undefined && result.status === "verified")
    .map((result) => events.findIndex((event) => event.id === result.eventId))
    .filter((index) => index >= 0);
  const currency = plan.currency;
  const text = fixedUnits(earned, places);
  const amount = text.length <= 40 ? `${text} ${currency}` : `an amount ${shownAmount(text)}`;
  const message = `on this result tranche "${tranche.id}" would earn ${amount}, too much: ${limitText(currency, places)}; check the value, or cap the tranche`;
  throw new EventsError(
    (where.length > 0 ? where : [undefined]).map((index) =>
      issue(index === undefined ? [] : [index, "value"], "amount_too_large", message),
    ),
  );
}

function sortedPayments(payments: readonly PaymentEvent[]): PaymentEvent[] {
  return [...payments].sort((a, b) => (a.paidOn === b.paidOn ? (a.id < b.id ? -1 : 1) : a.paidOn < b.paidOn ? -1 : 1));
}

function settledStatus(
  earned: bigint,
  paid: bigint,
  /** An amount as a reason quotes it ("EUR 1,250.50"). */
  show: (units: bigint) => string,
  dueDate: string,
  asOf: string,
  priced: bigint,
  bitten: readonly CapStep[],
): { status: TrancheStatus; reason: string } {
  const words = REASON_WORDS_EN;
  if (earned === 0n) {
    const caps = bitten.map((step) => words.cap(step.cap, step.id));
    const nothing = priced === 0n || caps.length === 0;
    if (paid === 0n)
      return { status: "not-earned", reason: nothing ? words.earnsNothing : words.cappedToNothing(show(priced), caps) };
    const why = nothing ? words.nowEarnsNothing : words.cappedToNothing(show(priced), caps);
    return { status: "not-earned", reason: words.owedBack(why, show(paid)) };
  }
  if (paid === 0n)
    return { status: "earned", reason: words.earned(show(earned), asOf >= dueDate ? undefined : dueDate) };
  if (paid < earned)
    return { status: "partly-paid", reason: words.partlyPaid(show(paid), show(earned), show(earned - paid)) };
  if (paid === earned) return { status: "paid", reason: words.paidInFull(show(earned)) };
  return { status: "paid", reason: words.overpaid(show(paid), show(earned), show(paid - earned)) };
}

/** 2^52: amounts, and sums, below it add up exactly in a double. */
const EXACT = 2 ** 52;

/**
 * A running sum of minor units that makes no bigint per amount added: in a double while it and every amount stay
 * below 2^52 (so each sum is exact), the rest in a bigint.
 */
class UnitsSum {
  private small = 0;
  private big = 0n;

  add(units: bigint): void {
    const value = Number(units);
    if (value < EXACT && value > -EXACT && this.small < EXACT && this.small > -EXACT) this.small += value;
    else this.big += units;
  }

  get units(): bigint {
    return this.big + BigInt(this.small);
  }
}

/** The settlement's totals, added up tranche by tranche as they are settled (nothing kept per tranche). */
class RunningTotals {
  private readonly earned = new UnitsSum();
  private readonly paid = new UnitsSum();
  private readonly paidOnPending = new UnitsSum();
  private pendingTranches = 0;
  readonly byPayer = new Map<string, PartyTotal>();
  readonly byRecipient = new Map<string, PartyTotal>();

  /** Adds a tranche: its earned total (`null` while pending) and paid total (its sides: `partyRows`). */
  add(earned: bigint | null, paid: bigint): void {
    this.paid.add(paid);
    if (earned === null) {
      this.paidOnPending.add(paid);
      this.pendingTranches += 1;
    } else this.earned.add(earned);
  }

  totals(plan: SettlementPlan): Settlement["totals"] {
    const money = plan.money;
    const side = (parties: Map<string, PartyTotal>) => {
      const rows: PartyTotals[] = [];
      for (const [party, { earned, paid, balance }] of parties)
        rows.push(
          Object.freeze({ party, earned: money(earned.units), paid: money(paid.units), balance: money(balance.units) }),
        );
      return Object.freeze(rows);
    };
    const earned = this.earned.units;
    const paid = this.paid.units;
    const paidOnPending = this.paidOnPending.units;
    return Object.freeze({
      earned: money(earned),
      paid: money(paid),
      // what was paid on the settled tranches: all that was paid, less what was paid on pending ones
      balance: money(earned - (paid - paidOnPending)),
      paidOnPending: money(paidOnPending),
      pendingTranches: this.pendingTranches,
      byPayer: side(this.byPayer),
      byRecipient: side(this.byRecipient),
    });
  }
}

interface PartyTotal {
  readonly earned: UnitsSum;
  readonly paid: UnitsSum;
  readonly balance: UnitsSum;
}
