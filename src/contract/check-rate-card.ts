import { Dec, readDecimal } from "../money/decimal.js";
import { checkedMinorUnits } from "./contract-currency.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { isTooLarge, tooLargeMessage } from "../money/limits.js";
import type { Contract } from "./types.js";

type Path = readonly (string | number)[];

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
  const checkMoney = (path: Path, amount: string, what: string) => {
    const value = new Dec(amount);
    if (value.isNegative() && !value.isZero()) report(path, "negative_amount", `${what} cannot be negative`);
    if (places === undefined) return;
    if (value.decimalPlaces() > places) {
      report(
        path,
        "sub_minor_unit",
        `${what} ${amount} has more than ${places} decimal places for ${contract.currency}`,
      );
    } else if (isTooLarge(value, places)) {
      report(path, "amount_too_large", tooLargeMessage(what, amount, contract.currency, places));
    }
  };
  const root = ["rateCard"] as const;
  const codes = new Map<string, number>();
  card.outcomes.forEach((outcome, index) => {
    const first = codes.get(outcome.code);
    if (first !== undefined)
      report(
        [...root, "outcomes", index, "code"],
        "duplicate_id",
        `outcome code "${outcome.code}" is already used by rateCard.outcomes[${first}]`,
      );
    else codes.set(outcome.code, index);
  });

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
    if (outcome.requires !== undefined) {
      if (!codes.has(outcome.requires)) {
        report(
          [...path, "requires"],
          "unknown_outcome",
          `unknown outcome "${outcome.requires}": declare it under rateCard.outcomes`,
        );
      } else if (outcome.requires === outcome.code) {
        report([...path, "requires"], "prerequisite_cycle", `outcome "${outcome.code}" cannot require itself`);
      }
    }
    if (outcome.window?.from === "prerequisite" && outcome.requires === undefined) {
      report(
        [...path, "window", "from"],
        "window_without_prerequisite",
        `outcome "${outcome.code}" has a window from its prerequisite but requires no outcome`,
      );
    }
  });

  // A chain of prerequisites that comes back to its start can never be claimed.
  const requires = new Map(card.outcomes.map((outcome) => [outcome.code, outcome.requires]));
  card.outcomes.forEach((outcome, index) => {
    const seen = new Set<string>([outcome.code]);
    let next = outcome.requires;
    while (next !== undefined && next !== outcome.code && !seen.has(next)) {
      seen.add(next);
      next = requires.get(next);
    }
    if (next === outcome.code && outcome.requires !== outcome.code) {
      report(
        [...root, "outcomes", index, "requires"],
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
  let total = new Dec(0);
  const payers = new Set<string>();
  card.payers.forEach((entry, index) => {
    const path = [...root, "payers", index, "party"] as const;
    const party = parties.get(entry.party);
    if (party === undefined) report(path, "unknown_party", `unknown party "${entry.party}": declare it under parties`);
    else if (!party.roles.includes("outcome-payer"))
      report(path, "not_a_payer", `party "${entry.party}" pays the rate card but lacks the role outcome-payer`);
    if (payers.has(entry.party)) report(path, "duplicate_party", `party "${entry.party}" is listed twice`);
    payers.add(entry.party);
    total = total.plus(readDecimal(entry.share) ?? 0);
  });
  if (!total.equals(1))
    report(
      [...root, "payers"],
      "shares_not_100",
      `the payers' shares add up to ${total.times(100).toString()}%, not 100%`,
    );
  return issues;
}
