import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minorUnits, type PartyAmounts, type Settlement } from "../../src/index.js";
import { RUNS, scenarioArb } from "../support/arbitraries.js";
import { settleJson } from "../support/contract-builder.js";

/**
 * Law: the splits conserve every cent. Within each tranche the payer → recipient lines add up to the tranche's
 * earned and paid amounts, and so do the per-payer and per-recipient views; the totals add up the tranches;
 * every amount is in whole minor units of the currency.
 */

const cents = (amount: string) => BigInt(amount.replace(".", ""));
const sum = (amounts: readonly string[]) => amounts.reduce((acc, amount) => acc + cents(amount), 0n);
const decimals = (amount: string) => amount.split(".")[1]?.length ?? 0;

function everyAmount(settlement: Settlement): string[] {
  const amounts: string[] = [];
  JSON.stringify(settlement, (_key, value: unknown) => {
    if (
      value !== null &&
      typeof value === "object" &&
      "currency" in value &&
      "amount" in value &&
      typeof value.amount === "string"
    )
      amounts.push(value.amount);
    return value;
  });
  return amounts;
}

describe("every cent is conserved", () => {
  it("lines, payers, recipients and totals add up exactly, in minor units", () => {
    fc.assert(
      fc.property(scenarioArb(), ({ contract, events, asOf }) => {
        const settlement = settleJson(contract, events, asOf);
        for (const tranche of settlement.tranches) {
          const earned = tranche.lines.map((line) => line.earned?.amount);
          const paid = sum(tranche.lines.map((line) => line.paid.amount));
          expect(paid).toBe(cents(tranche.amountPaid.amount));
          const views: readonly (readonly PartyAmounts[])[] = [tranche.byPayer, tranche.byRecipient];
          for (const view of views) expect(sum(view.map((entry) => entry.paid.amount))).toBe(paid);
          if (tranche.amountEarned === null) {
            expect(earned.every((amount) => amount === undefined)).toBe(true);
            continue;
          }
          const total = cents(tranche.amountEarned.amount);
          expect(sum(earned.map((amount) => amount!))).toBe(total);
          for (const view of views) expect(sum(view.map((entry) => entry.earned!.amount))).toBe(total);
          expect(cents(tranche.balance!.amount)).toBe(total - paid);
          expect(tranche.clawback === null ? 0n : cents(tranche.clawback.amount)).toBe(
            total < paid ? paid - total : 0n,
          );
        }
        const settled = settlement.tranches.filter((tranche) => tranche.amountEarned !== null);
        expect(cents(settlement.totals.earned.amount)).toBe(
          sum(settled.map((tranche) => tranche.amountEarned!.amount)),
        );
        expect(cents(settlement.totals.paid.amount)).toBe(
          sum(settlement.tranches.map((tranche) => tranche.amountPaid.amount)),
        );
        expect(cents(settlement.totals.earned.amount) - sum(settled.map((tranche) => tranche.amountPaid.amount))).toBe(
          cents(settlement.totals.balance.amount),
        );
        expect(sum(settlement.totals.byPayer.map((entry) => entry.earned!.amount))).toBe(
          cents(settlement.totals.earned.amount),
        );
        for (const amount of everyAmount(settlement)) expect(decimals(amount)).toBe(minorUnits(settlement.currency));
      }),
      RUNS,
    );
  });
});
