import { describe, expect, it } from "vitest";
import {
  ClaimsError,
  ContractError,
  OptionsError,
  ValidationError,
  parseContract,
  settleClaims,
  settleClaimsAsync,
  type Claim,
} from "../../src/index.js";
import { contractIssues, contractJson, withValue } from "../support/contract-builder.js";
import { CARD_CONTRACT, cardContractJson, claim, rateCard } from "./support.js";

/** Every error a user can meet with rate cards and claims: code, path and words. */

function thrown(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected an error to be thrown");
}

const claimsIssues = (claims: readonly unknown[]) => {
  const error = thrown(() => settleClaims(CARD_CONTRACT, claims as Claim[], { asOf: "2015-12-31" }));
  expect(error).toBeInstanceOf(ClaimsError);
  expect(error.name).toBe("ClaimsError");
  return error.issues;
};

describe("malformed claims: a ClaimsError listing every problem with the claim's index", () => {
  it("a missing field", () => {
    const { evidence: _evidence, ...bare } = claim("ENTRY", "2013-01-10");
    expect(claimsIssues([claim("ENTRY", "2013-01-10"), bare])).toEqual([
      { path: [1, "evidence"], at: "$[1].evidence", code: "required", message: '"evidence" is required' },
    ]);
  });

  it("a date that is not a calendar date, and a bad id, in one claim", () => {
    expect(
      claimsIssues([claim("ENTRY", "2013-02-29", { id: "no spaces" })]).map((entry) => [
        entry.at,
        entry.code,
        entry.message,
      ]),
    ).toEqual([
      [
        "$[0].id",
        "invalid_id",
        "an id is made of letters, digits, '.', '_', ':' or '-', and starts with a letter or digit",
      ],
      ["$[0].achievedOn", "invalid_date", 'expected a real calendar date as YYYY-MM-DD, e.g. "2027-08-31"'],
    ]);
  });

  it("a field of the wrong type", () => {
    expect(claimsIssues([{ ...claim("ENTRY", "2013-01-10"), participant: 7 }])).toEqual([
      {
        path: [0, "participant"],
        at: "$[0].participant",
        code: "invalid_type",
        message: '"participant" must be a string',
      },
    ]);
  });

  it("an unknown key (a misspelt field)", () => {
    const { enrolledOn: _enrolled, ...rest } = claim("ENTRY", "2013-01-10");
    expect(claimsIssues([{ ...rest, enroledOn: "2012-09-01" }])[0]).toMatchObject({
      at: "$[0].enroledOn",
      code: "unknown_key",
    });
  });

  it("a claim that is not an object", () => {
    expect(claimsIssues(["ENTRY"])[0]).toMatchObject({ at: "$[0]", code: "invalid_type" });
  });

  it("settleClaimsAsync rejects with the same error", async () => {
    async function* claims() {
      yield { ...claim("ENTRY", "2013-01-10"), achievedOn: "2013-13-10" };
    }
    await expect(settleClaimsAsync(CARD_CONTRACT, claims(), { asOf: "2015-12-31" })).rejects.toBeInstanceOf(
      ClaimsError,
    );
  });
});

describe("options", () => {
  it("asOf must be a calendar date", () => {
    const error = thrown(() => settleClaims(CARD_CONTRACT, [], { asOf: "31/12/2015" }));
    expect(error).toBeInstanceOf(OptionsError);
    expect(error.issues).toEqual([
      {
        path: ["asOf"],
        at: "$.asOf",
        code: "invalid_date",
        message: 'asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"',
      },
    ]);
  });

  it("keepDecisions must be true or false", () => {
    expect(
      thrown(() => settleClaims(CARD_CONTRACT, [], { asOf: "2015-12-31", keepDecisions: "no" as unknown as boolean }))
        .issues[0],
    ).toMatchObject({ at: "$.keepDecisions", code: "invalid_type" });
  });

  it("the participant register: a bad date and a participant listed twice", () => {
    const error = thrown(() =>
      settleClaims(CARD_CONTRACT, [], {
        asOf: "2015-12-31",
        participants: [
          { id: "P1", enrolledOn: "2012-09-31" },
          { id: "P2", enrolledOn: "2012-09-01" },
          { id: "P2", enrolledOn: "2012-09-01" },
        ],
      }),
    );
    expect(error.issues.map((entry) => [entry.at, entry.code])).toEqual([
      ["$.participants[0].enrolledOn", "invalid_date"],
      ["$.participants[2].id", "duplicate_id"],
    ]);
  });
});

