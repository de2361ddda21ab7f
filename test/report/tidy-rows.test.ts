import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  OptionsError,
  add,
  lineRows,
  measure,
  measurementRows,
  parseContract,
  parseEvents,
  partyTotalRows,
  percentileRows,
  rowsToCsv,
  settle,
  settlementToCsv,
  simulate,
  simulationRows,
  trancheRows,
  zero,
  type Money,
} from "../../src/index.js";
import { codesAndPaths } from "../support/refusal.js";

/** Tidy rows for analysts: one plain object per row, money as { amount, currency }, and their CSV. */

const example = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));
const fis = parseContract(example("fis-dispersione/contract.json"));
const settlement = settle(fis, parseEvents(example("fis-dispersione/events.json"), { contract: fis }), {
  asOf: "2028-03-31",
});
const investors = parseContract(example("fis-investors/contract.json"));
const simulation = simulate(investors, {
  runs: 200,
  seed: 11,
  results: [{ metric: "dropout-rate", distribution: { type: "triangular", min: 15, mode: 17.5, max: 20.5 } }],
});
const isMoney = (value: unknown, currency: string) =>
  value !== null &&
  typeof value === "object" &&
  Object.keys(value).join() === "amount,currency" &&
  (value as Money).currency === currency;

/** A CSV's lines as fields (the rows here hold no quotes). */
const parse = (text: string, separator: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.split(separator));

describe("rows of a settlement", () => {
  it("one row per tranche, with the tranche's own figures", () => {
    const rows = trancheRows(settlement);
    expect(rows).toHaveLength(settlement.tranches.length);
    rows.forEach((row, index) => {
      const tranche = settlement.tranches[index]!;
      expect(row.tranche).toBe(tranche.id);
      expect(row.period ?? `cohort ${row.cohort}`).toBe(
        "period" in tranche.covers ? tranche.covers.period : `cohort ${tranche.covers.cohort}`,
      );
      expect(row.paid).toBe(tranche.amountPaid);
      expect(row.earned).toBe(tranche.amountEarned);
      expect(isMoney(row.paid, "EUR")).toBe(true);
    });
  });

  it("the lines are settlementToCsv's rows, amount for amount", () => {
    const rows = lineRows(settlement);
    const csv = parse(settlementToCsv(settlement), ",");
    expect(rows).toHaveLength(csv.length - 1);
    rows.forEach((row, index) => {
      const [tranche, , dueDate, payableFrom, status, payer, recipient, currency, earned, paid, balance] =
        csv[index + 1]!;
      expect([row.tranche, row.dueDate, row.payableFrom, row.status, row.payer, row.recipient]).toEqual([
        tranche,
        dueDate,
        payableFrom,
        status,
        payer,
        recipient,
      ]);
      expect([row.earned?.amount ?? "", row.paid.amount, row.balance?.amount ?? ""]).toEqual([earned, paid, balance]);
      expect(row.paid.currency).toBe(currency);
    });
  });

  it("the totals by party are the lines added up, payer by payer and recipient by recipient", () => {
    const lines = lineRows(settlement);
    for (const total of partyTotalRows(settlement)) {
      const own = lines.filter((line) => (total.side === "payer" ? line.payer : line.recipient) === total.party);
      expect(own.reduce((sum, line) => add(sum, line.paid), zero("EUR"))).toEqual(total.paid);
      expect(isMoney(total.balance, "EUR")).toBe(true);
    }
    expect(partyTotalRows(settlement).map((row) => `${row.side} ${row.party}`)).toEqual([
      ...settlement.totals.byPayer.map((total) => `payer ${total.party}`),
      ...settlement.totals.byRecipient.map((total) => `recipient ${total.party}`),
    ]);
  });

  it("refuses what settle did not return", () => {
    for (const rows of [trancheRows, lineRows, partyTotalRows])
      expect(codesAndPaths(ArgumentError, () => rows({ ...settlement }))).toEqual([
        ["not_a_settlement", "$.settlement"],
      ]);
  });
});

describe("rows of a simulation", () => {
  it("one row per distribution: total payments, each payer's cost, each investor's net", () => {
    const rows = simulationRows(simulation);
    expect(rows.map((row) => [row.measure, row.party])).toEqual([
      ["total-payments", null],
      ...simulation.byPayer.map((payer) => ["payer-cost", payer.party]),
      ...simulation.investors.map((investor) => ["investor-net", investor.party]),
    ]);
    expect(rows[0]).toEqual({
      measure: "total-payments",
      party: null,
      runs: 200,
      mean: simulation.totalPayments.mean,
      min: simulation.totalPayments.min,
      max: simulation.totalPayments.max,
      probabilityOfLoss: null,
    });
    const investor = rows.find((row) => row.measure === "investor-net")!;
    expect(investor.probabilityOfLoss).toBe(simulation.investors[0]!.probabilityOfLoss);
  });

  it("one row per distribution and percentile, amounts then IRRs", () => {
    const rows = percentileRows(simulation);
    const amounts = rows.filter((row) => row.measure !== "investor-irr");
    expect(amounts).toHaveLength(simulationRows(simulation).length * 5);
    expect(amounts.filter((row) => row.measure === "total-payments").map((row) => [row.p, row.amount])).toEqual(
      simulation.totalPayments.percentiles.map((entry) => [entry.p, entry.amount]),
    );
    const irrs = rows.filter((row) => row.measure === "investor-irr");
    expect(irrs).toHaveLength(simulation.investors.reduce((n, inv) => n + inv.irr.percentiles.length, 0));
    for (const row of irrs) expect(row.amount).toBeNull();
    expect(() => percentileRows(JSON.parse(JSON.stringify(simulation)))).toThrow(ArgumentError);
  });
});

