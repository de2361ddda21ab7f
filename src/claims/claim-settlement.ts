import { Dec } from "../money/decimal.js";
import { allocateDecimal } from "../money/allocate.js";
import { fromDecimal, type Money } from "../money/money.js";
import { deepFreeze } from "../util/freeze.js";
import type { ClaimRun } from "./claim-run.js";
import type { ClaimPeriodTotal, ClaimSettlement } from "./claim-types.js";
import { ClaimDecisionList } from "./claim-decisions.js";
import { describePeriod } from "./claim-period.js";
import { formatMinor } from "./compiled-card.js";
import { R, REASONS, REPEAT } from "./rejection-reasons.js";

interface Sums<T> {
  total: T;
  byOutcome: T[];
  byParticipant: T[];
  byPeriod: Map<number, T>;
}

/**
 * Adds up the paid amounts in minor units. Amounts are never negative, so every subtotal is at most the grand
 * total: when the grand total is below 2^53 every sum is an exact integer in a `number`; otherwise the sums are
 * made again in `bigint` (the "bigint beyond" of the hot path).
 */
function sumsOf<T>(run: ClaimRun, zero: T, add: (sum: T, amount: number) => T): Sums<T> {
  const { columns, card } = run;
  const sums: Sums<T> = {
    total: zero,
    byOutcome: card.codes.map(() => zero),
    byParticipant: run.participantIds.map(() => zero),
    byPeriod: new Map(),
  };
  const { amount, outcome, participant, period } = columns;
  for (let row = 0; row < columns.size; row += 1) {
    const paid = amount[row]!;
    if (paid === 0) continue;
    sums.total = add(sums.total, paid);
    sums.byOutcome[outcome[row]!] = add(sums.byOutcome[outcome[row]!]!, paid);
    sums.byParticipant[participant[row]!] = add(sums.byParticipant[participant[row]!]!, paid);
    sums.byPeriod.set(period[row]!, add(sums.byPeriod.get(period[row]!) ?? zero, paid));
  }
  return sums;
}

/** Builds the frozen settlement: counts, totals, payer splits per period, cap lines and (optionally) decisions. */
export function buildClaimSettlement(run: ClaimRun): ClaimSettlement {
  const { columns, card } = run;
  const { places, currency } = card;
  const asMoney = (minor: number | bigint): Money => Object.freeze({ amount: formatMinor(minor, places), currency });
  const fast = sumsOf<number>(run, 0, (sum, paid) => sum + paid);
  const sums: Sums<number | bigint> = fast.total <= Number.MAX_SAFE_INTEGER ? fast : sumsOf<bigint>(run, 0n, (sum, paid) => sum + BigInt(paid));

  const byOutcomeCount = new Float64Array(card.codes.length);
  const byParticipantCount = new Float64Array(run.participantIds.length);
  const byPeriodCount = new Map<number, number>();
  const rejectedByCode = new Float64Array(REASONS.length);
  let accepted = 0;
  let acceptedInPart = 0;
  let rejected = 0;
  for (let row = 0; row < columns.size; row += 1) {
    const reason = columns.reason[row]!;
    if (reason === REPEAT) continue;
    if (reason !== R.none) {
      rejected += 1;
      rejectedByCode[reason]! += 1;
      continue;
    }
    if (columns.amount[row]! < columns.priced[row]!) acceptedInPart += 1;
    else accepted += 1;
    byOutcomeCount[columns.outcome[row]!]! += 1;
    byParticipantCount[columns.participant[row]!]! += 1;
    byPeriodCount.set(columns.period[row]!, (byPeriodCount.get(columns.period[row]!) ?? 0) + 1);
  }

  // In the fixed order of the reason codes, so that the result does not depend on the order of the claims.
  const rejectedByReason: Record<string, number> = {};
  REASONS.forEach((code, index) => {
    if (code !== undefined && rejectedByCode[index]! > 0) rejectedByReason[code] = rejectedByCode[index]!;
  });

  const scale = new Dec(10).pow(places);
  const ratios = card.payers.map((payer) => payer.ratio);
  const payerTotals = card.payers.map(() => new Dec(0));
  const byPeriod: ClaimPeriodTotal[] = [...sums.byPeriod.keys()].sort((a, b) => a - b).map((period) => {
    const due = new Dec(sums.byPeriod.get(period)!.toString()).div(scale);
    const parts = allocateDecimal(due, ratios, currency);
    parts.forEach((part, index) => (payerTotals[index] = payerTotals[index]!.plus(part)));
    const { label, start, end } = describePeriod(card.card.claimPeriod, period);
    return {
      period: label, start, end,
      claimsPaid: byPeriodCount.get(period) ?? 0,
      due: fromDecimal(due, currency),
      byPayer: card.payers.map((payer, index) => ({ party: payer.party, share: payer.share, due: fromDecimal(parts[index]!, currency) })),
    };
  });

  const participantOrder = run.participantIds.map((_, index) => index).filter((index) => byParticipantCount[index]! > 0);
  participantOrder.sort((a, b) => (run.participantIds[a]! < run.participantIds[b]! ? -1 : 1));

  const settlement: ClaimSettlement = {
    contractId: card.contractId,
    currency,
    asOf: run.asOf,
    claimPeriod: card.card.claimPeriod,
    counts: { received: run.received, repeatsIgnored: run.repeatsIgnored, accepted, acceptedInPart, rejected },
    rejectedByReason,
    total: asMoney(sums.total),
    byOutcome: card.codes.map((code, index) => ({ outcome: code, name: card.names[index]!, claimsPaid: byOutcomeCount[index]!, amount: asMoney(sums.byOutcome[index]!) })),
    byPeriod,
    byPayer: card.payers.map((payer, index) => ({ party: payer.party, due: fromDecimal(payerTotals[index]!, currency) })),
    byParticipant: participantOrder.map((index) => ({ participant: run.participantIds[index]!, claimsPaid: byParticipantCount[index]!, amount: asMoney(sums.byParticipant[index]!) })),
    caps: [...run.capLog.lines.values()]
      .sort((a, b) => (a.cap === b.cap ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.cap < b.cap ? -1 : 1))
      .map((line) => ({ cap: line.cap, id: line.id, limit: line.limit, claimsCut: line.claimsCut, cut: asMoney(line.cut) })),
  };
  if (!run.keepDecisions) return deepFreeze(settlement);
  deepFreeze(settlement);
  return Object.freeze({ ...settlement, decisions: new ClaimDecisionList(run) });
}

