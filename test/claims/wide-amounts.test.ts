import { describe, expect, it } from "vitest";
import { parseContract } from "../../src/index.js";
import { amounts, cardContractJson, claim, decisionOf, rateCard, settle } from "./support.js";

/**
 * The settlement keeps a claim's amounts in 32-bit integers when every price and cap of the card fits them
 * (minor units up to 2^31 - 1), and in 64-bit floats otherwise: both ways give the same decisions.
 */
const MILLION = "000000";

/** The default card with every price and cap a million times larger: far beyond 32-bit minor units. */
function scaledContract() {
  const card = rateCard();
  return parseContract(
    cardContractJson({
      ...card,
      outcomes: card.outcomes.map((outcome) => ({
        ...outcome,
        price: outcome.price.replace(".", `${MILLION}.`),
        ...(outcome.priceChanges === undefined
          ? {}
          : {
              priceChanges: outcome.priceChanges.map((change) => ({
                ...change,
                price: change.price.replace(".", `${MILLION}.`),
              })),
            }),
      })),
      caps: { perParticipant: `11700${MILLION}.00` },
    }),
  );
}

const scaled = (amount: string) => (amount === "0.00" ? amount : amount.replace(".", `${MILLION}.`));

describe("amounts beyond 32 bits (a card whose prices and caps do not fit them)", () => {
  it("scaling every price and cap by a million scales every amount, cut and total, and nothing else changes", () => {
    const claims = [
      claim("ATT", "2013-01-10", { id: "att" }),
      claim("ENTRY", "2014-05-10", { id: "entry" }),
      claim("SUST", "2014-08-10", { id: "sust" }),
      claim("L1", "2013-06-10", { id: "l1" }),
      claim("L3", "2013-07-10", { id: "l3" }),
      claim("L2", "2013-08-10", { id: "l2" }),
      claim("SKILLS", "2013-08-10", { id: "skills" }),
    ];
    const usual = settle(claims);
    const wide = settle(claims, scaledContract());
    expect(amounts(wide)).toEqual(Object.fromEntries(Object.entries(amounts(usual)).map(([id, a]) => [id, scaled(a)])));
    expect(wide.total.amount).toBe(scaled(usual.total.amount));
    expect(wide.counts).toEqual(usual.counts);
    expect(wide.rejectedByReason).toEqual(usual.rejectedByReason);
    expect(decisionOf(wide, "l2")).toMatchObject({
      status: "rejected",
      reason: "superseded_in_group",
      message: expect.stringContaining(`GBP 5,100,000,000.00`),
    });
    expect(decisionOf(wide, "skills").status).toBe(decisionOf(usual, "skills").status);
  });
});
