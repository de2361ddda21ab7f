import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract, parseEvents, settle, toIndigo } from "../../src/index.js";
import { scenarioArb } from "../support/arbitraries.js";

/**
 * The INDIGO export, validated against the standard's project schema (test/fixtures/indigo/project.schema.json,
 * version 4.1, copied into the repository with its source). The standard leaves objects open; the tests close every object the schema describes
 * (`additionalProperties: false`), so a misspelt INDIGO field fails here instead of being silently ignored.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const indigoSchema = JSON.parse(readFileSync(here("../fixtures/indigo/project.schema.json"), "utf8")) as Record<
  string,
  unknown
>;

function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === "enum" ? value : closed(value)]),
  );
  if ("properties" in copy && copy.type === "object" && !("additionalProperties" in copy))
    copy.additionalProperties = false;
  return copy;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const { $id: _id, $schema: _schema, ...rest } = closed(indigoSchema) as Record<string, unknown>;
const validate = ajv.compile(rest);
const problems = (project: unknown) =>
  validate(project) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`);

const contract = parseContract(JSON.parse(readFileSync(here("../../examples/fis-dispersione/contract.json"), "utf8")));
const events = parseEvents(JSON.parse(readFileSync(here("../../examples/fis-dispersione/events.json"), "utf8")), {
  contract,
});

type Row = {
  type: { value: string };
  money: { amount: { value: number } };
  payer_organisation_id: { value: string };
  recipient_organisation_id: { value: string };
};

describe("toIndigo", () => {
  const settlement = settle(contract, events, { asOf: "2028-03-31" });
  const project = toIndigo(contract, settlement) as Record<string, unknown>;

  it("produces a project the INDIGO schema accepts", () => {
    expect(problems(project)).toEqual([]);
  });

  it("is checked strictly: a misspelt INDIGO field would fail the schema", () => {
    expect(problems({ ...project, outcome_metric: [] }).length).toBeGreaterThan(0);
    expect(problems({ ...project, name: { valeu: "x" } }).length).toBeGreaterThan(0);
  });

  it("fills name, dates, metrics and pricings from the contract", () => {
    expect(project.name).toEqual({ value: contract.title });
    expect(project.status).toBe("PRIVATE");
    expect(project.dates).toMatchObject({
      start_date_of_service_provision: { value: "2026-09-01" },
      anticipated_end_date_of_service_provision: { value: "2029-12-31" },
      anticipated_completion_date: { value: "2029-11-30" },
    });
    expect(project.outcome_metrics).toEqual([
      expect.objectContaining({
        id: "dropout-rate",
        unit_description_of_service_user_or_beneficiaries: { value: "% of enrolled pupils" },
      }),
    ]);
    const pricings = project.outcome_pricings as {
      price_description: { value: string };
      maximum_price_if_all_targets_achieved: { amount: { value: string } };
    }[];
    expect(pricings).toHaveLength(3);
    expect(pricings[0]!.price_description.value).toBe(
      "tranche t1 (Prima tranche, a.s. 2026/27), due 2027-11-30: linear in the relative improvement of dropout-rate through (5%, 120000.00), (15%, 240000.00); nothing below the first point",
    );
    expect(pricings[0]!.maximum_price_if_all_targets_achieved).toEqual({ amount: { value: "240000.00" } });
  });

  it("reports the verified result known on the date, and the payments planned and made, with the same figures as the settlement", () => {
    // as of 2028-03-31: the restated 17.9% for 2026/27 is verified; 186,000.00 earned, 204,000.00 paid
    expect(project.results).toEqual([
      expect.objectContaining({
        outcome_metric_id: { value: "dropout-rate" },
        result_type: { value: "Interim" },
        outcomes_achieved: expect.objectContaining({ value: expect.stringMatching(/^17\.9 /) }),
      }),
    ]);
    const rows = project.outcome_payments as Row[];
    const total = (type: string) =>
      rows
        .filter((row) => row.type.value === type)
        .reduce((acc, row) => acc + Math.round(row.money.amount.value * 100), 0);
    expect(total("Planned")).toBe(18_600_000);
    expect(total("Actual")).toBe(20_400_000);
    const planned = rows
      .filter((row) => row.type.value === "Planned")
      .map((row) => [row.payer_organisation_id.value, row.recipient_organisation_id.value, row.money.amount.value]);
    // 186,000 × 70% = 130,200 → 80% investor 104,160, 20% coop 26,040; × 30% = 55,800 → 44,640 and 11,160
    expect(planned).toEqual([
      ["fis", "investor", 104160],
      ["fis", "coop", 26040],
      ["comune", "investor", 44640],
      ["comune", "coop", 11160],
    ]);
  });

  it("records the outcome payments the investor received as transactions of its investment", () => {
    const transactions = project.transactions as {
      investment_id: { value: string };
      transaction_type: { value: string };
      money: { amount: { value: number } };
    }[];
    expect(transactions.length).toBeGreaterThan(0);
    expect(
      transactions.every(
        (row) => row.investment_id.value === "investment-investor" && row.transaction_type.value === "Outcome Payment",
      ),
    ).toBe(true);
    expect(project.investments).toEqual([
      expect.objectContaining({ id: "investment-investor", organisation_id: { value: "investor" } }),
    ]);
  });

  it("with a finance section, records each investor's commitment and its drawdowns", () => {
    const investors = parseContract(
      JSON.parse(readFileSync(here("../../examples/fis-investors/contract.json"), "utf8")),
    );
    const exported = toIndigo(investors, settle(investors, [], { asOf: "2027-12-31" })) as Record<string, unknown>;
    expect(problems(exported)).toEqual([]);
    const byId = new Map(
      (exported.investments as { id: string; investment_commitment?: { amount: { exact: { value: number } } } }[]).map(
        (entry) => [entry.id, entry],
      ),
    );
    for (const entry of investors.finance!.investors) {
      expect(byId.get(`investment-${entry.party}`)?.investment_commitment?.amount.exact.value).toBe(
        Number(entry.commitment),
      );
    }
    const drawn = (
      exported.transactions as {
        investment_id: { value: string };
        transaction_type: { value: string };
        money: { amount: { value: number } };
      }[]
    ).filter((row) => row.transaction_type.value === "Other");
    const drawnCents = drawn.reduce((acc, row) => acc + Math.round(row.money.amount.value * 100), 0);
    const expected = investors
      .finance!.investors.flatMap((entry) => entry.drawdowns)
      .reduce((acc, drawdown) => acc + Math.round(Number(drawdown.amount) * 100), 0);
    expect(drawnCents).toBe(expected);
  });

  it("uses INDIGO organisation ids and the publication status when given", () => {
    const published = toIndigo(contract, settlement, {
      status: "PUBLIC",
      organisationIds: { fis: "INDIGO-ORG-9001" },
    }) as Record<string, unknown>;
    expect(problems(published)).toEqual([]);
    expect(published.status).toBe("PUBLIC");
    expect(JSON.stringify(published.outcome_payments)).toContain("INDIGO-ORG-9001");
    expect(JSON.stringify(published)).not.toContain('"PRIVATE"');
  });

  it("validates against the schema for any generated contract and history, with Actual payments adding up to what was paid", () => {
    fc.assert(
      fc.property(scenarioArb(), ({ contract: json, events: history, asOf }) => {
        const parsed = parseContract(json);
        const result = settle(parsed, parseEvents(history, { contract: parsed }), { asOf });
        const exported = toIndigo(parsed, result) as Record<string, unknown>;
        expect(problems(exported)).toEqual([]);
        const actual = (exported.outcome_payments as Row[]).filter((row) => row.type.value === "Actual");
        expect(actual.reduce((acc, row) => acc + Math.round(row.money.amount.value * 100), 0)).toBe(
          Math.round(Number(result.totals.paid.amount) * 100),
        );
      }),
      { numRuns: 100 },
    );
  });
});
