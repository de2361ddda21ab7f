import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  claimPeriodRows,
  decisionRows,
  outcomeTotalRows,
  parseContract,
  participantRows,
  rowsToCsv,
  settleClaimsAsync,
  type ClaimSettlement,
} from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";
import { codesAndPaths } from "../support/refusal.js";

/** Tidy rows of a claims settlement: decisions, participants, totals by outcome and by claim period, and their CSV. */

const root = (path: string) => new URL(`../../${path}`, import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(root("examples/rate-card/contract.json"), "utf8")));
const claims = () => readClaimsCsv(root("examples/rate-card/claims-sample.csv").pathname);
const settlement: ClaimSettlement = await settleClaimsAsync(contract, claims(), { asOf: "2015-09-30" });
const GBP = (amount: string) => ({ amount, currency: "GBP" });

describe("rows of a claims settlement", () => {
  it("a row per decision, with the decision's fields, null where it has none, money as { amount, currency }", () => {
    const rows = decisionRows(settlement);
    const decisions = settlement.decisions!.toArray();
    expect(rows).toHaveLength(decisions.length);
    const keys = Object.keys(rows[0]!);
    rows.forEach((row, index) => {
      const { cuts: _cuts, ...decision } = decisions[index]!;
      expect(Object.keys(row)).toEqual(keys);
      expect(Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null))).toEqual(decision);
      expect(row.amount.currency).toBe("GBP");
    });
    const rejected = rows.find((row) => row.reason === "claim_limit_reached")!;
    expect(rejected).toMatchObject({ amount: GBP("0.00"), price: null, priced: null });
    expect(rows.reduce((sum, row) => sum + Math.round(Number(row.amount.amount) * 100), 0)).toBe(
      Math.round(Number(settlement.total.amount) * 100),
    );
  });

  it("participants, outcomes and periods: the settlement's totals, each period followed by its payers' parts", () => {
    expect(participantRows(settlement)).toEqual(settlement.byParticipant);
    expect(outcomeTotalRows(settlement)).toEqual(settlement.byOutcome);
    const periods = claimPeriodRows(settlement);
    expect(periods).toHaveLength(settlement.byPeriod.length * (1 + settlement.byPayer.length));
    expect(periods.filter((row) => row.payer === null).map((row) => row.due)).toEqual(
      settlement.byPeriod.map((period) => period.due),
    );
    for (const payer of settlement.byPayer) {
      const cents = periods
        .filter((row) => row.payer === payer.party)
        .reduce((sum, row) => sum + Math.round(Number(row.due.amount) * 100), 0);
      expect(cents).toBe(Math.round(Number(payer.due.amount) * 100));
    }
  });

  it("no decision rows for a settlement that kept none", async () => {
    const totals = await settleClaimsAsync(contract, claims(), { asOf: "2015-09-30", keepDecisions: false });
    expect(decisionRows(totals)).toEqual([]);
    expect(participantRows(totals)).toEqual(participantRows(settlement));
  });

  it("rowsToCsv writes them: the amounts, the currency last, in Italian with a decimal comma", () => {
    const csv = rowsToCsv(decisionRows(settlement)).split("\r\n");
    expect(csv[0]).toBe(
      "claimId,participant,outcome,achievedOn,claimedOn,period,status,amount,price,priced,reason,message,dependsOn,currency",
    );
    expect(csv[1]).toBe(
      "C00000003,P000000,BASIC-SKILLS,2012-08-22,2012-09-13,2012-Q3,accepted,900.00,900.00,900.00,,,,GBP",
    );
    const italian = rowsToCsv(claimPeriodRows(settlement), { locale: "it" }).split("\r\n");
    expect(italian[0]).toBe("\uFEFFperiod;start;end;payer;share;claimsPaid;due;currency");
    expect(italian[1]).toMatch(/^\d{4}-Q\d;\d{4}-\d\d-\d\d;\d{4}-\d\d-\d\d;;;\d+;\d+,\d\d;GBP$/);
  });

  it("refuse what settleClaims did not return", () => {
    for (const rows of [decisionRows, participantRows, outcomeTotalRows, claimPeriodRows])
      expect(codesAndPaths(ArgumentError, () => rows({ ...settlement }))).toEqual([
        ["not_a_claim_settlement", "$.settlement"],
      ]);
  });
});
