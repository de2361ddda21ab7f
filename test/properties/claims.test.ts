import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseContract,
  settleClaims,
  settleClaimsAsync,
  type Claim,
  type ClaimSettlement,
  type RateCard,
} from "../../src/index.js";
import { RUNS } from "../support/arbitraries.js";
import { cardContractJson, rateCard } from "../claims/support.js";

/**
 * Laws of claims settlement: no cap is exceeded; accepted amounts add up to every total; decisions do not
 * depend on the order of the claims; rejected claims pay nothing; a replayed file pays once.
 */

const FIRST = Date.UTC(2012, 1, 1) / 86_400_000;
const dateAt = (offset: number) => new Date((FIRST + offset) * 86_400_000).toISOString().slice(0, 10);
const CODES = ["ATT", "ENTRY", "SUST", "L1", "L2", "L3", "SKILLS", "BOGUS"];
const pence = (amount: string) => Math.round(Number(amount) * 100);

const claimArb = fc
  .record({
    id: fc.integer({ min: 0, max: 60 }),
    participant: fc.constantFrom("P1", "P2", "P3", "P4", "P5"),
    outcome: fc.constantFrom(...CODES),
    // Some claims crowd onto a few days, so that ties on the achieved date compete for the caps.
    achieved: fc.oneof(fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 400, max: 403 })),
    delay: fc.integer({ min: -3, max: 60 }),
    evidence: fc.constantFrom("a", "b"),
    enrolled: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
  })
  .map(
    ({ id, participant, outcome, achieved, delay, evidence, enrolled }): Claim => ({
      id: `c${id}`,
      participant,
      outcome,
      achievedOn: dateAt(achieved),
      claimedOn: dateAt(Math.max(achieved + delay, 0)),
      evidence,
      ...(enrolled === undefined ? {} : { enrolledOn: dateAt(enrolled) }),
    }),
  );

const cardArb = fc
  .record({
    perParticipant: fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: undefined }),
    perPeriod: fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: undefined }),
    contract: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }),
    entryVolume: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    claimPeriod: fc.constantFrom("month" as const, "quarter" as const),
  })
  .map(
    ({ perParticipant, perPeriod, contract, entryVolume, claimPeriod }): RateCard =>
      rateCard({
        claimPeriod,
        outcomes: rateCard().outcomes.map((outcome) =>
          outcome.code === "ENTRY" && entryVolume !== undefined ? { ...outcome, maxVolume: entryVolume } : outcome,
        ),
        caps: {
          ...(perParticipant === undefined ? {} : { perParticipant: `${perParticipant}.00` }),
          ...(perPeriod === undefined ? {} : { perPeriod: `${perPeriod}.50` }),
          ...(contract === undefined ? {} : { contract: `${contract}.00` }),
        },
      }),
  );

const scenarioArb = fc.record({ card: cardArb, claims: fc.array(claimArb, { maxLength: 40 }) });
const ASOF = "2015-06-30";
const settleWith = (card: RateCard, claims: readonly Claim[]) =>
  settleClaims(parseContract(cardContractJson(card)), claims, { asOf: ASOF });

/** The decisions as a sorted list, to compare settlements whose claims came in different orders. */
const sortedDecisions = (settlement: ClaimSettlement) =>
  [...(settlement.decisions ?? [])].map((decision) => JSON.stringify(decision)).sort();

