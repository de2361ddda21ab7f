import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLAIM_DECISION_CSV_COLUMNS,
  claimDecisionChunks,
  claimSettlementJsonChunks,
  parseContract,
  settleClaims,
  type Claim,
  type ClaimDecision,
  type ClaimSettlement,
  type RateCard,
} from "../../src/index.js";
import { RUNS } from "../support/arbitraries.js";
import { cardContractJson } from "./support.js";

/**
 * Laws of rate cards with holding periods, prerequisite lists, ladders meeting lower rungs and every cap, over
 * random claims: the order of the claims never changes a decision; a participant is never paid more than the
 * card allows; an accepted claim was held long enough after the claim it depends on, which met its prerequisite;
 * the decision files carry `dependsOn` as the decisions do.
 */

const CARD: RateCard = {
  claimPeriod: "quarter",
  outcomes: [
    { code: "ENTRY", name: "Entry", price: "3000.00", maxVolume: 2 },
    {
      code: "SUST",
      name: "Sustained 13 weeks",
      price: "2000.00",
      requires: "ENTRY",
      holdingPeriod: { weeks: 13, from: "prerequisite" },
      window: { months: 12, from: "prerequisite" },
    },
    { code: "PT13", name: "Part-time 13 weeks", price: "1000.00", requires: "ENTRY" },
    { code: "FT13", name: "Full-time 13 weeks", price: "1500.00", requires: "ENTRY" },
    {
      code: "PT26",
      name: "Part-time 26 weeks",
      price: "800.00",
      requires: "PT13",
      holdingPeriod: { months: 3, from: "prerequisite" },
    },
    { code: "L1", name: "Level 1", price: "700.00" },
    { code: "ANY", name: "Any of", price: "300.00", requiresAnyOf: ["L1", "ENTRY"] },
    { code: "ALL", name: "All of", price: "400.00", requiresAllOf: ["L1", "ENTRY"], maxClaimsPerParticipant: 2 },
    {
      code: "ATT",
      name: "Attendance",
      price: "500.00",
      holdingPeriod: { days: 60, from: "enrolment" },
      window: { months: 24, from: "enrolment" },
      maxClaimsPerParticipant: 3,
    },
  ],
  exclusiveGroups: [{ id: "thirteen", outcomes: ["PT13", "FT13"] }],
  caps: { perParticipant: "5000.00", perPeriod: "4000.00", contract: "12000.00" },
  payers: [{ party: "dwp", share: "100%" }],
};
const CONTRACT = parseContract(cardContractJson(CARD));
const CODES = CARD.outcomes.map((outcome) => outcome.code);
const PRICE = new Map(CARD.outcomes.map((outcome) => [outcome.code, Number(outcome.price)]));
const DAY = 86_400_000;
const START = Date.UTC(2012, 9, 1);
const dateOf = (offset: number) => new Date(START + offset * DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;

/** Claims of up to four participants, dates bunched so that same-day claims, ladders and caps meet. */
const claimsArbitrary: fc.Arbitrary<Claim[]> = fc
  .uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 99 }).map((n) => `c${String(n).padStart(2, "0")}`),
      participant: fc.constantFrom("P1", "P2", "P3"),
      outcome: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("ENTRY", "L1") },
        { weight: 6, arbitrary: fc.constantFrom(...CODES) },
      ),
      achieved: fc.oneof(
        fc.integer({ min: 0, max: 500 }),
        fc.constantFrom(30, 91, 121, 121, 212, 213, 213, 400),
        fc.integer({ min: 0, max: 1000 }),
      ),
      delay: fc.integer({ min: 0, max: 40 }),
      enrolledOn: fc.constantFrom<string | undefined>("2012-10-01", "2012-12-15", undefined),
    }),
    { selector: (entry) => entry.id, minLength: 5, maxLength: 40 },
  )
  .map((entries) =>
    entries.map((entry) => {
      const made: Record<string, string> = {
        id: entry.id,
        participant: entry.participant,
        outcome: entry.outcome,
        achievedOn: dateOf(entry.achieved),
        claimedOn: dateOf(entry.achieved + entry.delay),
        evidence: `ev-${entry.id}`,
      };
      if (entry.enrolledOn !== undefined) made.enrolledOn = entry.enrolledOn;
      return made as unknown as Claim;
    }),
  );

const CAP_REASONS = ["participant_cap_reached", "outcome_volume_reached", "period_cap_reached", "contract_cap_reached"];
const settle = (claims: readonly Claim[]): ClaimSettlement => settleClaims(CONTRACT, claims, { asOf: "2015-09-30" });
const byId = (settlement: ClaimSettlement) =>
  [...settlement.decisions!]
    .sort((a, b) => (a.claimId < b.claimId ? -1 : 1))
    .map((decision) => JSON.stringify(decision));

