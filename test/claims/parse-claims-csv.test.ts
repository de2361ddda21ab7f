import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ClaimsError, OptionsError, parseClaimsCsv } from "../../src/index.js";
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
    expect(claims.map((claim) => [claim.id, claim.participant, claim.achievedOn])).toEqual([["C1", "P1", "2013-01-10"]]);
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
