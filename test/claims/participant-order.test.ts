import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claim, settle } from "./support.js";

/** The totals per participant are listed in the order of the participant ids as strings compare. */

const idArbitrary = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,12}$/);

describe("totals per participant, in id order", () => {
  it("any ids, of any lengths, come out as JavaScript sorts the strings", () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArbitrary, { minLength: 1, maxLength: 40 }), (ids) => {
        const settlement = settle(ids.map((participant) => claim("ENTRY", "2013-01-10", { participant })));
        expect(settlement.byParticipant.map((entry) => entry.participant)).toEqual([...ids].sort());
      }),
      { numRuns: 100 },
    );
  });

  it("ids longer than 64 characters too (sorted by comparison); a long id claimed twice is one participant", () => {
    const long = (tail: string) => `P${"0".repeat(70)}${tail}`;
    const ids = [long("b"), "P2", long("a"), "P10", long(""), "P0000000000000000x", "P0000000000000000y"];
    const claims = ids.flatMap((participant) => [
      claim("ENTRY", "2013-01-10", { participant }),
      claim("L1", "2013-02-10", { participant }),
    ]);
    const settlement = settle(claims);
    expect(settlement.byParticipant.map((entry) => entry.participant)).toEqual([...ids].sort());
    expect(settlement.byParticipant.map((entry) => entry.claimsPaid)).toEqual(ids.map(() => 2));
  });
});
