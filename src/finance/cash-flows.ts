import { ISSUED_SETTLEMENT, requireIssued } from "../errors/argument-error.js";
import type { Money } from "../money/money.js";
import { writtenMinorUnits } from "../money/currency.js";
import type { Contract } from "../contract/types.js";
import { isIssued, markIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import type { Settlement } from "../engine/settlement-types.js";
import { quoted } from "../errors/describe-value.js";
import { ContractError, OptionsError, issue } from "../errors/validation-error.js";
import { compileFinance, type CompiledFinance } from "./compile-finance.js";
import type { FinanceStep } from "./finance-steps.js";
import { internedMoney } from "../money/interned-money.js";
import { checkSafeTotal, dayNumber, moneyOfPlaces, parseUnits, unitsOf } from "./minor-units.js";
import {
  drawdownFlows,
  runFinance,
  WATERFALL_ACCOUNT,
  type FlowKind,
  type FlowUnits,
  type Receipt,
} from "./waterfall.js";

/** One cash flow: `amount` goes from `from` to `to` on `date`. */
export interface CashFlow {
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly amount: Money;
  readonly kind: FlowKind;
  /** The tranche an outcome payment is for. */
  readonly tranche?: string;
}

/** A cash flow seen from one party: positive received, negative paid out. */
export interface PartyFlow {
  readonly date: string;
  readonly amount: Money;
  readonly kind: FlowKind;
  readonly counterparty: string;
  readonly tranche?: string;
}

/** Every cash flow of one party, in date order, with its totals. */
export interface PartyCashFlows {
  readonly party: string;
  readonly name: string;
  readonly flows: readonly PartyFlow[];
  readonly paidOut: Money;
  readonly received: Money;
  /** received − paidOut. */
  readonly net: Money;
}

/** Where an investor stands: capital drawn, what came back, and what it would lose if no outcome were paid. */
export interface InvestorPosition {
  readonly party: string;
  readonly drawn: Money;
  /** From the waterfall (principal and return). */
  readonly distributions: Money;
  /** From guarantees and first-loss cover. */
  readonly guaranteed: Money;
  /** distributions + guaranteed − drawn. */
  readonly net: Money;
  /** The capital lost if no outcome payment at all were made, after guarantees (zero or positive). */
  readonly lossGivenNoOutcomes: Money;
}

/** Every party's dated cash flows under a settlement, exact to the minor unit, with the waterfall's steps. */
export interface CashFlows {
  readonly contractId: string;
  readonly currency: string;
  readonly asOf: string;
  /** Every flow, in date order. Pooling into and out of the waterfall account `(waterfall)` is shown. */
  readonly flows: readonly CashFlow[];
  /** Each party's flows (the waterfall account left out: it always nets to zero). */
  readonly parties: readonly PartyCashFlows[];
  readonly investors: readonly InvestorPosition[];
  /** Tranches whose results are pending: they bring nothing yet. */
  readonly pendingTranches: readonly string[];
  /** The waterfall and guarantee steps, in order. */
  readonly steps: readonly FinanceStep[];
}

/**
 * @internal The outcome payments of a settlement: each earned line of a settled tranche, on the date the
 * settlement says it is payable from (its due date, or its pooled fallback's).
 */
export function receiptsOf(settlement: Settlement): Receipt[] {
  const places = writtenMinorUnits(settlement.totals.paid);
  const receipts: Receipt[] = [];
  const tranches = settlement.tranches;
  for (let t = 0; t < tranches.length; t += 1) {
    const tranche = tranches[t]!;
    if (tranche.amountEarned === null) continue;
    const day = dayNumber(tranche.payableFrom);
    const lines = tranche.lines;
    for (let l = 0; l < lines.length; l += 1) {
      const line = lines[l]!;
      let units = 0;
      if (line.earned !== null) {
        units = parseUnits(line.earned.amount, places);
        if (Number.isNaN(units))
          units = unitsOf(line.earned.amount, places, ["settlement", "tranches", t, "lines", l, "earned", "amount"]);
      }
      if (units > 0)
        receipts.push({
          date: tranche.payableFrom,
          day,
          tranche: tranche.id,
          payer: line.payer,
          recipient: line.recipient,
          units,
        });
    }
  }
  return receipts;
}

/**
 * @internal A bound on every sum of minor units the waterfall and the cash flows make: twice the outcome
 * payments (received, then pooled and distributed), the commitments and the guarantee limits.
 */
export function unitsBound(finance: CompiledFinance, outcomePayments: number): bigint {
  return 2n * BigInt(outcomePayments) + fixedBound(finance);
}

/** The commitments and the guarantee limits of a compiled finance section, added up once. */
const fixedBounds = new WeakMap<CompiledFinance, bigint>();

function fixedBound(finance: CompiledFinance): bigint {
  let bound = fixedBounds.get(finance);
  if (bound === undefined) {
    bound = 0n;
    for (const investor of finance.investors) bound += BigInt(investor.commitment);
    for (const guarantee of finance.guarantees) bound += BigInt(guarantee.limit);
    fixedBounds.set(finance, bound);
  }
  return bound;
}

/** @internal The compiled finance section of a contract, checking the contract when it was not parsed. */
export function financeOf(contractInput: Contract): { contract: Contract; finance: CompiledFinance } {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const finance = compileFinance(contract);
  if (finance === null) {
    throw new ContractError([
      issue(
        ["finance"],
        "finance_required",
        "the contract has no finance section: add one to model investors, the waterfall and guarantees",
      ),
    ]);
  }
  return { contract, finance };
}

/** What `cashFlows` needs of a contract's parties, once per contract: those that can have flows, and their names. */
interface PartyTable {
  /** Every party but the waterfall account, in the contract's order. */
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Each party's index in `ids`. */
  readonly index: ReadonlyMap<string, number>;
  /** Each investor's index in `ids`, in the order of the finance section (−1 for none). */
  readonly investors: readonly number[];
  /** What each investor would lose if no outcome payment at all were made. */
  readonly lossGivenNoOutcomes: readonly Money[];
  /** What each investor draws in all (minor units, and as money). */
  readonly drawnUnits: readonly number[];
  readonly drawn: readonly Money[];
  /** Each drawdown flow of the waterfall (the same objects on every run) as shown: the flow, and as its payer and its payee see it. */
  readonly drawdowns: ReadonlyMap<
    FlowUnits,
    { readonly flow: CashFlow; readonly payer: PartyFlow; readonly payee: PartyFlow }
  >;
}

const partyTables = new WeakMap<CompiledFinance, PartyTable>();

function partyTable(contract: Contract, finance: CompiledFinance): PartyTable {
  let table = partyTables.get(finance);
  if (table === undefined) {
    const names = new Map(contract.parties.map((party) => [party.id, party.name]));
    const ids: string[] = [];
    const shown: string[] = [];
    const index = new Map<string, number>();
    for (const party of contract.parties) {
      if (party.id === WATERFALL_ACCOUNT) continue;
      index.set(party.id, ids.length);
      ids.push(party.id);
      shown.push(names.get(party.id) ?? party.id);
    }
    const noOutcomes = runFinance(finance, [], false).flows;
    const money = (units: number) => moneyOfPlaces(units, finance.places, finance.currency);
    const drawnUnits = finance.investors.map((investor) => positionUnits(investor.party, noOutcomes).drawn);
    table = {
      ids,
      names: shown,
      index,
      investors: finance.investors.map((investor) => index.get(investor.party) ?? -1),
      lossGivenNoOutcomes: finance.investors.map((investor) => {
        const worst = positionUnits(investor.party, noOutcomes);
        return money(Math.max(0, worst.drawn - worst.guaranteed - worst.distributions));
      }),
      drawnUnits,
      drawn: drawnUnits.map(money),
      drawdowns: new Map(
        drawdownFlows(finance).map((flow) => {
          const amount = money(flow.units);
          const view = {
            flow: Object.freeze({ date: flow.date, from: flow.from, to: flow.to, amount, kind: flow.kind }),
            payer: partyFlow(flow, flow.units > 0 ? negated(amount) : money(-flow.units), flow.to),
            payee: partyFlow(flow, amount, flow.from),
          };
          return [flow, view];
        }),
      ),
    };
    // remembered only for a contract that cannot change (from parseContract), like its compiled finance
    if (Object.isFrozen(contract)) partyTables.set(finance, table);
  }
  return table;
}

/** One party's flows and totals while `cashFlows` builds them. */
interface PartyTally {
  readonly flows: PartyFlow[];
  paidOut: number;
  received: number;
  drawn: number;
  distributions: number;
  guaranteed: number;
}

/**
 * Every party's dated cash flows under a settlement: investors' drawdowns, outcome payments (what each
 * settled tranche earned, on the date it is payable from: its due date, or its pooled fallback's), the waterfall's distributions of the pooled outcome payments
 * (principal, return, fees, excess), and guarantee calls. Exact to the minor unit; every split by the
 * largest-remainder rule. Tranches still pending bring nothing (listed in `pendingTranches`).
 *
 * @example
 * const flows = cashFlows(contract, settle(contract, events, { asOf: "2030-01-31" }));
 * flows.investors[0]?.net; // { amount: "-12000.00", currency: "EUR" } when the investor lost 12,000
 * @throws ContractError when the contract has no `finance` section (code `finance_required`) or is not valid.
 * @throws ArgumentError when the settlement is not one `settle` returned (`not_a_settlement`).
 * @throws OptionsError when the settlement is of another contract (code `settlement_mismatch`), or carries an
 * amount of 10^15 minor units or more, or outcome payments whose sums would pass 2^53 − 1 minor units
 * (`amount_too_large`: a settlement from `settle` never does the first).
 */
export function cashFlows(contractInput: Contract, settlement: Settlement): CashFlows {
  const { contract, finance } = financeOf(contractInput);
  requireIssued(settlement, ISSUED_SETTLEMENT, "cashFlows", "settlement");
  if (settlement?.contractId !== contract.id || settlement.currency !== contract.currency) {
    throw new OptionsError([
      issue(
        ["settlement"],
        "settlement_mismatch",
        `the settlement is of contract ${quoted(settlement?.contractId)}, not "${contract.id}": settle this contract first`,
      ),
    ]);
  }
  const receipts = receiptsOf(settlement);
  let outcomePayments = 0;
  for (const receipt of receipts) outcomePayments += receipt.units;
  // 2 × 2^50 + 2^50 < 2^53: exact without bigints when both parts are that small
  if (!(outcomePayments <= 2 ** 50 && fixedBound(finance) <= 2n ** 50n))
    checkSafeTotal(
      unitsBound(finance, outcomePayments),
      ["settlement"],
      "the outcome payments of this settlement (received, then distributed), the commitments and the guarantee limits",
    );
  const table = partyTable(contract, finance);
  const { flows, steps } = runFinance(finance, receipts, true);
  const currency = finance.currency;
  const places = finance.places;
  const tallies: (PartyTally | undefined)[] = new Array<PartyTally | undefined>(table.ids.length);
  const shown: CashFlow[] = [];
  // Money is frozen, so one value serves every view of an amount: a flow and its recipient's view share it, and a
  // flow of the amount just seen (an outcome payment, then its pooling) shares that one and its negation.
  let lastUnits = Number.NaN;
  let amount: Money = NO_MONEY;
  let paid: Money | null = null;
  for (const flow of flows) {
    const units = flow.units;
    const drawdown = flow.kind === "drawdown" ? table.drawdowns.get(flow) : undefined;
    if (drawdown !== undefined) {
      // the same every time: shown as made once
      shown.push(drawdown.flow);
      const to = table.index.get(flow.to);
      if (to !== undefined) {
        const tally = tallies[to] ?? newTally(tallies, to);
        tally.received += units;
        tally.flows.push(drawdown.payee);
      }
      const from = table.index.get(flow.from);
      if (from !== undefined) {
        const tally = tallies[from] ?? newTally(tallies, from);
        tally.paidOut += units;
        tally.drawn += units;
        tally.flows.push(drawdown.payer);
      }
      continue;
    }
    if (units !== lastUnits) {
      amount = internedMoney(units, places, currency);
      paid = null;
      lastUnits = units;
    }
    const tranche = flow.tranche;
    shown.push(
      Object.freeze(
        tranche === undefined
          ? { date: flow.date, from: flow.from, to: flow.to, amount, kind: flow.kind }
          : { date: flow.date, from: flow.from, to: flow.to, amount, kind: flow.kind, tranche },
      ),
    );
    // the waterfall account has no tally: not looked up
    const to = flow.to === WATERFALL_ACCOUNT ? undefined : table.index.get(flow.to);
    if (to !== undefined) {
      const tally = tallies[to] ?? newTally(tallies, to);
      tally.received += units;
      tally.flows.push(partyFlow(flow, amount, flow.from));
      const kind = flow.kind;
      if (kind === "guarantee") tally.guaranteed += units;
      else if (kind === "principal" || kind === "return" || kind === "excess") tally.distributions += units;
    }
    const from = flow.from === WATERFALL_ACCOUNT ? undefined : table.index.get(flow.from);
    if (from !== undefined) {
      const tally = tallies[from] ?? newTally(tallies, from);
      tally.paidOut += units;
      paid ??= internedMoney(-units, places, currency);
      tally.flows.push(partyFlow(flow, paid, flow.to));
      if (flow.kind === "drawdown") tally.drawn += units;
    }
  }
  const parties: PartyCashFlows[] = [];
  for (let p = 0; p < tallies.length; p += 1) {
    const tally = tallies[p];
    if (tally === undefined) continue;
    parties.push(
      Object.freeze({
        party: table.ids[p]!,
        name: table.names[p]!,
        flows: Object.freeze(tally.flows),
        paidOut: internedMoney(tally.paidOut, places, currency),
        received: internedMoney(tally.received, places, currency),
        net: internedMoney(tally.received - tally.paidOut, places, currency),
      }),
    );
  }
  const investors: InvestorPosition[] = [];
  for (let i = 0; i < finance.investors.length; i += 1) {
    const party = finance.investors[i]!.party;
    const at = table.investors[i]!;
    const { drawn, distributions, guaranteed } = at >= 0 ? (tallies[at] ?? NO_FLOWS) : positionUnits(party, flows);
    investors.push(
      Object.freeze({
        party,
        drawn: drawn === table.drawnUnits[i] ? table.drawn[i]! : internedMoney(drawn, places, currency),
        distributions: internedMoney(distributions, places, currency),
        guaranteed: internedMoney(guaranteed, places, currency),
        net: internedMoney(distributions + guaranteed - drawn, places, currency),
        lossGivenNoOutcomes: table.lossGivenNoOutcomes[i]!,
      }),
    );
  }
  const pendingTranches: string[] = [];
  for (const tranche of settlement.tranches) if (tranche.amountEarned === null) pendingTranches.push(tranche.id);
  const result: CashFlows = Object.freeze({
    contractId: contract.id,
    currency: contract.currency,
    asOf: settlement.asOf,
    flows: Object.freeze(shown),
    parties: Object.freeze(parties),
    investors: Object.freeze(investors),
    pendingTranches: Object.freeze(pendingTranches),
    steps: Object.freeze(steps),
  });
  return markIssued(result, "cash-flows");
}

/** The same amount of money with the opposite sign (of a positive amount: the flow seen by its payer). */
function negated(money: Money): Money {
  return Object.freeze({ amount: `-${money.amount}`, currency: money.currency });
}

const NO_MONEY: Money = Object.freeze({ amount: "0", currency: "" });

const NO_FLOWS = Object.freeze({ drawn: 0, distributions: 0, guaranteed: 0 });

/** A new tally for party `at`, kept in `tallies`. */
function newTally(tallies: (PartyTally | undefined)[], at: number): PartyTally {
  const tally: PartyTally = {
    flows: [],
    paidOut: 0,
    received: 0,
    drawn: 0,
    distributions: 0,
    guaranteed: 0,
  };
  tallies[at] = tally;
  return tally;
}

function partyFlow(flow: FlowUnits, amount: Money, counterparty: string): PartyFlow {
  const tranche = flow.tranche;
  return Object.freeze(
    tranche === undefined
      ? { date: flow.date, amount, kind: flow.kind, counterparty }
      : { date: flow.date, amount, kind: flow.kind, counterparty, tranche },
  );
}

/** @internal An investor's totals from its flows in minor units. */
export function positionUnits(
  party: string,
  flows: readonly FlowUnits[],
): { drawn: number; distributions: number; guaranteed: number } {
  let drawn = 0;
  let distributions = 0;
  let guaranteed = 0;
  for (const flow of flows) {
    if (flow.from === party && flow.kind === "drawdown") drawn += flow.units;
    if (flow.to !== party) continue;
    if (flow.kind === "guarantee") guaranteed += flow.units;
    else if (flow.kind === "principal" || flow.kind === "return" || flow.kind === "excess") distributions += flow.units;
  }
  return { drawn, distributions, guaranteed };
}
