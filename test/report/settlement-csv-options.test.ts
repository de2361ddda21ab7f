import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract, parseEvents, settle, settlementToCsv, type Settlement } from "../../src/index.js";
import { csvField, type CsvSeparator, type SettlementCsvOptions } from "../../src/report/settlement-csv.js";
import { codesAndPaths } from "../support/refusal.js";
import { contractJson, payment, settleJson, verified } from "../support/contract-builder.js";
import { OptionsError } from "../../src/index.js";

/**
 * `settlementToCsv` for spreadsheets in other languages: the separator, the decimal mark and the byte-order mark,
 * the Italian preset, and the round trip: the file read back with its separator gives the settlement's amounts,
 * digit for digit.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const fisJson = (name: string): unknown =>
  JSON.parse(readFileSync(here(`../../examples/fis-dispersione/${name}`), "utf8"));
const fis = parseContract(fisJson("contract.json"));
const fisSettlement = settle(fis, parseEvents(fisJson("events.json"), { contract: fis }), { asOf: "2028-03-31" });

/** A settlement with a negative balance (an overpayment), a pending tranche and amounts with cents. */
const overpaid = settleJson(
  contractJson({
    tranches: [
      {
        id: "t1",
        covers: { period: "p1" },
        dueDate: "2027-11-30",
        pricing: { type: "rate", metric: "dropout", basis: "improvement", pricePerUnit: "10000.00" },
        payers: [{ party: "payer", share: "100%" }],
        recipients: [{ party: "provider", share: "100%" }],
      },
      {
        id: "t2",
        covers: { period: "p2" },
        dueDate: "2028-11-30",
        pricing: { type: "rate", metric: "dropout", basis: "improvement", pricePerUnit: "10000.00" },
        payers: [{ party: "payer", share: "100%" }],
        recipients: [{ party: "provider", share: "100%" }],
      },
    ],
  }),
  [
    verified("r1", "dropout", "p1", "19.123"),
    payment("pay1", "t1", "payer", "provider", "9000.55", "2027-12-10"),
    payment("pay2", "t2", "payer", "provider", "1234.56", "2028-01-10"),
  ],
  "2028-03-31",
);

/**
 * A reader of RFC 4180 text with a chosen separator, written apart from the library: fields in double quotes may
 * hold the separator, quotes (doubled) and line breaks; records end with CRLF.
 */
function readCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The amounts of the settlement's lines, in the CSV's order: earned, paid and balance ("" while pending). */
const amountsOf = (settlement: Settlement): string[][] =>
  settlement.tranches.flatMap((tranche) =>
    tranche.lines.map((line) => [line.earned?.amount ?? "", line.paid.amount, line.balance?.amount ?? ""]),
  );

/** The file read back: its rows by column name, the byte-order mark removed. */
function readBack(text: string, separator: string): Record<string, string>[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const [header, ...rows] = readCsv(body, separator);
  return rows.map((row) => Object.fromEntries(header!.map((name, index) => [name, row[index]!])));
}

describe("settlementToCsv: the default is unchanged", () => {
  it("no options, empty options and { locale: 'en' } write the same RFC 4180 text", () => {
    const text = settlementToCsv(fisSettlement);
    expect(
      text.startsWith("tranche,covers,due_date,payable_from,status,payer,recipient,currency,earned,paid,balance\r\n"),
    ).toBe(true);
    expect(settlementToCsv(fisSettlement, {})).toBe(text);
    expect(settlementToCsv(fisSettlement, { locale: "en" })).toBe(text);
    expect(settlementToCsv(fisSettlement, { separator: ",", decimalMark: ".", byteOrderMark: false })).toBe(text);
  });
});

