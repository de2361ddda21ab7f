/**
 * Builders for the claims tests: a small rate card contract as plain JSON-like data (GBP), and claims.
 *
 * The default card: ATT 1,400.00 (within 12 months of enrolment); ENTRY 3,500.00, 3,300.00 from 2014-04-01;
 * SUST 2,000.00, only after ENTRY and within 6 months of it; a ladder L1 1,100.00 < L2 3,300.00 < L3 5,100.00;
 * SKILLS 900.00, up to twice per participant. Cap per participant 11,700.00. Paid 70% by "dwp", 30% by
 * "council", by calendar quarter of the claimed date.
 */
import {
  parseContract,
  settleClaims,
  type Claim,
  type ClaimDecision,
  type ClaimSettlement,
  type Contract,
  type RateCard,
} from "../../src/index.js";

export function rateCard(overrides: Partial<RateCard> = {}): RateCard {
  return {
    claimPeriod: "quarter",
    outcomes: [
      { code: "ATT", name: "Improved attendance", price: "1400.00", window: { months: 12, from: "enrolment" } },
      {
        code: "ENTRY",
        name: "Entry into employment",
        price: "3500.00",
        priceChanges: [{ from: "2014-04-01", price: "3300.00" }],
      },
      {
        code: "SUST",
        name: "Sustained employment",
        price: "2000.00",
        requires: "ENTRY",
        window: { months: 6, from: "prerequisite" },
      },
      { code: "L1", name: "NQF level 1", price: "1100.00" },
      { code: "L2", name: "NQF level 2", price: "3300.00" },
      { code: "L3", name: "NQF level 3", price: "5100.00" },
      { code: "SKILLS", name: "Basic skills", price: "900.00", maxClaimsPerParticipant: 2 },
    ],
    exclusiveGroups: [{ id: "nqf", outcomes: ["L1", "L2", "L3"] }],
    caps: { perParticipant: "11700.00" },
    payers: [
      { party: "dwp", share: "70%" },
      { party: "council", share: "30%" },
    ],
    ...overrides,
  };
}

export function cardContractJson(card: RateCard = rateCard(), overrides: Partial<Contract> = {}): Contract {
  return structuredClone({
    id: "youth-fund",
    title: "Youth outcomes fund",
    currency: "GBP",
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2012-04-01", end: "2015-09-30" },
    parties: [
      { id: "dwp", name: "Department for Work and Pensions", roles: ["outcome-payer"] },
      { id: "council", name: "County council", roles: ["outcome-payer"] },
      { id: "provider", name: "Provider", roles: ["provider"] },
    ],
    metrics: [],
    periods: [],
    tranches: [],
    rateCard: card,
    ...overrides,
  } as Contract);
}

export const CARD_CONTRACT = parseContract(cardContractJson());

let counter = 0;
/**
 * A claim; by default participant P1 enrolled 2012-09-01, claimed 10 days after it was achieved. An override
 * set to `undefined` removes the field.
 */
export function claim(
  outcome: string,
  achievedOn: string,
  overrides: { readonly [K in keyof Claim]?: Claim[K] | undefined } = {},
): Claim {
  counter += 1;
  const achieved = new Date(`${achievedOn}T00:00:00Z`);
  const claimedOn = new Date(achieved.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
  const made: Record<string, unknown> = {
    id: `c${String(counter).padStart(5, "0")}`,
    participant: "P1",
    outcome,
    achievedOn,
    claimedOn,
    evidence: `ev-${counter}`,
    enrolledOn: "2012-09-01",
    ...overrides,
  };
  for (const key of Object.keys(made)) if (made[key] === undefined) delete made[key];
  return made as unknown as Claim;
}

export function settle(
  claims: readonly Claim[],
  contract: Contract = CARD_CONTRACT,
  asOf = "2015-12-31",
): ClaimSettlement {
  return settleClaims(contract, claims, { asOf });
}

/** The decision on the claim with this id; fails the test when there is none. */
export function decisionOf(settlement: ClaimSettlement, id: string): ClaimDecision {
  const found = settlement.decisions?.find((decision) => decision.claimId === id);
  if (found === undefined) throw new Error(`no decision for claim "${id}"`);
  return found;
}

/** `{ claimId: amount }` of every decision (its decimal), for compact assertions. */
export function amounts(settlement: ClaimSettlement): Record<string, string> {
  return Object.fromEntries((settlement.decisions ?? []).map((decision) => [decision.claimId, decision.amount.amount]));
}
