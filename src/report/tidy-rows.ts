import type { ClaimDecision, ClaimRejectionReason, ClaimSettlement, ClaimStatus } from "../claims/claim-types.js";
import type { Settlement, TrancheStatus } from "../engine/settlement-types.js";
import type { MoneySummary, SimulationResult } from "../finance/simulate.js";
import type { Measurement } from "../measure/measurement.js";
import type { Money } from "../money/money.js";
import {
  ISSUED_CLAIM_SETTLEMENT,
  ISSUED_MEASUREMENT,
  ISSUED_SETTLEMENT,
  ISSUED_SIMULATION,
  issuedIssue,
} from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { throwIfAny } from "./charts/chart-arguments.js";

/**
 * Tidy rows of the library's results, for an analyst's data frame or spreadsheet: one plain object per row, every
 * row of a function with the same fields in the same order (`null` where a row has no value), money always as
 * `{ amount, currency }` (the results' own frozen values), codes as the results give them and never words.
 * `rowsToCsv` writes any of them as CSV.
 */

/** One tranche of a settlement (see `trancheRows`). */
export interface TrancheRow {
  readonly tranche: string;
  /** The period the tranche covers, or `null` for a cohort's tranche. */
  readonly period: string | null;
  /** The cohort the tranche covers, or `null` for a period's tranche. */
  readonly cohort: string | null;
  readonly dueDate: string;
  readonly payableFrom: string;
  readonly status: TrancheStatus;
  /** The priced amount after the rounding step, before caps; `null` while the results are pending. */
  readonly priced: Money | null;
  readonly earned: Money | null;
  readonly paid: Money;
  readonly balance: Money | null;
  readonly clawback: Money | null;
}

/** One payer → recipient line of a tranche (see `lineRows`). */
export interface LineRow {
  readonly tranche: string;
  readonly period: string | null;
  readonly cohort: string | null;
  readonly dueDate: string;
  readonly payableFrom: string;
  readonly status: TrancheStatus;
  readonly payer: string;
  readonly recipient: string;
  readonly earned: Money | null;
  readonly paid: Money;
  readonly balance: Money | null;
}

/** A party's totals over a settlement, as a payer or as a recipient (see `partyTotalRows`). */
export interface PartyTotalRow {
  readonly side: "payer" | "recipient";
  readonly party: string;
  /** Earned on the tranches whose results are settled. */
  readonly earned: Money;
  /** Paid on all tranches, pending or not. */
  readonly paid: Money;
  /** Earned − paid on the settled tranches. */
  readonly balance: Money;
}

/** What a simulation summarises: all outcome payments, a payer's cost, an investor's net result. */
export type SimulatedMeasure = "total-payments" | "payer-cost" | "investor-net";

/** One distribution of a simulation: its mean, smallest and largest run (see `simulationRows`). */
export interface SimulationRow {
  readonly measure: SimulatedMeasure;
  /** The payer or investor; `null` for the total payments. */
  readonly party: string | null;
  readonly runs: number;
  readonly mean: Money;
  readonly min: Money;
  readonly max: Money;
  /** For an investor: the share of runs in which it gets back less than it put in; `null` otherwise. */
  readonly probabilityOfLoss: number | null;
}

/** One percentile of a simulated distribution, a nearest-rank amount of an actual run (see `percentileRows`). */
export interface PercentileRow {
  readonly measure: SimulatedMeasure | "investor-irr";
  readonly party: string | null;
  /** The percentile, from 0 to 100. */
  readonly p: number;
  /** The amount at that percentile; `null` for an IRR row. */
  readonly amount: Money | null;
  /** The IRR at that percentile (−1 for a total loss), for an `investor-irr` row; `null` otherwise. */
  readonly rate: number | null;
}

/** One measurement, with its figures (see `measurementRows`). */
export interface MeasurementRow {
  /** The measurement's key in the record given, or its index in the list given (`"0"`, `"1"`…). */
  readonly name: string;
  readonly estimator: Measurement["estimator"];
  readonly method: Measurement["method"];
  readonly outcome: Measurement["outcome"];
  readonly better: Measurement["better"];
  readonly scale: number;
  readonly value: number;
  readonly counterfactual: number | null;
  readonly effect: number;
  readonly relativeEffect: number | null;
  readonly standardError: number;
  readonly statistic: number | null;
  readonly degreesOfFreedom: number | null;
  readonly continuityCorrection: number | null;
  readonly confidence: number;
  readonly lower: number;
  readonly upper: number;
  readonly pOneSided: number | null;
  readonly pTwoSided: number | null;
}

/** The period or cohort a tranche covers, as two fields. */
function coverage(covers: Settlement["tranches"][number]["covers"]): { period: string | null; cohort: string | null } {
  return "period" in covers ? { period: covers.period, cohort: null } : { period: null, cohort: covers.cohort };
}

