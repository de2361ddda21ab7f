import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkProfile, OptionsError, parseContract, profileText } from "../../src/index.js";

/** checkProfile reads its options as an object; its report is frozen and the library's own (see profileText). */

const fis = parseContract(
  JSON.parse(readFileSync(new URL("../../examples/fis-dispersione/contract.json", import.meta.url), "utf8")),
);

/** The code and path of each issue of the OptionsError `call` throws. */
function refusal(call: () => unknown): string[][] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return (error as OptionsError).issues.map((found) => [found.code, found.at]);
  }
  throw new Error("expected an OptionsError");
}

describe("checkProfile", () => {
  it("options that are not an object: invalid_options, at the root of the options", () => {
    for (const options of [null, "it", ["it"]])
      expect(refusal(() => checkProfile(fis, "fis", options as never))).toEqual([["invalid_options", "$"]]);
  });

  it("an unknown profile and locale are reported together, with the locale described safely", () => {
    expect(refusal(() => checkProfile(fis, "life" as never, { locale: Object.create(null) }))).toEqual([
      ["unknown_profile", "$.profile"],
      ["unknown_locale", "$.locale"],
    ]);
  });

  it("returns a frozen report that profileText writes", () => {
    const report = checkProfile(fis, "fis", { locale: "it" });
    expect(Object.isFrozen(report)).toBe(true);
    expect(profileText(report)).toMatch(/^Profilo FIS di /);
  });
});
