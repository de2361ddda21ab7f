import type { ClaimRun } from "./claim-run.js";
import { describePeriod } from "./claim-period.js";
import { R } from "./rejection-reasons.js";

/**
 * The caps that claims of different participants compete for: the volume cap of each outcome (a claim count),
 * the cap per claim period and the contract cap. They run after the participant rules, on what those left.
 *
 * Order rule: claims compete in order of achieved date, then claim id — the earlier outcome is paid first,
 * and the cap cuts the last claims. A claim cut to nothing does not use up a place of the volume cap.
 *
 * The claims are put in date order with a counting sort on the achieved day (linear). Claim ids are only
 * compared on a day where a cap can bite (the day's claims could exceed what is left); on every other day
 * the order within the day cannot change any decision.
 */
export function applyFundCaps(run: ClaimRun): void {
  const { columns, card } = run;
  const { capPeriod, capContract, maxVolume } = card;
  const volumeCapped = maxVolume.some((limit) => Number.isFinite(limit));
  if (!volumeCapped && !Number.isFinite(capPeriod) && !Number.isFinite(capContract)) return;
  const { reason, amount, achieved, outcome } = columns;
  const size = columns.size;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  let eligible = 0;
  for (let row = 0; row < size; row += 1) {
    if (reason[row] !== R.none || amount[row] === 0) continue;
    eligible += 1;
    if (achieved[row]! < firstDay) firstDay = achieved[row]!;
    if (achieved[row]! > lastDay) lastDay = achieved[row]!;
  }
  if (eligible === 0) return;
  const days = lastDay - firstDay + 1;
  const start = new Int32Array(days + 1);
  for (let row = 0; row < size; row += 1)
    if (reason[row] === R.none && amount[row]! > 0) start[achieved[row]! - firstDay + 1]! += 1;
  for (let d = 0; d < days; d += 1) start[d + 1]! += start[d]!;
  const order = new Int32Array(eligible);
  const fill = start.slice(0, days);
  for (let row = 0; row < size; row += 1)
    if (reason[row] === R.none && amount[row]! > 0) order[fill[achieved[row]! - firstDay]!++] = row;

  const volumeUsed = new Float64Array(card.codes.length);
  const periodUsed = new Map<number, number>();
  let mostPeriodUsed = 0;
  let contractUsed = 0;
  const kind = card.card.claimPeriod;
  for (let d = 0; d < days; d += 1) {
    const from = start[d]!;
    const to = start[d + 1]!;
    if (to - from > 1) {
      let daySum = 0;
      for (let i = from; i < to; i += 1) daySum += amount[order[i]!]!;
      let volumeRoom = Infinity;
      if (volumeCapped)
        for (let o = 0; o < maxVolume.length; o += 1) volumeRoom = Math.min(volumeRoom, maxVolume[o]! - volumeUsed[o]!);
      if (daySum > capContract - contractUsed || daySum > capPeriod - mostPeriodUsed || to - from > volumeRoom) {
        const day = Array.from(order.subarray(from, to)).sort((a, b) => columns.compareIds(a, b) || a - b);
        order.set(day, from);
      }
    }
    for (let i = from; i < to; i += 1) {
      const row = order[i]!;
      const o = outcome[row]!;
      const before = amount[row]!;
      if (volumeUsed[o]! >= maxVolume[o]!) {
        run.capLog.record(row, {
          cap: "outcome-volume",
          id: card.codes[o]!,
          limit: maxVolume[o]!,
          usedBefore: volumeUsed[o]!,
          before,
          after: 0,
        });
        reason[row] = R.outcome_volume_reached;
        amount[row] = 0;
        continue;
      }
      let paid = before;
      const p = columns.periodOf(row);
      const usedInPeriod = periodUsed.get(p) ?? 0;
      if (paid > capPeriod - usedInPeriod) {
        const after = Math.max(capPeriod - usedInPeriod, 0);
        run.capLog.record(row, {
          cap: "period",
          id: describePeriod(kind, p).label,
          limit: capPeriod,
          usedBefore: usedInPeriod,
          before: paid,
          after,
        });
        paid = after;
        if (paid === 0) reason[row] = R.period_cap_reached;
      }
      if (paid > 0 && paid > capContract - contractUsed) {
        const after = Math.max(capContract - contractUsed, 0);
        run.capLog.record(row, {
          cap: "contract",
          id: card.contractId,
          limit: capContract,
          usedBefore: contractUsed,
          before: paid,
          after,
        });
        paid = after;
        if (paid === 0) reason[row] = R.contract_cap_reached;
      }
      amount[row] = paid;
      if (paid === 0) continue;
      volumeUsed[o]! += 1;
      if (Number.isFinite(capPeriod)) {
        periodUsed.set(p, usedInPeriod + paid);
        if (usedInPeriod + paid > mostPeriodUsed) mostPeriodUsed = usedInPeriod + paid;
      }
      contractUsed += paid;
    }
  }
}