/**
 * A settlement's tranches, one row each, in settlement order (due date, then tranche id).
 *
 * @example
 * const rows = trancheRows(settle(contract, events, { asOf: "2028-03-31" }));
 * rows[0]; // { tranche: "t1", period: "as-2026-27", cohort: null, status: "paid", earned: { amount: "186000.00", currency: "EUR" }, … }
 * @throws ArgumentError (`not_a_settlement`, at `$.settlement`) for a settlement `settle` did not return.
 */
export function trancheRows(settlement: Settlement): TrancheRow[] {
  throwIfAny([issuedIssue(settlement, ISSUED_SETTLEMENT, "trancheRows", "settlement")]);
  return settlement.tranches.map((tranche) => ({
    tranche: tranche.id,
    ...coverage(tranche.covers),
    dueDate: tranche.dueDate,
    payableFrom: tranche.payableFrom,
    status: tranche.status,
    priced: tranche.amountPriced,
    earned: tranche.amountEarned,
    paid: tranche.amountPaid,
    balance: tranche.balance,
    clawback: tranche.clawback,
  }));
}

/**
 * A settlement's payer → recipient lines, one row each, tranche by tranche in settlement order: the rows of
 * `settlementToCsv`, with money as `{ amount, currency }`.
 *
 * @example
 * lineRows(settlement).filter((row) => row.payer === "fis"); // what the fund owes each recipient
 * @throws ArgumentError (`not_a_settlement`, at `$.settlement`) for a settlement `settle` did not return.
 */
export function lineRows(settlement: Settlement): LineRow[] {
  throwIfAny([issuedIssue(settlement, ISSUED_SETTLEMENT, "lineRows", "settlement")]);
  return settlement.tranches.flatMap((tranche) =>
    tranche.lines.map((line) => ({
      tranche: tranche.id,
      ...coverage(tranche.covers),
      dueDate: tranche.dueDate,
      payableFrom: tranche.payableFrom,
      status: tranche.status,
      payer: line.payer,
      recipient: line.recipient,
      earned: line.earned,
      paid: line.paid,
      balance: line.balance,
    })),
  );
}

/**
 * A settlement's totals by party: each payer's, then each recipient's, in the settlement's order.
 *
 * @example
 * partyTotalRows(settlement).filter((row) => row.side === "recipient");
 * @throws ArgumentError (`not_a_settlement`, at `$.settlement`) for a settlement `settle` did not return.
 */
export function partyTotalRows(settlement: Settlement): PartyTotalRow[] {
  throwIfAny([issuedIssue(settlement, ISSUED_SETTLEMENT, "partyTotalRows", "settlement")]);
  const side = (name: PartyTotalRow["side"], totals: Settlement["totals"]["byPayer"]) =>
    totals.map((total) => ({
      side: name,
      party: total.party,
      earned: total.earned,
      paid: total.paid,
      balance: total.balance,
    }));
  return [...side("payer", settlement.totals.byPayer), ...side("recipient", settlement.totals.byRecipient)];
}

/** Every distribution of a simulation with what it measures: total payments, each payer's cost, each investor's net. */
function summaries(
  result: SimulationResult,
): { measure: SimulatedMeasure; party: string | null; summary: MoneySummary }[] {
  return [
    { measure: "total-payments", party: null, summary: result.totalPayments },
    ...result.byPayer.map((payer) => ({ measure: "payer-cost" as const, party: payer.party, summary: payer.cost })),
    ...result.investors.map((investor) => ({
      measure: "investor-net" as const,
      party: investor.party,
      summary: investor.net,
    })),
  ];
}

/**
 * A simulation's distributions, one row each: the total payments, each payer's cost, each investor's net result,
 * with the mean, the smallest and the largest run (and an investor's probability of loss).
 *
 * @example
 * simulationRows(simulate(contract, { runs: 10_000, seed: 2026, results }));
 * @throws ArgumentError (`not_a_simulation`, at `$.result`) for a result `simulate` did not return.
 */
export function simulationRows(result: SimulationResult): SimulationRow[] {
  throwIfAny([issuedIssue(result, ISSUED_SIMULATION, "simulationRows", "result")]);
  const loss = new Map(result.investors.map((investor) => [investor.party, investor.probabilityOfLoss]));
  return summaries(result).map(({ measure, party, summary }) => ({
    measure,
    party,
    runs: result.runs,
    mean: summary.mean,
    min: summary.min,
    max: summary.max,
    probabilityOfLoss: measure === "investor-net" ? loss.get(party!)! : null,
  }));
}

/**
 * A simulation's percentiles, one row per distribution and percentile: the amounts of the total payments, each
 * payer's cost and each investor's net, then each investor's IRR (`rate`, over the runs with a rate or a total
 * loss).
 *
 * @example
 * percentileRows(result).filter((row) => row.measure === "total-payments" && row.p === 95);
 * @throws ArgumentError (`not_a_simulation`, at `$.result`) for a result `simulate` did not return.
 */
