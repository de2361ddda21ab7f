import { compare, EXACT_ZERO, exactOfText, isZero, plainText, plus } from "../formula/exact.js";
import { EXACT_ONE, moneyCheck, percentText } from "./check-amounts.js";
import { checkedMinorUnits } from "./contract-currency.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { Contract } from "./types.js";
import type { Finance } from "./finance-types.js";

type Path = readonly (string | number)[];

/**
 * The checks of the `finance` section that need the whole contract: every party it names exists and plays
 * the right role, drawdowns stay within commitments, the excess shares add up to 100%, and every investor
 * is repaid by some step of the waterfall. Returns every problem found, with its path from the contract root.
 */
export function checkFinance(contract: Contract, finance: Finance): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (path: Path, code: string, message: string) => issues.push(issue(["finance", ...path], code, message));
  const parties = new Map(contract.parties.map((party) => [party.id, party]));
  const currency = contract.currency;
  const places = checkedMinorUnits(contract);
  const checkMoney = moneyCheck(report, places, currency);
  const checkParty = (path: Path, id: string): boolean => {
    if (parties.has(id)) return true;
    report(path, "unknown_party", `unknown party "${id}": declare it under parties`);
    return false;
  };
  const checkShareAtMost100 = (path: Path, share: string, what: string) => {
    if (compare(exactOfText(share) ?? EXACT_ZERO, EXACT_ONE) > 0)
      report(path, "share_above_100", `${what} is at most 100%`);
  };

  const investors = new Set<string>();
  finance.investors.forEach((investor, index) => {
    const path = ["investors", index] as const;
    if (checkParty([...path, "party"], investor.party) && !parties.get(investor.party)!.roles.includes("investor")) {
      report(
        [...path, "party"],
        "not_an_investor",
        `party "${investor.party}" commits capital but lacks the role investor`,
      );
    }
    if (investors.has(investor.party))
      report([...path, "party"], "duplicate_party", `investor "${investor.party}" is listed twice`);
    investors.add(investor.party);
    checkParty([...path, "fundedParty"], investor.fundedParty);
    const commitment = checkMoney([...path, "commitment"], investor.commitment, "the commitment");
    let drawn = EXACT_ZERO;
    investor.drawdowns.forEach((drawdown, d) => {
      const amount = checkMoney([...path, "drawdowns", d, "amount"], drawdown.amount, "a drawdown");
      if (isZero(amount))
        report(
          [...path, "drawdowns", d, "amount"],
          "zero_drawdown",
          "a drawdown of zero calls no capital: leave it out",
        );
      drawn = plus(drawn, amount);
    });
    if (compare(drawn, commitment) > 0) {
      report(
        [...path, "drawdowns"],
        "drawdowns_above_commitment",
        `the drawdowns add up to ${plainText(drawn)}, more than the commitment of ${investor.commitment}`,
      );
    }
  });

  const recipients = new Set(contract.tranches.flatMap((tranche) => tranche.recipients.map((share) => share.party)));
  finance.waterfall.pool.forEach((party, index) => {
    if (checkParty(["waterfall", "pool", index], party) && !recipients.has(party)) {
      report(
        ["waterfall", "pool", index],
        "pool_not_recipient",
        `party "${party}" receives no outcome payment under any tranche, so it brings nothing to the waterfall`,
      );
    }
  });
  const checkInvestors = (path: Path, list: readonly string[]) => {
    list.forEach((party, index) => {
      if (!investors.has(party))
        report(
          [...path, index],
          "unknown_investor",
          `"${party}" is not an investor of the finance section: list it under finance.investors`,
        );
      else if (list.indexOf(party) !== index)
        report([...path, index], "duplicate_party", `investor "${party}" is listed twice`);
    });
  };
  const repaid = new Set<string>();
  finance.waterfall.steps.forEach((step, index) => {
    const path = ["waterfall", "steps", index] as const;
    switch (step.type) {
      case "principal":
        checkInvestors([...path, "investors"], step.investors);
        step.investors.forEach((party) => repaid.add(party));
        break;
      case "return":
        checkInvestors([...path, "investors"], step.investors);
        if (step.rate === undefined && step.cap === undefined) {
          report(
            path,
            "return_without_limit",
            'a return step needs a "rate" (an IRR it pays up to), a "cap" (an amount), or both',
          );
        }
        if (step.cap !== undefined) checkMoney([...path, "cap"], step.cap, "the return cap");
        break;
      case "management-fee":
        checkParty([...path, "party"], step.party);
        break;
      case "performance-fee":
        checkParty([...path, "party"], step.party);
        checkShareAtMost100([...path, "share"], step.share, "a performance fee");
        break;
    }
  });
  for (const investor of finance.investors) {
    if (investors.has(investor.party) && !repaid.has(investor.party)) {
      const index = finance.investors.indexOf(investor);
      report(
        ["investors", index, "party"],
        "investor_not_repaid",
        `investor "${investor.party}" has no principal step in the waterfall, so its capital would never be repaid`,
      );
    }
  }
  let excessTotal = EXACT_ZERO;
  finance.waterfall.excess.forEach((entry, index) => {
    checkParty(["waterfall", "excess", index, "party"], entry.party);
    excessTotal = plus(excessTotal, exactOfText(entry.share) ?? EXACT_ZERO);
  });
  if (compare(excessTotal, EXACT_ONE) !== 0) {
    report(
      ["waterfall", "excess"],
      "shares_not_100",
      `the excess shares add up to ${percentText(excessTotal)}%, not 100%`,
    );
  }

  (finance.guarantees ?? []).forEach((guarantee, index) => {
    const path = ["guarantees", index] as const;
    checkParty([...path, "guarantor"], guarantee.guarantor);
    checkInvestors([...path, "covers"], guarantee.covers);
    checkShareAtMost100([...path, "share"], guarantee.share, "the share of a loss a guarantee covers");
    checkMoney([...path, "limit"], guarantee.limit, "the guarantee limit");
  });
  return issues;
}