describe("rows of measurements", () => {
  const comparison = measure({
    estimator: "comparison",
    better: "lower",
    scale: 100,
    treatment: { outcome: "binary", n: 600, successes: 51 },
    comparison: { outcome: "binary", n: 650, successes: 91 },
  });
  const level = measure({
    estimator: "level",
    better: "lower",
    treatment: { outcome: "count", events: 3, exposure: 90 },
  });

  it("one row each, named by index or by key, with the figures", () => {
    expect(measurementRows([comparison, level]).map((row) => row.name)).toEqual(["0", "1"]);
    const [row] = measurementRows({ c2026: comparison });
    expect(row).toMatchObject({
      name: "c2026",
      estimator: "comparison",
      method: "two-proportion-z",
      effect: comparison.effect,
      lower: comparison.interval.lower,
      upper: comparison.interval.upper,
      pOneSided: comparison.pValue!.oneSided,
      degreesOfFreedom: null,
    });
    expect(measurementRows([level])[0]!.counterfactual).toBeNull();
  });

  it("lists every entry that is not a measurement", () => {
    expect(codesAndPaths(ArgumentError, () => measurementRows([comparison, { ...level }, {} as never]))).toEqual([
      ["not_a_measurement", "$.measurements[1]"],
      ["not_a_measurement", "$.measurements[2]"],
    ]);
    expect(codesAndPaths(ArgumentError, () => measurementRows({ a: { ...level } }))).toEqual([
      ["not_a_measurement", "$.measurements.a"],
    ]);
    expect(codesAndPaths(ArgumentError, () => measurementRows(null as never))).toEqual([
      ["invalid_type", "$.measurements"],
    ]);
  });
});

describe("rowsToCsv", () => {
  it("writes every kind of rows, with the first row's fields as header and the currency last", () => {
    const csv = rowsToCsv(lineRows(settlement));
    const [header, first] = parse(csv, ",");
    expect(header).toEqual([...Object.keys(lineRows(settlement)[0]!), "currency"]);
    expect(first!.at(-1)).toBe("EUR");
    for (const rows of [
      trancheRows(settlement),
      partyTotalRows(settlement),
      simulationRows(simulation),
      percentileRows(simulation),
    ]) {
      const lines = parse(rowsToCsv(rows), ",");
      expect(lines).toHaveLength(rows.length + 1);
      for (const line of lines) expect(line).toHaveLength(lines[0]!.length);
    }
    const irr = percentileRows(simulation).find((row) => row.measure === "investor-irr")!;
    expect(parse(rowsToCsv([irr]), ",")[0]).not.toContain("currency"); // no money, no currency column
    const both = percentileRows(simulation).filter((row) => row.p === 50 && row.party === "investor");
    expect(parse(rowsToCsv(both), ",").map((line) => line.at(-1))).toEqual(["currency", "EUR", ""]);
  });

  it("Italian: semicolons, a decimal comma, a byte-order mark; the same digits", () => {
    const rows = partyTotalRows(settlement);
    const italian = rowsToCsv(rows, { locale: "it" });
    expect(italian.startsWith("\uFEFFside;party;earned;paid;balance;currency\r\n")).toBe(true);
    parse(italian, ";")
      .slice(1)
      .forEach((line, index) => expect(line[3]).toBe(rows[index]!.paid.amount.replace(".", ",")));
    expect(rowsToCsv(rows, { separator: "\t" }).split("\r\n")[0]).toBe("side\tparty\tearned\tpaid\tbalance\tcurrency");
  });

  it("numbers as plain decimals with the decimal mark, never with an exponent", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const [, [field]] = parse(rowsToCsv([{ x }], { locale: "it" }), ";") as [string[], string[]];
        expect(field).not.toMatch(/e/i);
        expect(Number(field!.replace(",", "."))).toBe(x === 0 ? 0 : x);
      }),
    );
    expect(rowsToCsv([{ p: 1.2e-7, ok: true, note: null }])).toBe("p,ok,note\r\n0.00000012,true,\r\n");
    expect(rowsToCsv([])).toBe("");
    expect(rowsToCsv([], { locale: "it" })).toBe("\uFEFF");
  });

  it("lists every problem of the rows, and of the options", () => {
    const eur = { amount: "1.00", currency: "EUR" };
    const usd = { amount: "1.00", currency: "USD" };
    expect(
      codesAndPaths(ArgumentError, () =>
        rowsToCsv([{ a: eur, b: 1 }, { b: 1, a: eur }, { a: eur, b: Number.NaN }, { a: eur, b: usd }, 3 as never]),
      ),
    ).toEqual([
      ["invalid_row", "$.rows[1]"],
      ["invalid_value", "$.rows[2].b"],
      ["mixed_currencies", "$.rows[3]"],
      ["invalid_row", "$.rows[4]"],
    ]);
    expect(codesAndPaths(ArgumentError, () => rowsToCsv("rows" as never))).toEqual([["invalid_type", "$.rows"]]);
    expect(() => rowsToCsv([], { sep: ";" } as never)).toThrow(OptionsError);
    expect(() => rowsToCsv([], { sep: ";" } as never)).toThrow(/rowsToCsv takes/);
  });
});
