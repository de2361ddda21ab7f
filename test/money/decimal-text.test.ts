import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measureText } from "../../src/money/decimal-text.js";
import { Dec, plain } from "../../src/money/decimal.js";

/** A measured number written out without a decimal library, as the private decimal type wrote it. */

describe("measureText", () => {
  it("writes every number as the decimal type's plain text of its shortest form", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.double({ min: -1e-6, max: 1e-6 })), (value) => {
        expect(measureText(value)).toBe(plain(new Dec(String(value))));
      }),
      { numRuns: 20_000 },
    );
    for (const value of [1e-7, 1.5e21, -2.5e-12, 1e300, 5e-324, -0, 0, 1e21, 123456789012345680000])
      expect(measureText(value), String(value)).toBe(plain(new Dec(String(value))));
    expect(measureText(1e-7)).toBe("0.0000001");
    expect(measureText(1e21)).toBe("1000000000000000000000");
  });

  it("keeps a string as written", () => {
    expect(measureText("12.50")).toBe("12.50");
  });
});
