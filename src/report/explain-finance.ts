import { groupThousands } from "../money/format.js";
import type { Money } from "../money/money.js";
import type { CashFlows } from "../finance/cash-flows.js";
import type { FinanceStep } from "../finance/finance-steps.js";
import { ownValue } from "../util/own.js";
import { requireIssued } from "../errors/argument-error.js";

const STEP_NAMES: Record<string, string> = {
  principal: "return of principal",
  return: "return",
  "management-fee": "management fee",
  "performance-fee": "performance fee",
  excess: "excess",
};

function stepLines(step: FinanceStep, currency: string): string[] {
  const cash = (amount: string) => `${currency} ${groupThousands(amount)}`;
  if (step.kind === "guarantee") {
    const losses = step.losses.map((entry) => `${entry.party} ${cash(entry.loss)}`).join(", ");
    const paid = step.paid.map((entry) => `${entry.party} ${cash(entry.amount)}`).join(", ");
    return [
      `${step.date}  guarantee ${step.guarantee + 1} by ${step.guarantor}: loss ${losses}; ${step.share} of it = ${cash(step.claim)}; ` +
        `limit ${cash(step.limit)}, used before ${cash(step.usedBefore)}; paid ${paid}`,
    ];
  }
  const which =
    step.step === "excess" ? "excess" : `step ${step.step + 1}, ${ownValue(STEP_NAMES, step.type) ?? step.type}`;
  const parts = step.parts.map((part) =>
    step.type === "excess"
      ? `${part.party} ${cash(part.paid)}`
      : `${part.party} owed ${cash(part.owed)}, paid ${cash(part.paid)}`,
  );
  return [
    `${step.date}  ${which}: pool ${cash(step.poolBefore)} → ${cash(step.poolAfter)}`,
    `      ${parts.join("; ")}`,
    ...(step.basis !== "" ? [`      (${step.basis})`] : []),
  ];
}

/**
 * The investors' side as text an officer can check by hand: drawdowns, outcome payments, every waterfall
 * step on every date (pool before and after, what each party was owed and paid, and how the amount owed
 * was computed), every guarantee call, and each investor's position.
 *
 * @example
 * console.log(explainCashFlows(cashFlows(contract, settlement)));
 * @throws ArgumentError for cash flows `cashFlows` did not return (`not_cash_flows`: a copy, a changed value or one
 * read back from JSON; call cashFlows again).
 */
export function explainCashFlows(flows: CashFlows): string {
  requireIssued(flows, "cash-flows", "explainCashFlows", "flows");
  const currency = flows.currency;
  const cash = (value: Money) => `${value.currency} ${groupThousands(value.amount)}`;
  const lines: string[] = [`Investors' side of ${flows.contractId}, as of ${flows.asOf}`, ""];
  lines.push("Cash flows:");
  for (const flow of flows.flows) {
    const tranche = flow.tranche !== undefined ? ` (tranche ${flow.tranche})` : "";
    lines.push(`  ${flow.date}  ${flow.kind.padEnd(15)} ${flow.from} → ${flow.to}  ${cash(flow.amount)}${tranche}`);
  }
  if (flows.pendingTranches.length > 0)
    lines.push(`  pending, nothing received yet: ${flows.pendingTranches.join(", ")}`);
  lines.push("", "Waterfall and guarantees:");
  if (flows.steps.length === 0) lines.push("  nothing to distribute");
  for (const step of flows.steps) for (const line of stepLines(step, currency)) lines.push(`  ${line}`);
  lines.push("", "Investors:");
  for (const investor of flows.investors) {
    lines.push(
      `  ${investor.party}: drawn ${cash(investor.drawn)}, distributions ${cash(investor.distributions)}, guaranteed ${cash(investor.guaranteed)}, ` +
        `net ${cash(investor.net)}; loss if no outcome were paid ${cash(investor.lossGivenNoOutcomes)}`,
    );
  }
  return lines.join("\n");
}
