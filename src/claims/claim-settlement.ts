import { Dec } from "../money/decimal.js";
import { allocatePlaces } from "../money/decimal-units.js";
import { fixed } from "../money/decimal.js";
import type { Money } from "../money/money.js";
import { deepFreeze } from "../util/freeze.js";
import { markIssued } from "../util/issued.js";
import { withNotebookDisplay } from "../util/notebook.js";
import type { ClaimRun } from "./claim-run.js";
import type { ClaimPeriodTotal, ClaimSettlement } from "./claim-types.js";
import { ClaimDecisionList } from "./claim-decisions.js";
import { describePeriod } from "./claim-period.js";
import { formatMinor } from "./compiled-card.js";
import { R, REASONS, REPEAT } from "./rejection-reasons.js";

/**
 * Builds the frozen settlement: counts, totals, payer splits per period, cap lines and (optionally) decisions.
 *
 * Amounts are added as integers in minor units in one pass. They are never negative, so every subtotal is at
 * most the grand total: when the grand total is below 2^53 every sum is an exact integer in a `number`;
 * otherwise the sums are made again in `bigint` (the "bigint beyond" of the hot path).
 */
export function buildClaimSettlement(run: ClaimRun): ClaimSettlement {
  const { columns, card } = run;
  const { places, currency } = card;
  const { size, reason, amount, priced, outcome, participant, claimed, firstPeriod, periodCount } = columns;
  const { periodByDay, firstClaimedDay } = columns;
  const asMoney = (minor: number | bigint): Money => Object.freeze({ amount: formatMinor(minor, places), currency });
  // Money from a decimal in whole minor units (as fromDecimal writes it, with the card's minor units)
  const decimalMoney = (value: Dec): Money =>
    Object.freeze({ amount: fixed(value.isZero() ? new Dec(0) : value, places), currency });
  const byOutcomeCount = new Float64Array(card.codes.length);
  const byParticipantCount = new Float64Array(run.participantIds.length);
  const byPeriodCount = new Float64Array(periodCount);
  const byOutcomeSum = new Float64Array(card.codes.length);
  const byParticipantSum = new Float64Array(run.participantIds.length);
  const byPeriodSum = new Float64Array(periodCount);
  const rejectedByCode = new Float64Array(REASONS.length);
  let total = 0;
  let accepted = 0;
  let acceptedInPart = 0;
  let rejected = 0;
  for (let row = 0; row < size; row += 1) {
    const code = reason[row]!;
    if (code === REPEAT) continue;
    if (code !== R.none) {
      rejected += 1;
      rejectedByCode[code]! += 1;
      continue;
    }
    const paid = amount[row]!;
    if (paid < priced[row]!) acceptedInPart += 1;
    else accepted += 1;
    const o = outcome[row]!;
    const p = participant[row]!;
    const q = periodByDay[claimed[row]! - firstClaimedDay]! - firstPeriod;
    byOutcomeCount[o]! += 1;
    byParticipantCount[p]! += 1;
    byPeriodCount[q]! += 1;
    total += paid;
    byOutcomeSum[o]! += paid;
    byParticipantSum[p]! += paid;
    byPeriodSum[q]! += paid;
  }
  type Sums = {
    total: number | bigint;
    byOutcome: ArrayLike<number | bigint>;
    byParticipant: ArrayLike<number | bigint>;
    byPeriod: ArrayLike<number | bigint>;
  };
  const sums: Sums =
    total <= Number.MAX_SAFE_INTEGER
      ? { total, byOutcome: byOutcomeSum, byParticipant: byParticipantSum, byPeriod: byPeriodSum }
      : bigSums(run, firstPeriod, periodCount);

  // In the fixed order of the reason codes, so that the result does not depend on the order of the claims.
  const rejectedByReason: Record<string, number> = {};
  REASONS.forEach((code, index) => {
    if (code !== undefined && rejectedByCode[index]! > 0) rejectedByReason[code] = rejectedByCode[index]!;
  });

  const scale = new Dec(10).pow(places);
  const ratios = card.payers.map((payer) => payer.ratio);
  const payerTotals = card.payers.map(() => new Dec(0));
  const paidPeriods = Array.from({ length: periodCount }, (_, index) => index).filter(
    (index) => byPeriodCount[index]! > 0,
  );
  const byPeriod: ClaimPeriodTotal[] = paidPeriods.map((index) => {
    const period = firstPeriod + index;
    const due = new Dec(sums.byPeriod[index]!.toString()).div(scale);
    const parts = allocatePlaces(due, ratios, places);
    parts.forEach((part, index) => (payerTotals[index] = payerTotals[index]!.plus(part)));
    const { label, start, end } = describePeriod(card.card.claimPeriod, period);
    return {
      period: label,
      start,
      end,
      claimsPaid: byPeriodCount[index]!,
      due: decimalMoney(due),
      byPayer: card.payers.map((payer, index) => ({
        party: payer.party,
        share: payer.share,
        due: decimalMoney(parts[index]!),
      })),
    };
  });

  let paidParticipants = 0;
  for (let p = 0; p < byParticipantCount.length; p += 1) if (byParticipantCount[p]! > 0) paidParticipants += 1;
  const withClaimsPaid = new Int32Array(paidParticipants);
  for (let p = 0, next = 0; p < byParticipantCount.length; p += 1)
    if (byParticipantCount[p]! > 0) withClaimsPaid[next++] = p;
  const participantOrder = run.participants.inIdOrder(withClaimsPaid);
  // Participants' totals repeat (sums of a few prices): one frozen money object for each amount, not each participant.
  const participantMoney = new Map<number | bigint, Money>();
  const moneyOfParticipant = (minor: number | bigint): Money => {
    let money = participantMoney.get(minor);
    if (money === undefined) {
      money = asMoney(minor);
      participantMoney.set(minor, money);
    }
    return money;
  };
  const byParticipant = new Array<ClaimSettlement["byParticipant"][number]>(participantOrder.length);
  participantOrder.forEach((index, position) => {
    byParticipant[position] = Object.freeze({
      participant: run.participantIds[index]!,
      claimsPaid: byParticipantCount[index]!,
      amount: moneyOfParticipant(sums.byParticipant[index]!),
    });
  });

  const settlement: ClaimSettlement = {
    contractId: card.contractId,
    currency,
    asOf: run.asOf,
    claimPeriod: card.card.claimPeriod,
    counts: { received: run.received, repeatsIgnored: run.repeatsIgnored, accepted, acceptedInPart, rejected },
    rejectedByReason,
    total: asMoney(sums.total),
    byOutcome: card.codes.map((code, index) => ({
      outcome: code,
      name: card.names[index]!,
      claimsPaid: byOutcomeCount[index]!,
      amount: asMoney(sums.byOutcome[index]!),
    })),
    byPeriod,
    byPayer: card.payers.map((payer, index) => ({
      party: payer.party,
      due: decimalMoney(payerTotals[index]!),
    })),
    byParticipant: Object.freeze(byParticipant),
    caps: [...run.capLog.lines.values()]
      .sort((a, b) => (a.cap === b.cap ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.cap < b.cap ? -1 : 1))
      .map((line) => ({
        cap: line.cap,
        id: line.id,
        limit: line.limit,
        claimsCut: line.claimsCut,
        cut: asMoney(line.cut),
      })),
  };
  // Shown in a notebook (Deno's Jupyter kernel) by a method that JSON and spreading never see: set before freezing.
  if (!run.keepDecisions)
    return markIssued(deepFreeze(withNotebookDisplay(settlement, "claim-settlement")), "claim-settlement");
  deepFreeze(settlement);
  const withDecisions = { ...settlement, decisions: new ClaimDecisionList(run) };
  return markIssued(Object.freeze(withNotebookDisplay(withDecisions, "claim-settlement")), "claim-settlement");
}

/** The sums again in `bigint`, for a settlement whose total reaches 2^53 minor units. */
function bigSums(run: ClaimRun, firstPeriod: number, periodCount: number) {
  const { columns, card } = run;
  const byOutcome = card.codes.map(() => 0n);
  const byParticipant = run.participantIds.map(() => 0n);
  const byPeriod = Array.from({ length: periodCount }, () => 0n);
  let total = 0n;
  for (let row = 0; row < columns.size; row += 1) {
    if (columns.reason[row] !== R.none) continue;
    const paid = BigInt(columns.amount[row]!);
    total += paid;
    byOutcome[columns.outcome[row]!]! += paid;
    byParticipant[columns.participant[row]!]! += paid;
    byPeriod[columns.periodOf(row) - firstPeriod]! += paid;
  }
  return { total, byOutcome, byParticipant, byPeriod };
}
