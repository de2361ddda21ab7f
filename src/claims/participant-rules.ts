import { NO_DATE } from "./claim-columns.js";
import type { ClaimRun } from "./claim-run.js";
import { priceAt } from "./compiled-card.js";
import { R } from "./rejection-reasons.js";

/**
 * The rules that look at one participant's claims together: enrolment, prerequisites, windows, claims per
 * participant, exclusive groups and the cap per participant.
 *
 * Order rule (what makes decisions independent of arrival order): a participant's claims are taken in order
 * of achieved date, then of prerequisite depth (`CompiledCard.depth`: 0 for an outcome that requires none, so
 * every outcome comes after those that can meet its prerequisites), then claim id.
 * A claim that passes the rules counts as achieved (for prerequisites, windows, limits and ladders) even when
 * a cap later cuts its amount: caps limit money, not what the participant achieved.
 *
 * The claims are grouped by participant with a counting sort (linear). What the rules read of each claim is
 * written into the group order once — its row, outcome, enrolment and a sort key (achieved day and
 * prerequisite depth) side by side — so that the rules then walk memory in order instead of jumping to each
 * claim's row; each group, a handful of claims, is put in order by insertion sort on the key, claim ids
 * breaking ties.
 */
export function applyParticipantRules(run: ClaimRun): void {
  const { columns, card } = run;
  const size = columns.size;
  const participants = run.participantIds.length;
  const { reason, participant, outcome, achieved, enrolled, priced, amount, detail } = columns;
  const start = new Int32Array(participants + 1);
  for (let row = 0; row < size; row += 1) if (reason[row] === R.none) start[participant[row]! + 1]! += 1;
  for (let p = 0; p < participants; p += 1) start[p + 1]! += start[p]!;
  const { depth, windowMonths, windowFromPrerequisite, maxClaims, group, rung, capParticipant } = card;
  // Claims that stand were achieved within the term, so the key (day in the term, then depth) is small and exact.
  let depthSpan = 1;
  for (let o = 0; o < depth.length; o += 1) depthSpan = Math.max(depthSpan, depth[o]! + 1);
  // What the rules need of each claim, four integers side by side — row, outcome, enrolment, sort key — so that
  // placing a claim in its group touches one place in memory. The key is the day in the term (claims that stand
  // were achieved within it) and the prerequisite depth, in one integer when it fits (it does for any term of
  // a few centuries); otherwise the day alone, and the depth is compared apart.
  const packed = (card.termEnd - card.termStart + 1) * depthSpan < 2 ** 31;
  const claims = columns.scratchBlock();
  const fill = start.slice(0, participants);
  for (let row = 0; row < size; row += 1) {
    if (reason[row] !== R.none) continue;
    const at = 4 * fill[participant[row]!]!++;
    const o = outcome[row]!;
    claims[at] = row;
    claims[at + 1] = o;
    claims[at + 2] = enrolled[row]!;
    claims[at + 3] = packed
      ? (achieved[row]! - card.termStart) * depthSpan + depth[o]!
      : achieved[row]! - card.termStart;
  }
  const outcomeCount = card.codes.length;
  // Per outcome, for the participant at hand: the first day its requirement was met (it was achieved, or a higher
  // rung of its ladder was) and by which claim; how many claims of it were accepted, and the last of them.
  const metDay = new Int32Array(outcomeCount);
  const metRow = new Int32Array(outcomeCount);
  const claimsSoFar = new Int32Array(outcomeCount);
  const lastRow = new Int32Array(outcomeCount);
  const groupRung = new Int32Array(card.groupIds.length);
  const groupPriced = new Float64Array(card.groupIds.length);
  const groupRow = new Int32Array(card.groupIds.length);
  const { allFrom, allOf, anyFrom, anyOf, lowerFrom, lower, holdDays, holdMonths, holdFromPrerequisite } = card;
  const { dependsOn } = columns;

  for (let p = 0; p < participants; p += 1) {
    const from = 4 * start[p]!;
    const to = 4 * start[p + 1]!;
    if (from === to) continue;
    // Insertion sort of the group's claims, four integers at a time (a group is a handful of claims).
    for (let i = from + 4; i < to; i += 4) {
      const row = claims[i]!;
      const o = claims[i + 1]!;
      const enrolment = claims[i + 2]!;
      const key = claims[i + 3]!;
      let j = i;
      while (j > from) {
        const other = claims[j - 1]!;
        const earlier =
          key !== other
            ? key < other
            : !packed && depth[o] !== depth[claims[j - 3]!]
              ? depth[o]! < depth[claims[j - 3]!]!
              : columns.compareIds(row, claims[j - 4]!) < 0;
        if (!earlier) break;
        claims[j] = claims[j - 4]!;
        claims[j + 1] = claims[j - 3]!;
        claims[j + 2] = claims[j - 2]!;
        claims[j + 3] = other;
        j -= 4;
      }
      claims[j] = row;
      claims[j + 1] = o;
      claims[j + 2] = enrolment;
      claims[j + 3] = key;
    }
    // A handful of entries each: set in a loop (a call to `fill` costs more).
    for (let o = 0; o < outcomeCount; o += 1) {
      metDay[o] = NO_DATE;
      claimsSoFar[o] = 0;
    }
    for (let g = 0; g < groupRung.length; g += 1) {
      groupRung[g] = -1;
      groupPriced[g] = 0;
      groupRow[g] = -1;
    }
    let used = 0;
    const registered = run.registeredEnrolment[p]!;
    for (let i = from; i < to; i += 4) {
      const row = claims[i]!;
      const o = claims[i + 1]!;
      const day = (packed ? Math.floor(claims[i + 3]! / depthSpan) : claims[i + 3]!) + card.termStart;
      const enrolment = run.hasRegister ? registered : claims[i + 2]!;
      if (enrolment !== NO_DATE && day < enrolment) {
        reason[row] = R.achieved_before_enrolment;
        detail[row] = enrolment;
        continue;
      }
      // The prerequisites: met on the latest of the days each of `allOf` was met, and the earliest of `anyOf`.
      let metOn = NO_DATE;
      let metBy = -1;
      const allTo = allFrom[o + 1]!;
      const anyTo = anyFrom[o + 1]!;
      if (allTo > allFrom[o]! || anyTo > anyFrom[o]!) {
        let missing = -2;
        for (let k = allFrom[o]!; k < allTo; k += 1) {
          const m = allOf[k]!;
          const met = metDay[m]!;
          if (met === NO_DATE) {
            missing = m;
            break;
          }
          if (met > metOn) {
            metOn = met;
            metBy = metRow[m]!;
          }
        }
        if (missing === -2 && anyTo > anyFrom[o]!) {
          let earliest = NO_DATE;
          let earliestBy = -1;
          for (let k = anyFrom[o]!; k < anyTo; k += 1) {
            const met = metDay[anyOf[k]!]!;
            if (met !== NO_DATE && (earliest === NO_DATE || met < earliest)) {
              earliest = met;
              earliestBy = metRow[anyOf[k]!]!;
            }
          }
          if (earliest === NO_DATE) missing = -1;
          else if (earliest > metOn) {
            metOn = earliest;
            metBy = earliestBy;
          }
        }
        if (missing !== -2) {
          reason[row] = R.prerequisite_missing;
          // The outcome of `allOf` not met, or -1 when none of `anyOf` was.
          detail[row] = missing;
          continue;
        }
        dependsOn[row] = metBy;
      }
      if (windowMonths[o]! > 0) {
        const windowStart = windowFromPrerequisite[o] === 1 ? metOn : enrolment;
        if (windowStart === NO_DATE) {
          reason[row] = R.enrolment_unknown;
          continue;
        }
        const windowEnd = card.windowEnd(o, windowStart);
        if (day > windowEnd) {
          reason[row] = R.outside_window;
          detail[row] = windowEnd;
          continue;
        }
      }
      if (holdDays[o]! > 0 || holdMonths[o]! > 0) {
        const holdStart = holdFromPrerequisite[o] === 1 ? metOn : enrolment;
        if (holdStart === NO_DATE) {
          reason[row] = R.enrolment_unknown;
          continue;
        }
        const heldFrom = card.heldFrom(o, holdStart);
        if (day < heldFrom) {
          reason[row] = R.holding_period_not_met;
          detail[row] = heldFrom;
          continue;
        }
      }
      if (claimsSoFar[o]! >= maxClaims[o]!) {
        reason[row] = R.claim_limit_reached;
        detail[row] = maxClaims[o]!;
        dependsOn[row] = lastRow[o]!;
        continue;
      }
      const price = priceAt(card, o, day);
      let value = price;
      const g = group[o]!;
      if (g >= 0) {
        value = price - groupPriced[g]!;
        if (rung[o]! <= groupRung[g]! || value <= 0) {
          reason[row] = R.superseded_in_group;
          detail[row] = groupPriced[g]!;
          dependsOn[row] = groupRow[g]!;
          continue;
        }
        // A top-up names the rung it tops up (rather than a prerequisite): that claim fixes its amount.
        if (groupRow[g]! >= 0) dependsOn[row] = groupRow[g]!;
        groupRung[g] = rung[o]!;
        groupPriced[g] = price;
        groupRow[g] = row;
        // Achieving a rung meets a requirement on every lower rung of its ladder.
        for (let k = lowerFrom[o]!; k < lowerFrom[o + 1]!; k += 1) {
          const lowerRung = lower[k]!;
          if (metDay[lowerRung] === NO_DATE) {
            metDay[lowerRung] = day;
            metRow[lowerRung] = row;
          }
        }
      }
      claimsSoFar[o]! += 1;
      lastRow[o] = row;
      if (metDay[o] === NO_DATE) {
        metDay[o] = day;
        metRow[o] = row;
      }
      priced[row] = value;
      let paid = value;
      if (used + value > capParticipant) {
        paid = Math.max(capParticipant - used, 0);
        run.capLog.recordParticipant(row, p, capParticipant, used, value, paid);
        if (paid === 0) reason[row] = R.participant_cap_reached;
      }
      used += paid;
      amount[row] = paid;
    }
  }
}