describe("the contract", () => {
  it("a contract without a rate card cannot settle claims", () => {
    const error = thrown(() => settleClaims(parseContract(contractJson()), [], { asOf: "2015-12-31" }));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.issues).toEqual([
      {
        path: ["rateCard"],
        at: "$.rateCard",
        code: "required",
        message: 'the contract has no "rateCard": settleClaims settles the claims of a rate card',
      },
    ]);
  });

  it("a hand-built contract is checked before use", () => {
    expect(
      thrown(() =>
        settleClaims(withValue(cardContractJson(), ["rateCard", "payers"], []) as never, [], { asOf: "2015-12-31" }),
      ),
    ).toBeInstanceOf(ContractError);
  });

  it("a contract without a rate card still needs a metric and a tranche", () => {
    expect(contractIssues(withValue(contractJson(), ["tranches"], []))).toEqual([
      { path: ["tranches"], at: "$.tranches", code: "empty", message: "a contract needs at least one payment tranche" },
    ]);
    expect(contractIssues({ ...contractJson(), metrics: [], tranches: [] }).map((entry) => entry.at)).toEqual([
      "$.metrics",
      "$.tranches",
    ]);
  });
});

describe("rate card checks (parseContract)", () => {
  const card = rateCard();
  const issuesOf = (changes: object) =>
    contractIssues(cardContractJson({ ...card, ...changes } as never)).map((entry) => ({
      at: entry.at,
      code: entry.code,
      message: entry.message,
    }));
  const outcomes = (change: (list: Record<string, unknown>[]) => void) => {
    const list = structuredClone(card.outcomes) as unknown as Record<string, unknown>[];
    change(list);
    return issuesOf({ outcomes: list });
  };

  it("duplicate outcome code", () => {
    expect(outcomes((list) => (list[6]!.code = "ATT"))).toEqual([
      {
        at: "$.rateCard.outcomes[6].code",
        code: "duplicate_id",
        message: 'outcome code "ATT" is already used by rateCard.outcomes[0]',
      },
    ]);
  });

  it("unknown prerequisite", () => {
    expect(outcomes((list) => (list[2]!.requires = "ENTRI"))).toEqual([
      {
        at: "$.rateCard.outcomes[2].requires",
        code: "unknown_outcome",
        message: 'unknown outcome "ENTRI": declare it under rateCard.outcomes',
      },
    ]);
  });

  it("an outcome that requires itself, and a cycle of prerequisites", () => {
    expect(outcomes((list) => (list[1]!.requires = "ENTRY"))[0]).toMatchObject({
      at: "$.rateCard.outcomes[1].requires",
      code: "prerequisite_cycle",
      message: 'outcome "ENTRY" cannot require itself',
    });
    expect(outcomes((list) => (list[1]!.requires = "SUST")).map((entry) => [entry.at, entry.code])).toEqual([
      ["$.rateCard.outcomes[1].requires", "prerequisite_cycle"],
      ["$.rateCard.outcomes[2].requires", "prerequisite_cycle"],
    ]);
  });

  it("a window from a prerequisite on an outcome that requires none", () => {
    expect(outcomes((list) => (list[0]!.window = { months: 6, from: "prerequisite" }))).toEqual([
      {
        at: "$.rateCard.outcomes[0].window.from",
        code: "window_without_prerequisite",
        message: 'outcome "ATT" has a window from its prerequisite but requires no outcome',
      },
    ]);
  });

  it("price changes out of date order", () => {
    expect(
      outcomes(
        (list) =>
          (list[1]!.priceChanges = [
            { from: "2014-04-01", price: "3300.00" },
            { from: "2014-04-01", price: "3000.00" },
          ]),
      ),
    ).toEqual([
      {
        at: "$.rateCard.outcomes[1].priceChanges[1].from",
        code: "dates_not_increasing",
        message: "price changes must be listed in increasing date order: 2014-04-01 is not after 2014-04-01",
      },
    ]);
  });

  it("prices: negative, below the penny, too large", () => {
    expect(outcomes((list) => (list[0]!.price = "-1.00"))[0]).toMatchObject({
      code: "negative_amount",
      at: "$.rateCard.outcomes[0].price",
    });
    expect(outcomes((list) => (list[0]!.price = "1400.005"))[0]).toMatchObject({
      code: "sub_minor_unit",
      message: "the price 1400.005 has more than 2 decimal places for GBP",
    });
    expect(outcomes((list) => (list[0]!.price = "100000000000000.00"))[0]).toMatchObject({
      code: "amount_too_large",
      message:
        "the price 100000000000000.00 is too large: an amount in GBP is at most 9999999999999.99 (below 10^15 minor units), the largest every function of the library computes exactly",
    });
  });

  it("a claim count that is not a whole number", () => {
    expect(outcomes((list) => (list[6]!.maxClaimsPerParticipant = 1.5))[0]).toMatchObject({
      at: "$.rateCard.outcomes[6].maxClaimsPerParticipant",
      message: "expected the number of claims per participant as a whole number",
    });
  });

  it("exclusive groups: unknown outcome, an outcome in two groups, a duplicate group id", () => {
    expect(issuesOf({ exclusiveGroups: [{ id: "nqf", outcomes: ["L1", "L4"] }] })).toEqual([
      {
        at: "$.rateCard.exclusiveGroups[0].outcomes[1]",
        code: "unknown_outcome",
        message: 'unknown outcome "L4": declare it under rateCard.outcomes',
      },
    ]);
    expect(
      issuesOf({
        exclusiveGroups: [
          { id: "a", outcomes: ["L1", "L2"] },
          { id: "b", outcomes: ["L2", "L3"] },
        ],
      }),
    ).toEqual([
      {
        at: "$.rateCard.exclusiveGroups[1].outcomes[0]",
        code: "outcome_in_two_groups",
        message: 'outcome "L2" is already in exclusive group "a": an outcome belongs to at most one group',
      },
    ]);
    expect(
      issuesOf({
        exclusiveGroups: [
          { id: "a", outcomes: ["L1", "L2"] },
          { id: "a", outcomes: ["ATT", "L3"] },
        ],
      })[0],
    ).toMatchObject({ at: "$.rateCard.exclusiveGroups[1].id", code: "duplicate_id" });
  });

  it("caps in money", () => {
    expect(
      issuesOf({ caps: { perParticipant: "-5.00", perPeriod: "1.001", contract: "x" } }).map((entry) => [
        entry.at,
        entry.code,
      ]),
    ).toEqual([["$.rateCard.caps.contract", "invalid_decimal"]]);
    expect(
      issuesOf({ caps: { perParticipant: "-5.00", perPeriod: "1.001" } }).map((entry) => [entry.at, entry.code]),
    ).toEqual([
      ["$.rateCard.caps.perParticipant", "negative_amount"],
      ["$.rateCard.caps.perPeriod", "sub_minor_unit"],
    ]);
  });

  it("payers: unknown party, not a payer, listed twice, shares not adding up to 100%", () => {
    expect(
      issuesOf({
        payers: [
          { party: "dwq", share: "70%" },
          { party: "provider", share: "20%" },
          { party: "provider", share: "5%" },
        ],
      }),
    ).toEqual([
      {
        at: "$.rateCard.payers[0].party",
        code: "unknown_party",
        message: 'unknown party "dwq": declare it under parties',
      },
      {
        at: "$.rateCard.payers[1].party",
        code: "not_a_payer",
        message: 'party "provider" pays the rate card but lacks the role outcome-payer',
      },
      {
        at: "$.rateCard.payers[2].party",
        code: "not_a_payer",
        message: 'party "provider" pays the rate card but lacks the role outcome-payer',
      },
      { at: "$.rateCard.payers[2].party", code: "duplicate_party", message: 'party "provider" is listed twice' },
      { at: "$.rateCard.payers", code: "shares_not_100", message: "the payers' shares add up to 95%, not 100%" },
    ]);
  });

  it("structure: a claim period outside the list, an empty card, an unknown key", () => {
    expect(issuesOf({ claimPeriod: "week" })).toEqual([
      { at: "$.rateCard.claimPeriod", code: "invalid_choice", message: "expected a claim period: month or quarter" },
    ]);
    expect(issuesOf({ outcomes: [] })[0]).toMatchObject({
      at: "$.rateCard.outcomes",
      message: "a rate card needs at least one outcome",
    });
    expect(issuesOf({ capPerParticipant: "1.00" })[0]).toMatchObject({ at: "$.rateCard", code: "unknown_key" });
  });
});
