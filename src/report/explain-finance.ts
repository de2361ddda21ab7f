import type { CashFlows } from "../finance/cash-flows.js";
import type { FinanceStep } from "../finance/finance-steps.js";
import { ISSUED_CASH_FLOWS, requireIssued } from "../errors/argument-error.js";
import { textOptions, type TextOptions } from "./report-locale.js";
import { financeWordsOf, type FinanceWords } from "./phrases/finance-words.js";
import { plainTextStyle, type Style } from "./style.js";

function stepLines(step: FinanceStep, words: FinanceWords, style: Style): string[] {
  const cash = style.money;
  if (step.kind === "guarantee") {
    return [
      words.guarantee(step.guarantee, step.guarantor, {
        date: step.date,
        losses: step.losses.map((entry) => `${entry.party} ${cash(entry.loss)}`).join(", "),
        share: step.share,
        claim: cash(step.claim),
        limit: cash(step.limit),
        usedBefore: cash(step.usedBefore),
        paid: step.paid.map((entry) => `${entry.party} ${cash(entry.amount)}`).join(", "),
      }),
    ];
  }
  const parts = step.parts.map((part) =>
    step.type === "excess"
      ? `${part.party} ${cash(part.paid)}`
      : words.owedPaid(part.party, cash(part.owed), cash(part.paid)),
  );
  const basis = words.basis(step);
  return [
    `${step.date}  ${words.step(step)}: ${words.pool(cash(step.poolBefore), cash(step.poolAfter))}`,
    `      ${parts.join("; ")}`,
    ...(basis !== "" ? [`      (${basis})`] : []),
  ];
}

/**
 * The investors' side as text an officer can check by hand, in English or Italian: drawdowns, outcome payments,
 * every waterfall step on every date (pool before and after, what each party was owed and paid, and how the
 * amount owed was computed), every guarantee call, and each investor's position. Amounts in the neutral notation
 * of `explain` (`EUR 1,234.56`; `EUR 1.234,56` in Italian), dates as ISO dates.
 *
 * @example
 * console.log(explainCashFlows(cashFlows(contract, settlement)));
 * console.log(explainCashFlows(cashFlows(contract, settlement), { locale: "it" }));
 * @throws ArgumentError for cash flows `cashFlows` did not return (`not_cash_flows`: a copy, a changed value or one
 * read back from JSON; call cashFlows again).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function explainCashFlows(flows: CashFlows, options?: TextOptions): string {
  requireIssued(flows, ISSUED_CASH_FLOWS, "explainCashFlows", "flows");
  const { locale } = textOptions(options);
  const words = financeWordsOf(locale);
  const style = plainTextStyle(flows.currency, locale);
  const cash = (value: { readonly amount: string }) => style.money(value.amount);
  const width = Math.max(...flows.flows.map((flow) => words.flowKind(flow.kind).length), 15);
  const lines: string[] = [words.heading(flows.contractId, flows.asOf), ""];
  lines.push(words.cashFlows);
  for (const flow of flows.flows) {
    const tranche = flow.tranche !== undefined ? words.ofTranche(flow.tranche) : "";
    lines.push(
      `  ${flow.date}  ${words.flowKind(flow.kind).padEnd(width)} ${words.account(flow.from)} → ${words.account(flow.to)}  ${cash(flow.amount)}${tranche}`,
    );
  }
  if (flows.pendingTranches.length > 0) lines.push(`  ${words.pending(flows.pendingTranches.join(", "))}`);
  lines.push("", words.waterfall);
  if (flows.steps.length === 0) lines.push(`  ${words.nothingToDistribute}`);
  for (const step of flows.steps) for (const line of stepLines(step, words, style)) lines.push(`  ${line}`);
  lines.push("", words.investors);
  for (const investor of flows.investors) {
    lines.push(
      `  ${words.investor(investor.party, {
        drawn: cash(investor.drawn),
        distributions: cash(investor.distributions),
        guaranteed: cash(investor.guaranteed),
        net: cash(investor.net),
        lossGivenNoOutcomes: cash(investor.lossGivenNoOutcomes),
      })}`,
    );
  }
  return lines.join("\n");
}