describe("settlementToCsv for Italian Excel: { locale: 'it' }", () => {
  const text = settlementToCsv(overpaid, { locale: "it" });

  it("starts with a byte-order mark, separates with ';' and writes a decimal comma", () => {
    expect(
      text.startsWith(
        "\uFEFFtranche;covers;due_date;payable_from;status;payer;recipient;currency;earned;paid;balance\r\n",
      ),
    ).toBe(true);
    const lines = text.slice(1, -2).split("\r\n");
    // t1 earned 10000 × (20 − 19.123) = 8770.00; 9000.55 paid: paid, and the balance is negative
    expect(lines[1]).toBe("t1;period p1;2027-11-30;2027-11-30;paid;payer;provider;EUR;8770,00;9000,55;-230,55");
    // t2 is not yet due: earned and balance are empty, the payment made on it is shown
    expect(lines[2]).toBe("t2;period p2;2028-11-30;2028-11-30;not-yet-due;payer;provider;EUR;;1234,56;");
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("the amounts keep their digits: only the mark changes", () => {
    const rows = readBack(text, ";");
    expect(rows.map((row) => [row.earned, row.paid, row.balance])).toEqual(
      amountsOf(overpaid).map((line) => line.map((amount) => amount.replace(".", ","))),
    );
  });

  it("the preset's parts can be overridden one by one", () => {
    expect(settlementToCsv(overpaid, { locale: "it", byteOrderMark: false })).toBe(text.slice(1));
    const tabbed = settlementToCsv(overpaid, { locale: "it", separator: "\t" });
    expect(tabbed).toBe(text.replaceAll(";", "\t"));
    expect(settlementToCsv(overpaid, { locale: "it", decimalMark: "." })).toBe(
      `\uFEFF${settlementToCsv(overpaid, { separator: ";" })}`,
    );
  });
});

describe("settlementToCsv: the round trip", () => {
  const layouts = fc.record({
    separator: fc.constantFrom<CsvSeparator>(",", ";", "\t"),
    decimalMark: fc.constantFrom<"." | ",">(".", ","),
    byteOrderMark: fc.boolean(),
  });

  it("read back with its separator, every amount equals the settlement's once the mark is a point again", () => {
    fc.assert(
      fc.property(
        layouts.filter((layout) => layout.separator !== layout.decimalMark),
        fc.constantFrom(fisSettlement, overpaid),
        (layout: SettlementCsvOptions, settlement) => {
          const text = settlementToCsv(settlement, layout);
          expect(text.startsWith("\uFEFF")).toBe(layout.byteOrderMark);
          const rows = readBack(text, layout.separator!);
          const point = (amount: string) => (layout.decimalMark === "," ? amount.replace(",", ".") : amount);
          expect(rows.map((row) => [point(row.earned!), point(row.paid!), point(row.balance!)])).toEqual(
            amountsOf(settlement),
          );
          // and every other column as the default file has it
          const plain = readBack(settlementToCsv(settlement), ",");
          const rest = (row: Record<string, string>) => ({ ...row, earned: "", paid: "", balance: "" });
          expect(rows.map(rest)).toEqual(plain.map(rest));
        },
      ),
    );
  });

  it("the FIS example in Italian: each amount is the settlement's, with a comma", () => {
    const rows = readBack(settlementToCsv(fisSettlement, { locale: "it" }), ";");
    expect(rows).toHaveLength(amountsOf(fisSettlement).length);
    for (const [index, [earned, paid, balance]] of amountsOf(fisSettlement).entries()) {
      expect(rows[index]).toMatchObject({ earned: earned!.replace(".", ","), paid: paid!.replace(".", ",") });
      expect(rows[index]!.balance).toBe(balance!.replace(".", ","));
    }
  });
});

describe("csvField quotes as RFC 4180 says, for the chosen separator", () => {
  it("a field with the separator, a quote or a line break is quoted, its quotes doubled; others are as they are", () => {
    expect(csvField("a,b", ",")).toBe('"a,b"');
    expect(csvField("a,b", ";")).toBe("a,b");
    expect(csvField("a;b", ";")).toBe('"a;b"');
    expect(csvField("a\tb", "\t")).toBe('"a\tb"');
    expect(csvField('say "hi"', ";")).toBe('"say ""hi"""');
    expect(csvField("two\r\nlines", "\t")).toBe('"two\r\nlines"');
    expect(csvField("1234,56", ";")).toBe("1234,56");
  });

  it("any row of any texts reads back as it was written, with each separator", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CsvSeparator>(",", ";", "\t"),
        fc.array(fc.array(fc.string({ unit: fc.constantFrom("a", ",", ";", "\t", '"', "\r", "\n", " ", "é") })), {
          minLength: 1,
        }),
        (separator, rows) => {
          // an empty row is a blank line, which a reader of records cannot tell from none: give each row a field
          const written = rows.map((row) => (row.length === 0 ? ["x"] : row));
          const text = `${written.map((row) => row.map((field) => csvField(field, separator)).join(separator)).join("\r\n")}\r\n`;
          expect(readCsv(text, separator)).toEqual(written);
        },
      ),
    );
  });
});

describe("settlementToCsv refuses options it cannot write with, listing every problem", () => {
  const refused = (options: unknown) =>
    codesAndPaths(OptionsError, () => settlementToCsv(fisSettlement, options as SettlementCsvOptions));

  it("each bad option at its path", () => {
    expect(refused("it")).toEqual([["invalid_options", "$"]]);
    expect(refused([])).toEqual([["invalid_options", "$"]]);
    expect(refused({ locale: "fr" })).toEqual([["unknown_locale", "$.locale"]]);
    expect(refused({ separator: "|" })).toEqual([["invalid_separator", "$.separator"]]);
    expect(refused({ decimalMark: "·" })).toEqual([["invalid_decimal_mark", "$.decimalMark"]]);
    expect(refused({ byteOrderMark: "yes" })).toEqual([["invalid_type", "$.byteOrderMark"]]);
    expect(refused({ delimiter: ";" })).toEqual([["unknown_option", "$.delimiter"]]);
    expect(refused({ locale: "de", separator: " ", bom: true })).toEqual([
      ["unknown_locale", "$.locale"],
      ["invalid_separator", "$.separator"],
      ["unknown_option", "$.bom"],
    ]);
  });

  it("a decimal comma between commas: separator_is_decimal_mark, at the option that was given", () => {
    expect(refused({ decimalMark: "," })).toEqual([["separator_is_decimal_mark", "$.decimalMark"]]);
    expect(refused({ locale: "it", separator: "," })).toEqual([["separator_is_decimal_mark", "$.separator"]]);
    expect(() => settlementToCsv(fisSettlement, { decimalMark: "," })).toThrow(
      'a decimal comma needs another separator between fields: ";" or a tab ("\\t"), as { locale: "it" } gives',
    );
  });

  it("the options are read, never changed", () => {
    const options = Object.freeze({ locale: "it" as const });
    expect(settlementToCsv(fisSettlement, options).startsWith("\uFEFF")).toBe(true);
    expect(options).toEqual({ locale: "it" });
  });
});
