import { moneyCheck } from "./check-amounts.js";
import { firstIndexes, sharesCheck } from "./check-lists.js";
import { checkedMinorUnits } from "./contract-currency.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { Contract } from "./types.js";
import type { RateCardOutcome } from "./rate-card-types.js";

type Path = readonly (string | number)[];

/** The longest holding period, 100 years, in each unit (so that its end is a date the calendar holds). */
const LONGEST_HOLD = { days: 36_525, weeks: 5_218, months: 1_200 } as const;

/**
 * The whole-contract checks of the `rateCard` section (outcome codes, prerequisites, windows, price schedules,
 * exclusive groups, caps and payers). Returns every problem found.
 */
export function checkRateCard(contract: Contract): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (path: Path, code: string, message: string) => issues.push(issue(path, code, message));
  const card = contract.rateCard;
  if (card === undefined) return issues;
  const places = checkedMinorUnits(contract);
  const checkMoney = moneyCheck(report, places, contract.currency);
  const root = ["rateCard"] as const;
  const codes = firstIndexes(report, card.outcomes, [...root, "outcomes"], "outcome", "code");

  card.outcomes.forEach((outcome, index) => {
    const path = [...root, "outcomes", index] as const;
    checkMoney([...path, "price"], outcome.price, "the price");
    let previous: string | undefined;
    (outcome.priceChanges ?? []).forEach((change, changeIndex) => {
      checkMoney([...path, "priceChanges", changeIndex, "price"], change.price, "the price");
      if (previous !== undefined && change.from <= previous) {
        report(
          [...path, "priceChanges", changeIndex, "from"],
          "dates_not_increasing",
          `price changes must be listed in increasing date order: ${change.from} is not after ${previous}`,
        );
      }
      previous = change.from;
    });
    const members = prerequisiteEntries(outcome);
    const listed = new Set<string>();
    members.forEach(({ code, path: field }) => {
      const at = [...path, ...field];
      if (!codes.has(code)) {
        report(at, "unknown_outcome", `unknown outcome "${code}": declare it under rateCard.outcomes`);
      } else if (code === outcome.code) {
        report(at, "prerequisite_cycle", `outcome "${outcome.code}" cannot require itself`);
      } else if (listed.has(code)) {
        report(at, "duplicate_prerequisite", `outcome "${code}" is listed twice among the prerequisites`);
      }
      listed.add(code);
    });
    if (outcome.window?.from === "prerequisite" && members.length === 0) {
      report(
        [...path, "window", "from"],
        "window_without_prerequisite",
        `outcome "${outcome.code}" has a window from its prerequisite but requires no outcome`,
      );
    }
    const hold = outcome.holdingPeriod;
    if (hold !== undefined) {
      const units = (["days", "weeks", "months"] as const).filter((unit) => hold[unit] !== undefined);
      if (units.length !== 1) {
        report(
          [...path, "holdingPeriod"],
          "holding_period_unit",
          `give the holding period of outcome "${outcome.code}" in exactly one of days, weeks or months${units.length > 1 ? `, not ${units.join(" and ")}` : ""}`,
        );
      }
      for (const unit of units) {
        if (hold[unit]! <= 0)
          report(
            [...path, "holdingPeriod", unit],
            "holding_period_not_positive",
            `the holding period must be at least 1 ${unit.slice(0, -1)}, got ${hold[unit]}`,
          );
        else if (hold[unit]! > LONGEST_HOLD[unit])
          report(
            [...path, "holdingPeriod", unit],
            "holding_period_too_long",
            `the holding period must be at most 100 years (${LONGEST_HOLD[unit]} ${unit}), got ${hold[unit]}`,
          );
      }
      if (hold.from === "prerequisite" && members.length === 0) {
        report(
          [...path, "holdingPeriod", "from"],
          "holding_period_without_prerequisite",
          `outcome "${outcome.code}" has a holding period from its prerequisite but requires no outcome`,
        );
      }
      const window = outcome.window;
      if (units.length === 1 && window !== undefined && window.from === hold.from && hold[units[0]!]! > 0) {
        // Only a holding period that cannot end inside the window: the outcome could never be paid.
        const unit = units[0]!;
        const length = hold[unit]!;
        const never =
          unit === "months" ? length > window.months : (unit === "weeks" ? 7 * length : length) > 31 * window.months;
        if (never) {
          report(
            [...path, "holdingPeriod", unit],
            "holding_period_exceeds_window",
            `outcome "${outcome.code}" must be held ${length} ${unit} but its window closes ${window.months} months from the same start, so it could never be paid`,
          );
        }
      }
    }
  });

  // A chain of prerequisites that comes back to its start can never be claimed (every member of a list counts).
  const requires = new Map(
    card.outcomes.map((outcome) => [outcome.code, prerequisiteEntries(outcome).map((entry) => entry.code)]),
  );
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const pending = [from];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (next === target) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...(requires.get(next) ?? []));
    }
    return false;
  };
  card.outcomes.forEach((outcome, index) => {
    // Reported at the first prerequisite through which the chain comes back.
    const back = prerequisiteEntries(outcome).find(
      (entry) => entry.code !== outcome.code && reaches(entry.code, outcome.code),
    );
    if (back !== undefined) {
      report(
        [...root, "outcomes", index, ...back.path],
        "prerequisite_cycle",
        `the prerequisites of outcome "${outcome.code}" come back to it, so it can never be claimed`,
      );
    }
  });

  const inGroup = new Map<string, string>();
  const groupIds = new Set<string>();
  (card.exclusiveGroups ?? []).forEach((group, index) => {
    const path = [...root, "exclusiveGroups", index] as const;
    if (groupIds.has(group.id))
      report([...path, "id"], "duplicate_id", `exclusive group id "${group.id}" is already used`);
    groupIds.add(group.id);
    group.outcomes.forEach((code, rung) => {
      if (!codes.has(code))
        report(
          [...path, "outcomes", rung],
          "unknown_outcome",
          `unknown outcome "${code}": declare it under rateCard.outcomes`,
        );
      const other = inGroup.get(code);
      if (other !== undefined)
        report(
          [...path, "outcomes", rung],
          "outcome_in_two_groups",
          `outcome "${code}" is already in exclusive group "${other}": an outcome belongs to at most one group`,
        );
      else inGroup.set(code, group.id);
    });
  });

  const caps = card.caps;
  if (caps?.perParticipant !== undefined)
    checkMoney([...root, "caps", "perParticipant"], caps.perParticipant, "the cap per participant");
  if (caps?.perPeriod !== undefined) checkMoney([...root, "caps", "perPeriod"], caps.perPeriod, "the cap per period");
  if (caps?.contract !== undefined) checkMoney([...root, "caps", "contract"], caps.contract, "the contract cap");

  const parties = new Map(contract.parties.map((party) => [party.id, party]));
  sharesCheck(report, parties)([...root, "payers"], card.payers, "payers", "the rate card");
  return issues;
}

/** The prerequisites of an outcome: every code it names, with its field (`requires`, `requiresAllOf`, `requiresAnyOf`). */
export function prerequisiteEntries(outcome: RateCardOutcome): readonly { code: string; path: Path }[] {
  const entries: { code: string; path: Path }[] = [];
  if (outcome.requires !== undefined) entries.push({ code: outcome.requires, path: ["requires"] });
  (outcome.requiresAllOf ?? []).forEach((code, index) => entries.push({ code, path: ["requiresAllOf", index] }));
  (outcome.requiresAnyOf ?? []).forEach((code, index) => entries.push({ code, path: ["requiresAnyOf", index] }));
  return entries;
}
