import { describe, expect, it } from "vitest";
import {
  ContractError,
  explain,
  OptionsError,
  parseContract,
  termsInForce,
  type Amendment,
  type Contract,
} from "../../src/index.js";
import {
  codesAt,
  contractIssues,
  contractJson,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/**
 * Amendments: a new price from a date, a revised target for later periods, a new cap. The default contract's
 * periods are p1 (from 2026-09-01), p2 (from 2027-09-01) and p3 (from 2028-09-01).
 */

const A1: Amendment = {
  id: "A1",
  description: "price per point raised to EUR 30,000 from the 2027/28 school year",
  agreedOn: "2027-06-30",
  effectiveFrom: "2027-09-01",
  changes: [{ parameter: "pricePerPoint", value: "30000.00" }],
};

const A2: Amendment = {
  id: "A2",
  description: "revised target for the third year: pay only from 3 points of reduction, at most EUR 70,000",
  agreedOn: "2028-05-15",
  effectiveFrom: "2028-09-01",
  changes: [
    {
      tranche: "t3",
      pricing: { type: "formula", expression: "if(improvement.dropout >= 3, improvement.dropout * pricePerPoint, 0)" },
    },
    { tranche: "t3", cap: "70000.00" },
  ],
};

const formula = { type: "formula" as const, expression: "improvement.dropout * pricePerPoint" };
const amended = contractJson({
  parameters: { pricePerPoint: "25000.00" },
  tranches: [
    tranche({ id: "t1", covers: { period: "p1" }, dueDate: "2027-11-30", pricing: formula }),
    tranche({ id: "t2", covers: { period: "p2" }, dueDate: "2028-11-30", pricing: formula }),
    tranche({ id: "t3", covers: { period: "p3" }, dueDate: "2029-11-30", pricing: formula }),
  ],
  amendments: [A1, A2],
});
const events = [
  verified("r1", "dropout", "p1", "17.6", "2027-10-15"),
  verified("r2", "dropout", "p2", "17.6", "2028-10-15"),
  verified("r3", "dropout", "p3", "17.0", "2029-10-15"),
];

describe("amendments", () => {
  it("settle uses the terms in force for each tranche's period and says so", () => {
    const settlement = settleJson(amended, events, "2029-12-31");
    // p1 before A1: 2.4 × 25,000; p2 under A1: 2.4 × 30,000; p3 under A1 and A2: 3.0 × 30,000 = 90,000, capped at 70,000.
    expect(trancheOf(settlement, "t1").amountEarned?.amount).toBe("60000.00");
    expect(trancheOf(settlement, "t2").amountEarned?.amount).toBe("72000.00");
    expect(trancheOf(settlement, "t3").amountPriced?.amount).toBe("90000.00");
    expect(trancheOf(settlement, "t3").amountEarned?.amount).toBe("70000.00");
    expect(trancheOf(settlement, "t1").trace.some((step) => step.kind === "terms")).toBe(false);
    expect(trancheOf(settlement, "t3").trace[0]).toEqual({
      kind: "terms",
      amendments: [
        { id: "A1", description: A1.description, agreedOn: "2027-06-30", effectiveFrom: "2027-09-01" },
        { id: "A2", description: A2.description, agreedOn: "2028-05-15", effectiveFrom: "2028-09-01" },
      ],
    });
    expect(explain(settlement)).toContain(
      "Terms in force: as amended by A1 (agreed 2027-06-30, effective from 2027-09-01: price per point raised to EUR 30,000 from the 2027/28 school year); then A2",
    );
  });

  it("an amendment agreed after the settlement date does not count as known", () => {
    const settlement = settleJson(amended, events.slice(0, 2), "2027-05-31");
    expect(trancheOf(settlement, "t2").trace.some((step) => step.kind === "terms")).toBe(false);
    const later = settleJson(amended, events.slice(0, 2), "2028-12-31");
    expect(trancheOf(later, "t2").amountEarned?.amount).toBe("72000.00");
  });

  it("a period starting before the effective date keeps the original terms, one starting on it takes the new", () => {
    const contract = parseContract(amended);
    expect(termsInForce(contract, "p1").amendments).toEqual([]);
    expect(termsInForce(contract, "p1").terms).toBe(contract);
    expect(termsInForce(contract, "p2").terms.parameters).toEqual({ pricePerPoint: "30000.00" });
    expect(termsInForce(contract, "p3").amendments.map((amendment) => amendment.id)).toEqual(["A1", "A2"]);
    expect(termsInForce(contract, "p3", { asOf: "2028-01-01" }).amendments.map((amendment) => amendment.id)).toEqual([
      "A1",
    ]);
  });

  it("the original and every amendment remain visible in the parsed contract", () => {
    const contract = parseContract(amended);
    expect(contract.parameters).toEqual({ pricePerPoint: "25000.00" });
    expect(contract.tranches[2]!.pricing).toEqual(formula);
    expect(contract.amendments).toEqual([A1, A2]);
  });

  it("a later amendment of the same term wins, in order of effective date", () => {
    const contract = parseContract({
      ...amended,
      amendments: [
        {
          ...A1,
          id: "late",
          effectiveFrom: "2028-09-01",
          changes: [{ parameter: "pricePerPoint", value: "35000.00" }],
        },
        A1,
      ],
    });
    expect(termsInForce(contract, "p3").terms.parameters?.pricePerPoint).toBe("35000.00");
    expect(termsInForce(contract, "p2").terms.parameters?.pricePerPoint).toBe("30000.00");
  });

  it("a cohort takes the amendments effective on or before its enrolment start; a cohort without one keeps the original", () => {
    const contract = parseContract({
      ...amended,
      cohorts: [{ id: "c2027", enrolledFrom: "2027-09-01" }, { id: "open" }],
      tranches: [...amended.tranches, tranche({ id: "tc", covers: { cohort: "c2027" }, pricing: formula })],
    });
    expect(termsInForce(contract, { cohort: "c2027" }).amendments.map((amendment) => amendment.id)).toEqual(["A1"]);
    expect(termsInForce(contract, { cohort: "open" }).amendments).toEqual([]);
  });
});

describe("amendment errors", () => {
  const withChange = (change: unknown) =>
    contractJson({ ...amended, amendments: [{ ...A1, changes: [change] }] } as never);

  it("unknown parameter", () => {
    const issues = contractIssues(withChange({ parameter: "pricePerPunt", value: "1" }));
    expect(codesAt(issues)).toEqual([{ code: "unknown_parameter", at: "$.amendments[0].changes[0].parameter" }]);
    expect(issues[0]!.message).toBe(
      'unknown parameter "pricePerPunt": an amendment changes a parameter declared under parameters',
    );
  });

  it("a parameter changing kind", () => {
    const issues = contractIssues(withChange({ parameter: "pricePerPoint", value: { text: "high" } }));
    expect(codesAt(issues)).toEqual([{ code: "parameter_kind", at: "$.amendments[0].changes[0].value" }]);
    expect(issues[0]!.message).toBe('parameter "pricePerPoint" is a decimal, and an amendment must keep it so');
  });

  it("unknown formula", () => {
    const issues = contractIssues(withChange({ formula: "bonus", expression: "1" }));
    expect(codesAt(issues)).toEqual([{ code: "unknown_formula", at: "$.amendments[0].changes[0].formula" }]);
  });

  it("unknown tranche", () => {
    const issues = contractIssues(withChange({ tranche: "t9", cap: "1.00" }));
    expect(codesAt(issues)).toEqual([{ code: "unknown_tranche", at: "$.amendments[0].changes[0].tranche" }]);
    expect(issues[0]!.message).toBe('unknown tranche "t9": declare it under tranches');
  });

  it("a tranche change that changes nothing", () => {
    const issues = contractIssues(withChange({ tranche: "t1" }));
    expect(codesAt(issues)).toEqual([{ code: "empty_change", at: "$.amendments[0].changes[0]" }]);
  });

  it("an amended rule or cap is checked like the original, at the amendment's path", () => {
    const issues = contractIssues(
      withChange({
        tranche: "t1",
        cap: "10.001",
        pricing: { type: "rate", metric: "dropuot", basis: "value", pricePerUnit: "1" },
      }),
    );
    expect(codesAt(issues)).toEqual([
      { code: "unknown_metric", at: "$.amendments[0].changes[0].pricing.metric" },
      { code: "sub_minor_unit", at: "$.amendments[0].changes[0].cap" },
    ]);
  });

  it("an amended formula is type-checked", () => {
    const issues = contractIssues(
      withChange({ tranche: "t1", pricing: { type: "formula", expression: "pricePerPont * 2" } }),
    );
    expect(codesAt(issues)).toEqual([
      { code: "formula_unknown_name", at: "$.amendments[0].changes[0].pricing.expression" },
    ]);
  });

  it("termsInForce of a period or cohort the contract does not have, or with a bad asOf", () => {
    const contract = parseContract(amended);
    try {
      termsInForce(contract, "p9", { asOf: "2027-02-30" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      expect((error as OptionsError).issues.map((found) => [found.code, found.at, found.message])).toEqual([
        ["unknown_coverage", "$.covers", '"p9" is not a period (by id) or { period } / { cohort } of the contract'],
        ["invalid_date", "$.asOf", 'asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"'],
      ]);
    }
  });

  it("termsInForce checks a hand-built contract first", () => {
    expect(() => termsInForce({ ...amended, currency: "EURO" } as Contract, "p1")).toThrow(ContractError);
  });

  it("duplicate amendment id", () => {
    const issues = contractIssues(contractJson({ ...amended, amendments: [A1, A1] } as never));
    expect(codesAt(issues)).toEqual([{ code: "duplicate_id", at: "$.amendments[1].id" }]);
  });
});