describe("claims settlement laws", () => {
  it("no participant, outcome volume, period or contract total exceeds its cap", () => {
    fc.assert(
      fc.property(scenarioArb, ({ card, claims }) => {
        const result = settleWith(card, claims);
        const caps = card.caps ?? {};
        if (caps.perParticipant !== undefined)
          for (const entry of result.byParticipant)
            expect(pence(entry.amount.amount)).toBeLessThanOrEqual(pence(caps.perParticipant));
        if (caps.perPeriod !== undefined)
          for (const entry of result.byPeriod)
            expect(pence(entry.due.amount)).toBeLessThanOrEqual(pence(caps.perPeriod));
        if (caps.contract !== undefined) expect(pence(result.total.amount)).toBeLessThanOrEqual(pence(caps.contract));
        const volume = card.outcomes.find((outcome) => outcome.code === "ENTRY")?.maxVolume;
        if (volume !== undefined)
          expect(result.byOutcome.find((entry) => entry.outcome === "ENTRY")!.claimsPaid).toBeLessThanOrEqual(volume);
        for (const decision of result.decisions ?? []) {
          expect(pence(decision.amount.amount)).toBeLessThanOrEqual(pence(decision.priced?.amount ?? "0"));
          for (const cut of decision.cuts ?? [])
            if (cut.cap !== "outcome-volume")
              expect(pence(cut.usedBefore) + pence(cut.after)).toBeLessThanOrEqual(pence(cut.limit));
        }
      }),
      RUNS,
    );
  });

  it("the accepted amounts add up to the total, and so do the totals per participant, outcome, period and payer", () => {
    fc.assert(
      fc.property(scenarioArb, ({ card, claims }) => {
        const result = settleWith(card, claims);
        const decisions = result.decisions ?? [];
        const total = pence(result.total.amount);
        expect(decisions.reduce((sum, decision) => sum + pence(decision.amount.amount), 0)).toBe(total);
        expect(result.byParticipant.reduce((sum, entry) => sum + pence(entry.amount.amount), 0)).toBe(total);
        expect(result.byOutcome.reduce((sum, entry) => sum + pence(entry.amount.amount), 0)).toBe(total);
        expect(result.byPeriod.reduce((sum, entry) => sum + pence(entry.due.amount), 0)).toBe(total);
        expect(result.byPayer.reduce((sum, entry) => sum + pence(entry.due.amount), 0)).toBe(total);
        for (const period of result.byPeriod)
          expect(period.byPayer.reduce((sum, entry) => sum + pence(entry.due.amount), 0)).toBe(
            pence(period.due.amount),
          );
        for (const entry of result.byParticipant) {
          const own = decisions.filter((decision) => decision.participant === entry.participant);
          expect(own.reduce((sum, decision) => sum + pence(decision.amount.amount), 0)).toBe(
            pence(entry.amount.amount),
          );
          expect(own.filter((decision) => decision.status !== "rejected")).toHaveLength(entry.claimsPaid);
        }
        expect(result.counts.accepted + result.counts.acceptedInPart + result.counts.rejected).toBe(decisions.length);
      }),
      RUNS,
    );
  });

  it("decisions and totals are the same under any permutation of the claims", () => {
    fc.assert(
      fc.property(
        scenarioArb.chain(({ card, claims }) =>
          fc.record({
            card: fc.constant(card),
            claims: fc.constant(claims),
            shuffled: fc.shuffledSubarray(claims, { minLength: claims.length, maxLength: claims.length }),
          }),
        ),
        ({ card, claims, shuffled }) => {
          const original = settleWith(card, claims);
          const permuted = settleWith(card, shuffled);
          expect(sortedDecisions(permuted)).toEqual(sortedDecisions(original));
          // Everything but the list of decisions (which follows the reading order) is the same, down to the order of keys.
          expect(JSON.stringify({ ...permuted, decisions: undefined })).toBe(
            JSON.stringify({ ...original, decisions: undefined }),
          );
        },
      ),
      RUNS,
    );
  });

  it("a rejected claim never contributes money", () => {
    fc.assert(
      fc.property(scenarioArb, ({ card, claims }) => {
        const result = settleWith(card, claims);
        for (const decision of result.decisions ?? []) {
          if (decision.status === "rejected") expect(decision.amount.amount).toBe("0.00");
          else expect(pence(decision.amount.amount)).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it("replaying the claims (the same file twice) pays once", () => {
    fc.assert(
      fc.property(scenarioArb, ({ card, claims }) => {
        const once = settleWith(card, claims);
        const twice = settleWith(card, [...claims, ...claims.map((claim) => ({ ...claim }))]);
        expect(twice.decisions).toEqual(once.decisions);
        expect(twice.total).toEqual(once.total);
        expect(twice.counts).toEqual({
          ...once.counts,
          received: 2 * once.counts.received,
          repeatsIgnored: once.counts.received + once.counts.repeatsIgnored,
        });
      }),
      RUNS,
    );
  });

  it("streamed (async) and without decisions, the totals are the same", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ card, claims }) => {
        const contract = parseContract(cardContractJson(card));
        async function* stream() {
          yield* claims;
        }
        const sync = settleClaims(contract, claims, { asOf: ASOF });
        const streamed = await settleClaimsAsync(contract, stream(), { asOf: ASOF, keepDecisions: false });
        const { decisions: _decisions, ...totals } = sync;
        expect(streamed).toEqual(totals);
      }),
      { numRuns: 60 },
    );
  });

  it("the input claims are not changed, and the result is frozen", () => {
    fc.assert(
      fc.property(scenarioArb, ({ card, claims }) => {
        const before = JSON.stringify(claims);
        const result = settleWith(card, claims);
        expect(JSON.stringify(claims)).toBe(before);
        expect(Object.isFrozen(result)).toBe(true);
        expect(Object.isFrozen(result.total)).toBe(true);
        for (const decision of result.decisions ?? []) expect(Object.isFrozen(decision)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