describe("rate card laws", () => {
  it("order-free: any permutation of the claims gives the same decisions and totals", () => {
    fc.assert(
      fc.property(
        claimsArbitrary.chain((claims) =>
          fc.tuple(
            fc.constant(claims),
            fc.shuffledSubarray(claims, { minLength: claims.length, maxLength: claims.length }),
          ),
        ),
        ([claims, shuffled]) => {
          const first = settle(claims);
          const second = settle(shuffled);
          expect(byId(second)).toEqual(byId(first));
          expect(second.total).toEqual(first.total);
        },
      ),
      RUNS,
    );
  });

  it("capped: no participant is paid more than the card allows, no claim more than its price", () => {
    // Without caps, a participant could earn at most each outcome's price times its claims per participant,
    // a ladder counting once at its top rung.
    const ceiling =
      CARD.outcomes
        .filter((outcome) => outcome.code !== "PT13")
        .reduce((sum, outcome) => sum + Number(outcome.price) * (outcome.maxClaimsPerParticipant ?? 1), 0) * 100;
    fc.assert(
      fc.property(claimsArbitrary, (claims) => {
        const settlement = settle(claims);
        const paid = new Map<string, number>();
        let total = 0;
        for (const decision of settlement.decisions!) {
          const cents = Math.round(Number(decision.amount.amount) * 100);
          expect(cents).toBeGreaterThanOrEqual(0);
          expect(cents).toBeLessThanOrEqual(Math.round(PRICE.get(decision.outcome)! * 100));
          paid.set(decision.participant, (paid.get(decision.participant) ?? 0) + cents);
          total += cents;
        }
        for (const cents of paid.values()) {
          expect(cents).toBeLessThanOrEqual(500_000);
          expect(cents).toBeLessThanOrEqual(ceiling);
        }
        expect(total).toBeLessThanOrEqual(1_200_000);
        expect(Math.round(Number(settlement.total.amount) * 100)).toBe(total);
      }),
      RUNS,
    );
  });

  it("an accepted claim depends on a claim that met its prerequisite, held long enough before it", () => {
    const meets: Record<string, readonly string[]> = {
      SUST: ["ENTRY"],
      PT13: ["ENTRY"],
      FT13: ["ENTRY"],
      PT26: ["PT13", "FT13"],
      ANY: ["L1", "ENTRY"],
      ALL: ["L1", "ENTRY"],
    };
    fc.assert(
      fc.property(claimsArbitrary, (claims) => {
        const settlement = settle(claims);
        const decisions = new Map(settlement.decisions!.map((decision) => [decision.claimId, decision]));
        // A claim a cap cut to nothing still counts as achieved: caps limit money.
        const counted = (decision: ClaimDecision) =>
          decision.status !== "rejected" || CAP_REASONS.includes(decision.reason!);
        for (const decision of decisions.values()) {
          if (!counted(decision) || meets[decision.outcome] === undefined) continue;
          const before = decisions.get(decision.dependsOn!);
          const ladderTopUp = decision.priced?.amount !== decision.price?.amount;
          expect(before).toBeDefined();
          expect(before!.participant).toBe(decision.participant);
          expect(counted(before!)).toBe(true);
          expect(before!.achievedOn <= decision.achievedOn).toBe(true);
          if (ladderTopUp) continue;
          expect(meets[decision.outcome]).toContain(before!.outcome);
          const held = daysBetween(before!.achievedOn, decision.achievedOn);
          if (decision.outcome === "SUST") expect(held).toBeGreaterThanOrEqual(91);
          if (decision.outcome === "PT26") expect(held).toBeGreaterThanOrEqual(89);
        }
        for (const decision of decisions.values()) {
          if (decision.outcome === "ATT" && counted(decision)) {
            const claim = claims.find((entry) => entry.id === decision.claimId)!;
            expect(daysBetween(claim.enrolledOn!, decision.achievedOn)).toBeGreaterThanOrEqual(60);
          }
          if (decision.reason === "holding_period_not_met") expect(decision.message).toMatch(/earliest day it counts/);
        }
      }),
      RUNS,
    );
  });

  it("the decision files carry dependsOn as the decisions do (NDJSON, CSV, settlement JSON)", async () => {
    const text = async (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => {
      let joined = "";
      for await (const chunk of chunks) joined += new TextDecoder().decode(chunk);
      return joined;
    };
    await fc.assert(
      fc.asyncProperty(claimsArbitrary, async (claims) => {
        const settlement = settle(claims);
        const decisions = settlement.decisions!.toArray();
        const ndjson = await text(claimDecisionChunks(settlement.decisions!, "ndjson"));
        expect(ndjson).toBe(decisions.map((decision) => `${JSON.stringify(decision)}\n`).join(""));
        const csv = await text(claimDecisionChunks(settlement.decisions!, "csv"));
        expect(csv).toBe(await text(claimDecisionChunks(decisions, "csv")));
        const rows = csv.split("\r\n").slice(1, -1);
        const at = CLAIM_DECISION_CSV_COLUMNS.indexOf("dependsOn");
        expect(at).toBe(CLAIM_DECISION_CSV_COLUMNS.length - 1);
        rows.forEach((row, index) => expect(row.split(",").at(-1)).toBe(decisions[index]!.dependsOn ?? ""));
        expect(await text(claimSettlementJsonChunks(settlement))).toBe(JSON.stringify(settlement, null, 2));
      }),
      { numRuns: 60 },
    );
  });
});
