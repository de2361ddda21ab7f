import { requireIssued } from "../errors/argument-error.js";
import type { Money } from "../money/money.js";
import { minorUnits } from "../money/currency.js";
import type { Contract } from "../contract/types.js";
import { isIssued, markIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import type { Settlement } from "../engine/settlement-types.js";
import { quoted } from "../errors/describe-value.js";
import { ContractError, OptionsError, issue } from "../errors/validation-error.js";
import { deepFreeze } from "../util/freeze.js";
import { compileFinance, type CompiledFinance } from "./compile-finance.js";
import type { FinanceStep } from "./finance-steps.js";
import { checkSafeTotal, dayNumber, moneyOfUnits, unitsOf } from "./minor-units.js";
import { runFinance, WATERFALL_ACCOUNT, type FlowKind, type FlowUnits, type Receipt } from "./waterfall.js";

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
  const places = minorUnits(settlement.currency);
  const receipts: Receipt[] = [];
  settlement.tranches.forEach((tranche, t) => {
    if (tranche.amountEarned === null) return;
    const day = dayNumber(tranche.payableFrom);
    tranche.lines.forEach((line, l) => {
      const path = ["settlement", "tranches", t, "lines", l, "earned", "amount"];
      const units = line.earned === null ? 0 : unitsOf(line.earned.amount, places, path);
      if (units > 0)
        receipts.push({
          date: tranche.payableFrom,
          day,
          tranche: tranche.id,
          payer: line.payer,
          recipient: line.recipient,
          units,
        });
    });
  });
  return receipts;
}

/**
 * @internal A bound on every sum of minor units the waterfall and the cash flows make: twice the outcome
 * payments (received, then pooled and distributed), the commitments and the guarantee limits.
 */
export function unitsBound(finance: CompiledFinance, outcomePayments: number): bigint {
  let bound = 2n * BigInt(outcomePayments);
  for (const investor of finance.investors) bound += BigInt(investor.commitment);
  for (const guarantee of finance.guarantees) bound += BigInt(guarantee.limit);
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
  requireIssued(settlement, "settlement", "cashFlows", "settlement");
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
  checkSafeTotal(
    unitsBound(
      finance,
      receipts.reduce((total, receipt) => total + receipt.units, 0),
    ),
    ["settlement"],
    "the outcome payments of this settlement (received, then distributed), the commitments and the guarantee limits",
  );
  const { flows, steps } = runFinance(finance, receipts, true);
  const noOutcomes = runFinance(finance, [], false).flows;
  const result: CashFlows = deepFreeze({
    contractId: contract.id,
    currency: contract.currency,
    asOf: settlement.asOf,
    flows: flows.map((flow) => ({
      date: flow.date,
      from: flow.from,
      to: flow.to,
      amount: moneyOfUnits(flow.units, finance.currency),
      kind: flow.kind,
      ...(flow.tranche !== undefined ? { tranche: flow.tranche } : {}),
    })),
    parties: partyFlows(contract, flows, finance.currency),
    investors: finance.investors.map((investor) => positionOf(investor.party, flows, noOutcomes, finance.currency)),
    pendingTranches: settlement.tranches
      .filter((tranche) => tranche.amountEarned === null)
      .map((tranche) => tranche.id),
    steps,
  });
  return markIssued(result, "cash-flows");
}

function partyFlows(contract: Contract, flows: readonly FlowUnits[], currency: string): PartyCashFlows[] {
  const names = new Map(contract.parties.map((party) => [party.id, party.name]));
  const involved = new Set(flows.flatMap((flow) => [flow.from, flow.to]));
  return contract.parties
    .filter((party) => involved.has(party.id) && party.id !== WATERFALL_ACCOUNT)
    .map((party) => {
      const own: PartyFlow[] = [];
      let paidOut = 0;
      let received = 0;
      for (const flow of flows) {
        if (flow.to === party.id) {
          received += flow.units;
          own.push(partyFlow(flow, flow.units, flow.from, currency));
        }
        if (flow.from === party.id) {
          paidOut += flow.units;
          own.push(partyFlow(flow, -flow.units, flow.to, currency));
        }
      }
      return {
        party: party.id,
        name: names.get(party.id) ?? party.id,
        flows: own,
        paidOut: moneyOfUnits(paidOut, currency),
        received: moneyOfUnits(received, currency),
        net: moneyOfUnits(received - paidOut, currency),
      };
    });
}

function partyFlow(flow: FlowUnits, units: number, counterparty: string, currency: string): PartyFlow {
  return {
    date: flow.date,
    amount: moneyOfUnits(units, currency),
    kind: flow.kind,
    counterparty,
    ...(flow.tranche !== undefined ? { tranche: flow.tranche } : {}),
  };
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

function positionOf(
  party: string,
  flows: readonly FlowUnits[],
  noOutcomes: readonly FlowUnits[],
  currency: string,
): InvestorPosition {
  const { drawn, distributions, guaranteed } = positionUnits(party, flows);
  const worst = positionUnits(party, noOutcomes);
  return {
    party,
    drawn: moneyOfUnits(drawn, currency),
    distributions: moneyOfUnits(distributions, currency),
    guaranteed: moneyOfUnits(guaranteed, currency),
    net: moneyOfUnits(distributions + guaranteed - drawn, currency),
    lossGivenNoOutcomes: moneyOfUnits(Math.max(0, worst.drawn - worst.guaranteed - worst.distributions), currency),
  };
}