export function percentileRows(result: SimulationResult): PercentileRow[] {
  throwIfAny([issuedIssue(result, ISSUED_SIMULATION, "percentileRows", "result")]);
  return [
    ...summaries(result).flatMap(({ measure, party, summary }) =>
      summary.percentiles.map((entry) => ({ measure, party, p: entry.p, amount: entry.amount, rate: null })),
    ),
    ...result.investors.flatMap((investor) =>
      investor.irr.percentiles.map((entry) => ({
        measure: "investor-irr" as const,
        party: investor.party,
        p: entry.p,
        amount: null,
        rate: entry.rate,
      })),
    ),
  ];
}

/**
 * Measurements, one row each, with their figures in the scaled unit: the effect, its interval and the test of no
 * effect. Given a list, a row's `name` is its index; given a record (`{ c2026: m1, c2027: m2 }`), its key.
 *
 * @example
 * const { cohorts, pooled } = measureCohorts(records, request);
 * measurementRows({ ...Object.fromEntries(cohorts.map((c) => [c.cohort, c.measurement])), pooled });
 * @throws ArgumentError listing every entry that is not a measurement the library returned (`not_a_measurement`,
 * at `$.measurements[1]` or `$.measurements.c2026`), or `invalid_type` when `measurements` is neither a list nor an
 * object.
 */
export function measurementRows(
  measurements: readonly Measurement[] | Readonly<Record<string, Measurement>>,
): MeasurementRow[] {
  if (measurements === null || typeof measurements !== "object")
    throwIfAny([
      issue(
        ["measurements"],
        "invalid_type",
        `expected a list of measurements or an object of named ones, got ${describeValue(measurements)}`,
      ),
    ]);
  const entries: [string, Measurement][] = Array.isArray(measurements)
    ? measurements.map((m, index) => [String(index), m])
    : Object.entries(measurements);
  const issues: (InputIssue | undefined)[] = entries.map(([name, m]) =>
    issuedIssue(m, ISSUED_MEASUREMENT, "measurementRows", [
      "measurements",
      Array.isArray(measurements) ? Number(name) : name,
    ]),
  );
  throwIfAny(issues);
  return entries.map(([name, m]) => ({
    name,
    estimator: m.estimator,
    method: m.method,
    outcome: m.outcome,
    better: m.better,
    scale: m.scale,
    value: m.value,
    counterfactual: m.counterfactual ?? null,
    effect: m.effect,
    relativeEffect: m.relativeEffect ?? null,
    standardError: m.standardError,
    statistic: m.statistic ?? null,
    degreesOfFreedom: m.degreesOfFreedom ?? null,
    continuityCorrection: m.continuityCorrection ?? null,
    confidence: m.interval.confidence,
    lower: m.interval.lower,
    upper: m.interval.upper,
    pOneSided: m.pValue?.oneSided ?? null,
    pTwoSided: m.pValue?.twoSided ?? null,
  }));
}

/** One claim's decision (see `decisionRows`): its fields but the cuts, `null` where the decision has none. */
export interface DecisionRow {
  readonly claimId: string;
  readonly participant: string;
  readonly outcome: string;
  readonly achievedOn: string;
  readonly claimedOn: string;
  readonly period: string;
  readonly status: ClaimStatus;
  /** What is paid after caps (`0` for a rejected claim). */
  readonly amount: Money;
  /** The card's price in force on the achieved date; `null` for a claim rejected before it was priced. */
  readonly price: Money | null;
  /** What the claim rules priced it at before caps; `null` when it was not priced. */
  readonly priced: Money | null;
  readonly reason: ClaimRejectionReason | null;
  readonly message: string | null;
  /** The id of the claim the decision depends on (a prerequisite, a lower rung, a limit reached), or `null`. */
  readonly dependsOn: string | null;
}

/** A participant paid for some claim, with the number of claims paid and the total (see `participantRows`). */
export interface ParticipantRow {
  readonly participant: string;
  readonly claimsPaid: number;
  readonly amount: Money;
}

/** An outcome of the rate card, with the claims paid for it and their total (see `outcomeTotalRows`). */
export interface OutcomeTotalRow {
  readonly outcome: string;
  readonly name: string;
  readonly claimsPaid: number;
  readonly amount: Money;
}

/**
 * What falls due for a claim period, or a payer's part of it (see `claimPeriodRows`): a row for the period
 * (`payer` and `share` `null`), then one per payer.
 */
export interface ClaimPeriodRow {
  readonly period: string;
  readonly start: string;
  readonly end: string;
  readonly payer: string | null;
  /** The payer's share, as the card gives it (`"70%"`); `null` on the period's own row. */
  readonly share: string | null;
  /** The claims paid in the period (the same on each of its rows). */
  readonly claimsPaid: number;
  readonly due: Money;
}

