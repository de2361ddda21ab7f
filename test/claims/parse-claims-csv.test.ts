import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  ClaimsError,
  OptionsError,
  parseClaimsCsv,
  settleClaims,
  settleClaimsAsync,
  type Contract,
} from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";

const file = new URL("../../examples/rate-card/claims-sample.csv", import.meta.url).pathname;
const HEADER = "id,participant,outcome,achievedOn,claimedOn,evidence\n";

describe("parseClaimsCsv: claims from a CSV text, anywhere", () => {
  it("reads the example's claims exactly as readClaimsCsv reads the file", async () => {
    const fromFile: unknown[] = [];
    for await (const claim of readClaimsCsv(file)) fromFile.push(claim);
    const fromText = parseClaimsCsv(readFileSync(file, "utf8"));
    expect(fromText.length).toBe(200);
    expect(fromText).toEqual(fromFile);
  });

  it("takes the same separator option", () => {
    const claims = parseClaimsCsv(`${HEADER.replaceAll(",", ";")}C1;P1;EMP-ENTRY;2013-01-10;2013-01-20;EV-1\n`, {
      separator: ";",
    });
    expect(claims.map((claim) => [claim.id, claim.participant, claim.achievedOn])).toEqual([
      ["C1", "P1", "2013-01-10"],
    ]);
  });

  it("lists every row that cannot be read, with its line, in one ClaimsError", () => {
    const text = `${HEADER}C1,P1,EMP-ENTRY,2013-02-30,2013-03-01,EV-1\nC2,P2,EMP-ENTRY,2013-01-10\n`;
    const error = (() => {
      try {
        parseClaimsCsv(text);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ClaimsError);
    expect((error as ClaimsError).issues.map((found) => found.at)).toEqual(["$.line[2].achievedOn", "$.line[3]"]);
  });

  it("refuses a source that is not text, and bad options, with an OptionsError", () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(OptionsError);
        return (error as OptionsError).issues.map((found) => `${found.at} ${found.code}`);
      }
      return [];
    };
    expect(codeOf(() => parseClaimsCsv(new Uint8Array([1]) as unknown as string))).toEqual(["$.text invalid_source"]);
    expect(codeOf(() => parseClaimsCsv(HEADER, { separator: "|" as ";" }))).toEqual(["$.separator invalid_separator"]);
  });
});

describe("settleClaims and settleClaimsAsync: claims that cannot be read one by one", () => {
  const contract = JSON.parse(
    readFileSync(new URL("../../examples/rate-card/contract.json", import.meta.url), "utf8"),
  ) as Contract;

  it.each([
    ["an object with a length", { length: 0 }],
    ["a text", "C1,P1"],
    ["null", null],
  ])("refuses %s as the claims with an ArgumentError not_iterable at $.claims", async (_, claims) => {
    for (const run of [
      () => settleClaims(contract, claims as never, { asOf: "2015-09-30" }),
      () => settleClaimsAsync(contract, claims as never, { asOf: "2015-09-30" }),
    ]) {
      const error = await (async () => {
        try {
          await run();
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ArgumentError);
      expect((error as ArgumentError).issues.map((found) => `${found.at} ${found.code}`)).toEqual([
        "$.claims not_iterable",
      ]);
    }
  });
});
