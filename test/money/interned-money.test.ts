import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedUnits } from "../../src/money/exact-units.js";
import { internedMoney, moneyTable, UnitsTable, unitsText } from "../../src/money/interned-money.js";

describe("money of minor units held in numbers", () => {
  it("unitsText writes what fixedUnits writes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 4 }),
        (units, places) => {
          expect(unitsText(units, places)).toBe(fixedUnits(BigInt(units), places));
        },
      ),
    );
    expect(unitsText(-0, 2)).toBe("0.00");
    expect(() => unitsText(0.5, 2)).toThrow(RangeError);
  });

  it("a table gives frozen money of the amount, the same object for an amount asked again", () => {
    const table = moneyTable(2, "EUR");
    const money = table.get(123450);
    expect(money).toEqual({ amount: "1234.50", currency: "EUR" });
    expect(Object.isFrozen(money)).toBe(true);
    expect(table.get(123450)).toBe(money);
    expect(table.get(-0)).toBe(table.get(0));
    expect(table.get(-0).amount).toBe("0.00");
    // amounts in one slot replace each other, and each is still right
    expect(table.get(1_021 + 5).amount).toBe("10.26");
    expect(table.get(5).amount).toBe("0.05");
    expect(table.get(1_021 + 5).amount).toBe("10.26");
  });

  it("a table of any values by amount, of any size, makes a value once while it is kept", () => {
    let made = 0;
    const texts = new UnitsTable((units) => {
      made += 1;
      return `#${units}`;
    }, 7);
    expect([texts.get(3), texts.get(3), texts.get(-4), texts.get(10), texts.get(3)]).toEqual([
      "#3",
      "#3",
      "#-4",
      "#10",
      "#3",
    ]);
    expect(made).toBe(4); // 10 took the slot of 3 (10 % 7 = 3), so 3 was made again
    expect(texts.get(10)).toBe("#10");
  });

  it("internedMoney keeps a table per currency and minor digits", () => {
    const eur = internedMoney(100, 2, "EUR");
    expect(internedMoney(100, 0, "JPY")).toEqual({ amount: "100", currency: "JPY" });
    expect(internedMoney(100, 3, "EUR")).toEqual({ amount: "0.100", currency: "EUR" });
    expect(internedMoney(100, 2, "EUR")).toBe(eur);
    expect(eur).toEqual({ amount: "1.00", currency: "EUR" });
  });
});