/**
 * A claims settlement's decisions, one row each, in the order the claims were read: the fields of each
 * `ClaimDecision` but its `cuts` (its `message` says how caps cut it), `null` where a decision has no such field,
 * money as `{ amount, currency }`. No rows for a settlement made with `keepDecisions: false`. One object a claim:
 * for a file of millions of decisions, `claimDecisionChunks` writes CSV without making them.
 *
 * @example
 * const rows = decisionRows(settleClaims(contract, claims, { asOf: "2015-09-30" }));
 * rows.filter((row) => row.status === "rejected"); // { claimId: "C00000192", …, amount: { amount: "0.00", currency: "GBP" }, price: null, … }
 * @throws ArgumentError (`not_a_claim_settlement`, at `$.settlement`) for a settlement `settleClaims` or
 * `settleClaimsAsync` did not return.
 */
export function decisionRows(settlement: ClaimSettlement): DecisionRow[] {
  throwIfAny([issuedIssue(settlement, ISSUED_CLAIM_SETTLEMENT, "decisionRows", "settlement")]);
  return (settlement.decisions?.map(decisionRow) ?? []) as DecisionRow[];
}

function decisionRow(decision: ClaimDecision): DecisionRow {
  return {
    claimId: decision.claimId,
    participant: decision.participant,
    outcome: decision.outcome,
    achievedOn: decision.achievedOn,
    claimedOn: decision.claimedOn,
    period: decision.period,
    status: decision.status,
    amount: decision.amount,
    price: decision.price ?? null,
    priced: decision.priced ?? null,
    reason: decision.reason ?? null,
    message: decision.message ?? null,
    dependsOn: decision.dependsOn ?? null,
  };
}

/**
 * A claims settlement's participants paid for at least one claim, one row each, in id order.
 *
 * @example
 * participantRows(settlement)[0]; // { participant: "P000000", claimsPaid: 6, amount: { amount: "9800.00", currency: "GBP" } }
 * @throws ArgumentError (`not_a_claim_settlement`, at `$.settlement`) for a settlement `settleClaims` or
 * `settleClaimsAsync` did not return.
 */
export function participantRows(settlement: ClaimSettlement): ParticipantRow[] {
  throwIfAny([issuedIssue(settlement, ISSUED_CLAIM_SETTLEMENT, "participantRows", "settlement")]);
  return settlement.byParticipant.map((entry) => ({
    participant: entry.participant,
    claimsPaid: entry.claimsPaid,
    amount: entry.amount,
  }));
}

/**
 * A claims settlement's totals by outcome, one row for each outcome of the card, in card order (an outcome no
 * claim was paid for has `claimsPaid` 0 and a zero amount).
 *
 * @example
 * outcomeTotalRows(settlement).filter((row) => row.claimsPaid > 0);
 * @throws ArgumentError (`not_a_claim_settlement`, at `$.settlement`) for a settlement `settleClaims` or
 * `settleClaimsAsync` did not return.
 */
export function outcomeTotalRows(settlement: ClaimSettlement): OutcomeTotalRow[] {
  throwIfAny([issuedIssue(settlement, ISSUED_CLAIM_SETTLEMENT, "outcomeTotalRows", "settlement")]);
  return settlement.byOutcome.map((entry) => ({
    outcome: entry.outcome,
    name: entry.name,
    claimsPaid: entry.claimsPaid,
    amount: entry.amount,
  }));
}

/**
 * What falls due by claim period, in time order: for each period with claims paid, a row for the period (`payer`
 * `null`), then a row for each payer's part of it. The payers' totals over all periods are
 * `settlement.byPayer`; keep the rows whose `payer` is `null` for the periods alone.
 *
 * @example
 * claimPeriodRows(settlement).filter((row) => row.payer === "dwp"); // what one payer owes, period by period
 * @throws ArgumentError (`not_a_claim_settlement`, at `$.settlement`) for a settlement `settleClaims` or
 * `settleClaimsAsync` did not return.
 */
export function claimPeriodRows(settlement: ClaimSettlement): ClaimPeriodRow[] {
  throwIfAny([issuedIssue(settlement, ISSUED_CLAIM_SETTLEMENT, "claimPeriodRows", "settlement")]);
  return settlement.byPeriod.flatMap((period) => [
    {
      period: period.period,
      start: period.start,
      end: period.end,
      payer: null,
      share: null,
      claimsPaid: period.claimsPaid,
      due: period.due,
    },
    ...period.byPayer.map((part) => ({
      period: period.period,
      start: period.start,
      end: period.end,
      payer: part.party,
      share: part.share,
      claimsPaid: period.claimsPaid,
      due: part.due,
    })),
  ]);
}
