import { compare, EXACT_ZERO, exactOfMeasure, exactOfText, isZero, plus } from "../formula/exact.js";
import { amountOf, decimalText, EXACT_ONE, isNegativeText, moneyCheck, percentText } from "./check-amounts.js";
import { firstIndexes, sharesCheck } from "./check-lists.js";
import { checkedMinorUnits, currencyIssues } from "./contract-currency.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { Contract, PricingRule } from "./types.js";
import { measurementOptionIssues, pooledTwiceIssues } from "./measurement-format.js";
import { checkFinance } from "./check-finance.js";
import { checkRateCard } from "./check-rate-card.js";
import { quantityIssues } from "./check-quantity.js";
import { rulesIn } from "./rule-tree.js";

type Path = readonly (string | number)[];

/**
 * The checks that need the whole contract: references between its parts, and the arithmetic the format
 * cannot express (shares adding up to 100%, tiers that do not overlap, money in whole minor units).
 * Returns every problem found; an empty list means the contract is sound.
 */
export function checkContract(contract: Contract): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (path: Path, code: string, message: string) => issues.push(issue(path, code, message));
  issues.push(...currencyIssues(contract));
  // undefined when the currency is unusable (reported above): money is then not checked against it
  const places = checkedMinorUnits(contract);

  const checkMoney = moneyCheck(report, places, contract.currency);
  const checkRange = (path: Path, start: string, end: string) => {
    if (start > end) report(path, "range_reversed", `the start ${start} is after the end ${end}`);
  };
  checkRange(["term"], contract.term.start, contract.term.end);
  firstIndexes(report, contract.parties, ["parties"], "party", "id");
  firstIndexes(report, contract.metrics, ["metrics"], "metric", "id");
  firstIndexes(report, contract.periods, ["periods"], "period", "id");
  firstIndexes(report, contract.cohorts ?? [], ["cohorts"], "cohort", "id");
  firstIndexes(report, contract.tranches, ["tranches"], "tranche", "id");

  const parties = new Map(contract.parties.map((party) => [party.id, party]));
  const metrics = new Map(contract.metrics.map((metric) => [metric.id, metric]));
  const periods = new Set(contract.periods.map((period) => period.id));
  const cohorts = new Set((contract.cohorts ?? []).map((cohort) => cohort.id));

  // A design or an experiment may not have chosen its payers yet.
  if (
    (contract.stage ?? "pay-by-results") === "pay-by-results" &&
    !contract.parties.some((party) => party.roles.includes("outcome-payer"))
  ) {
    report(["parties"], "no_outcome_payer", "no party has the role outcome-payer: someone must pay for the outcomes");
  }
  contract.metrics.forEach((metric, index) => {
    checkRange(["metrics", index, "baseline", "period"], metric.baseline.period.start, metric.baseline.period.end);
  });
  contract.periods.forEach((period, index) => checkRange(["periods", index], period.start, period.end));
  (contract.cohorts ?? []).forEach((cohort, index) => {
    if (cohort.enrolledFrom !== undefined && cohort.enrolledTo !== undefined) {
      checkRange(["cohorts", index], cohort.enrolledFrom, cohort.enrolledTo);
    }
  });

  const checkShares = sharesCheck(report, parties);

  const checkRule = (path: Path, rule: PricingRule) => {
    if (rule.type === "weighted") {
      let total = EXACT_ZERO;
      for (const part of rule.parts) total = plus(total, exactOfText(part.weight) ?? EXACT_ZERO);
      if (compare(total, EXACT_ONE) !== 0)
        report([...path, "parts"], "weights_not_100", `the weights add up to ${percentText(total)}%, not 100%`);
      return;
    }
    if (rule.type === "formula") return; // checked by checkFormulas (contract/check-formulas.ts)
    const metric = metrics.get(rule.metric);
    if (metric === undefined) {
      report([...path, "metric"], "unknown_metric", `unknown metric "${rule.metric}": declare it under metrics`);
    } else if (rule.basis === "relative-improvement" && isZero(exactOfMeasure(metric.baseline.value) ?? EXACT_ZERO)) {
      report(
        [...path, "basis"],
        "zero_baseline",
        `metric "${rule.metric}" has a zero baseline, so a relative improvement is undefined`,
      );
    }
    if (rule.basis !== "relative-improvement") {
      const quantities: [Path, unknown][] =
        rule.type === "threshold"
          ? [[[...path, "threshold"], rule.threshold]]
          : rule.type === "tiers"
            ? rule.tiers.flatMap(
                (tier, index) =>
                  [
                    [[...path, "tiers", index, "from"], tier.from],
                    [[...path, "tiers", index, "to"], tier.to],
                  ] as [Path, unknown][],
              )
            : rule.type === "linear"
              ? rule.points.map((point, index) => [[...path, "points", index, "at"], point.at] as [Path, unknown])
              : [];
      for (const [where, quantity] of quantities) {
        if (typeof quantity === "string" && quantity.trim().endsWith("%")) {
          report(
            where,
            "percent_on_absolute_basis",
            `"${quantity}" is a percentage, which only the relative-improvement basis uses: on the ${rule.basis} basis write the number in the metric's unit`,
          );
        }
      }
    }
    switch (rule.type) {
      case "rate":
        if (isNegativeText(rule.pricePerUnit))
          report([...path, "pricePerUnit"], "negative_amount", "a price per unit cannot be negative");
        break;
      case "threshold":
        if ((rule.amount === undefined) === (rule.then === undefined)) {
          report(
            path,
            "threshold_payout",
            'a threshold pays either a fixed "amount" or the rule in "then": give exactly one',
          );
        }
        if (rule.amount !== undefined) checkMoney([...path, "amount"], rule.amount, "the threshold amount");
        break;
      case "tiers": {
        const bands = rule.tiers.map((tier, index) => ({
          index,
          from: exactOfMeasure(tier.from) ?? EXACT_ZERO,
          to: tier.to === undefined ? undefined : (exactOfMeasure(tier.to) ?? EXACT_ZERO),
        }));
        rule.tiers.forEach((tier, index) =>
          checkMoney([...path, "tiers", index, "amount"], tier.amount, "a tier amount"),
        );
        for (const band of bands) {
          if (band.to !== undefined && compare(band.to, band.from) <= 0) {
            report(
              [...path, "tiers", band.index],
              "empty_tier",
              `the tier from ${decimalText(band.from)} to ${decimalText(band.to)} is empty: "to" must be above "from"`,
            );
          }
        }
        const sorted = [...bands].sort((a, b) => compare(a.from, b.from));
        for (let i = 1; i < sorted.length; i += 1) {
          const previous = sorted[i - 1]!;
          const current = sorted[i]!;
          if (previous.to === undefined || compare(previous.to, current.from) > 0) {
            report(
              [...path, "tiers", current.index],
              "overlapping_tiers",
              `tier ${current.index + 1} (from ${decimalText(current.from)}) overlaps tier ${previous.index + 1}; tiers are [from, to) bands and must not overlap`,
            );
          }
        }
        break;
      }
      case "linear":
        rule.points.forEach((point, index) => {
          checkMoney([...path, "points", index, "amount"], point.amount, "a point's amount");
          const previous = index > 0 ? rule.points[index - 1] : undefined;
          if (
            previous !== undefined &&
            compare(exactOfMeasure(point.at) ?? EXACT_ZERO, exactOfMeasure(previous.at) ?? EXACT_ZERO) <= 0
          ) {
            report(
              [...path, "points", index, "at"],
              "points_not_increasing",
              'the points\' "at" values must strictly increase',
            );
          }
        });
        break;
      case "savings-share":
        if (isNegativeText(rule.savingPerUnit))
          report([...path, "savingPerUnit"], "negative_amount", "a saving per unit cannot be negative");
        if (compare(exactOfText(rule.share) ?? EXACT_ZERO, EXACT_ONE) > 0)
          report([...path, "share"], "share_above_100", "a share of savings is at most 100%");
        break;
    }
  };

  contract.tranches.forEach((tranche, index) => {
    const path = ["tranches", index] as const;
    if ("period" in tranche.covers) {
      if (!periods.has(tranche.covers.period))
        report(
          [...path, "covers", "period"],
          "unknown_period",
          `unknown period "${tranche.covers.period}": declare it under periods`,
        );
    } else if (!cohorts.has(tranche.covers.cohort)) {
      report(
        [...path, "covers", "cohort"],
        "unknown_cohort",
        `unknown cohort "${tranche.covers.cohort}": declare it under cohorts`,
      );
    }
    const rules = rulesIn(tranche.pricing, [...path, "pricing"]);
    if (tranche.fallback !== undefined)
      rules.push(...rulesIn(tranche.fallback.pricing, [...path, "fallback", "pricing"]));
    for (const found of rules) checkRule(found.path, found.rule);
    issues.push(...measurementOptionIssues(tranche, path, cohorts));
    if (tranche.cap !== undefined) checkMoney([...path, "cap"], tranche.cap, "the tranche cap");
    if (tranche.floor !== undefined) checkMoney([...path, "floor"], tranche.floor, "the tranche floor");
    if (
      tranche.cap !== undefined &&
      tranche.floor !== undefined &&
      compare(amountOf(tranche.floor), amountOf(tranche.cap)) > 0
    ) {
      report([...path, "floor"], "floor_above_cap", `the floor ${tranche.floor} is above the cap ${tranche.cap}`);
    }
    checkShares([...path, "payers"], tranche.payers, "payers", "this tranche");
    checkShares([...path, "recipients"], tranche.recipients, "recipients", "this tranche");
  });

  issues.push(...pooledTwiceIssues(contract.tranches));
  issues.push(...quantityIssues(contract));

  const caps = contract.caps;
  if (caps?.contract !== undefined) checkMoney(["caps", "contract"], caps.contract, "the contract cap");
  for (const [metricId, amount] of Object.entries(caps?.perMetric ?? {})) {
    if (!metrics.has(metricId))
      report(
        ["caps", "perMetric", metricId],
        "unknown_metric",
        `unknown metric "${metricId}": declare it under metrics`,
      );
    checkMoney(["caps", "perMetric", metricId], amount, "a metric cap");
  }
  for (const [partyId, amount] of Object.entries(caps?.perPayer ?? {})) {
    const party = parties.get(partyId);
    if (party === undefined)
      report(["caps", "perPayer", partyId], "unknown_party", `unknown party "${partyId}": declare it under parties`);
    else if (!party.roles.includes("outcome-payer"))
      report(
        ["caps", "perPayer", partyId],
        "not_a_payer",
        `party "${partyId}" has a payer cap but lacks the role outcome-payer`,
      );
    checkMoney(["caps", "perPayer", partyId], amount, "a payer cap");
  }
  if (contract.finance !== undefined) issues.push(...checkFinance(contract, contract.finance));
  issues.push(...checkRateCard(contract));
  return issues;
}
