import { describe, expect, it } from "vitest";
import { ContractError, parseContract, safeParseContract, type PricingRule } from "../../src/index.js";
import {
  DEFAULT_RULE,
  PARTIES,
  codesAt,
  contractIssues,
  contractJson,
  metric,
  tranche,
  withValue,
  without,
} from "../support/contract-builder.js";

/**
 * Every message a user can meet when a contract is wrong: the issue's code, its JSON path, and the words.
 * Each case starts from the minimal valid contract of test/support and breaks one thing.
 */

const base = contractJson();
const pricing = (rule: unknown) => withValue(base, ["tranches", 0, "pricing"], rule);
const oneIssue = (input: unknown) => {
  const issues = contractIssues(input);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};

describe("parseContract: references between parts", () => {
  it("the minimal contract of the tests is valid", () => {
    expect(safeParseContract(base).success).toBe(true);
  });

  it("unknown metric in a rule", () => {
    const found = oneIssue(pricing({ ...DEFAULT_RULE, metric: "dropuot" }));
    expect(found).toMatchObject({
      code: "unknown_metric",
      at: "$.tranches[0].pricing.metric",
      path: ["tranches", 0, "pricing", "metric"],
    });
    expect(found.message).toBe('unknown metric "dropuot": declare it under metrics');
  });

  it("unknown metric in a metric cap (a key that is not an identifier is quoted in the path)", () => {
    const found = oneIssue(withValue(base, ["caps"], { perMetric: { "reading-score": "1000.00" } }));
    expect(found).toMatchObject({ code: "unknown_metric", at: '$.caps.perMetric["reading-score"]' });
  });

  it("unknown party in a tranche", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "payers"], [{ party: "regione", share: "100%" }]));
    expect(found).toMatchObject({ code: "unknown_party", at: "$.tranches[0].payers[0].party" });
    expect(found.message).toBe('unknown party "regione": declare it under parties');
  });

  it("unknown party in a payer cap", () => {
    expect(oneIssue(withValue(base, ["caps"], { perPayer: { ghost: "100.00" } }))).toMatchObject({
      code: "unknown_party",
      at: "$.caps.perPayer.ghost",
    });
  });

  it("not a payer: a tranche paid by a party without the outcome-payer role", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "payers"], [{ party: "provider", share: "100%" }]));
    expect(found).toMatchObject({ code: "not_a_payer", at: "$.tranches[0].payers[0].party" });
    expect(found.message).toBe('party "provider" pays this tranche but lacks the role outcome-payer');
  });

  it("not a payer: a payer cap on a party that does not pay", () => {
    const found = oneIssue(withValue(base, ["caps"], { perPayer: { investor: "100.00" } }));
    expect(found).toMatchObject({ code: "not_a_payer", at: "$.caps.perPayer.investor" });
    expect(found.message).toContain("has a payer cap but lacks the role outcome-payer");
  });

  it("not a recipient: a verifier cannot receive a tranche", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "recipients"], [{ party: "evaluator", share: "100%" }]));
    expect(found).toMatchObject({ code: "not_a_recipient", at: "$.tranches[0].recipients[0].party" });
    expect(found.message).toBe(
      'party "evaluator" receives this tranche but is not a provider, investor or intermediary',
    );
  });

  it("a party listed twice in one share list", () => {
    const issues = contractIssues(
      withValue(
        base,
        ["tranches", 0, "payers"],
        [
          { party: "payer", share: "50%" },
          { party: "payer", share: "50%" },
        ],
      ),
    );
    expect(codesAt(issues)).toEqual([{ code: "duplicate_party", at: "$.tranches[0].payers[1].party" }]);
    expect(issues[0]?.message).toBe('party "payer" is listed twice');
  });

  it("unknown period", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "covers"], { period: "p9" }));
    expect(found).toMatchObject({ code: "unknown_period", at: "$.tranches[0].covers.period" });
    expect(found.message).toBe('unknown period "p9": declare it under periods');
  });

  it("unknown cohort", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "covers"], { cohort: "c2026" }));
    expect(found).toMatchObject({ code: "unknown_cohort", at: "$.tranches[0].covers.cohort" });
    expect(found.message).toBe('unknown cohort "c2026": declare it under cohorts');
  });

  it("no outcome payer among the parties", () => {
    const issues = contractIssues(withValue(base, ["parties", 0, "roles"], ["beneficiary"]));
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "no_outcome_payer",
        at: "$.parties",
        message: "no party has the role outcome-payer: someone must pay for the outcomes",
      }),
    );
    expect(codesAt(issues)).toContainEqual({ code: "not_a_payer", at: "$.tranches[0].payers[0].party" });
  });

  it("duplicate ids", () => {
    const parties = oneIssue(
      withValue(base, ["parties"], [...PARTIES, { id: "provider", name: "Another provider", roles: ["provider"] }]),
    );
    expect(parties).toMatchObject({ code: "duplicate_id", at: "$.parties[4].id" });
    expect(parties.message).toBe('party id "provider" is already used by parties[1]');
    const tranches = oneIssue(withValue(base, ["tranches"], [tranche(), tranche({ covers: { period: "p2" } })]));
    expect(tranches).toMatchObject({
      code: "duplicate_id",
      at: "$.tranches[1].id",
      message: 'tranche id "t1" is already used by tranches[0]',
    });
    expect(oneIssue(withValue(base, ["metrics"], [metric(), metric()]))).toMatchObject({
      code: "duplicate_id",
      at: "$.metrics[1].id",
    });
  });
});

describe("parseContract: money and currency", () => {
  it("currency unknown", () => {
    const found = oneIssue(withValue(base, ["currency"], "EURO"));
    expect(found).toMatchObject({ code: "unknown_currency", at: "$.currency" });
    expect(found.message).toBe('"EURO" is not an ISO 4217 currency code the library knows (e.g. EUR, GBP, USD)');
  });

  it("money below the currency's minor unit (EUR has 2 decimals)", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "cap"], "10.005"));
    expect(found).toMatchObject({ code: "sub_minor_unit", at: "$.tranches[0].cap" });
    expect(found.message).toBe("the tranche cap 10.005 has more than 2 decimal places for EUR");
  });

  it("money below the minor unit of a zero-decimal currency, and fine in a three-decimal one", () => {
    const yen = withValue(withValue(base, ["currency"], "JPY"), ["caps"], { contract: "1500.50" });
    expect(oneIssue(yen)).toMatchObject({
      code: "sub_minor_unit",
      at: "$.caps.contract",
      message: "the contract cap 1500.50 has more than 0 decimal places for JPY",
    });
    const dinar = withValue(withValue(base, ["currency"], "KWD"), ["tranches", 0, "cap"], "10.005");
    expect(safeParseContract(dinar).success).toBe(true);
  });

  it("float money: a JSON number where money is expected", () => {
    const cap = oneIssue(withValue(base, ["tranches", 0, "cap"], 1500));
    expect(cap).toMatchObject({ code: "float_money", at: "$.tranches[0].cap" });
    expect(cap.message).toBe(
      'money must be a decimal string such as "1500.00", not a JSON number: numbers are binary floats and can lose cents',
    );
    const price = oneIssue(pricing({ ...DEFAULT_RULE, pricePerUnit: 3500 }));
    expect(price).toMatchObject({ code: "float_money", at: "$.tranches[0].pricing.pricePerUnit" });
    expect(price.message).toContain("decimal string");
  });

  it("money written with a thousands separator or a currency sign", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "cap"], "€1,500.00"));
    expect(found).toMatchObject({ code: "invalid_decimal", at: "$.tranches[0].cap" });
    expect(found.message).toBe(
      'expected money as a plain decimal string, e.g. "1500.00" (no currency sign, no thousands separator)',
    );
  });

  it("negative amounts", () => {
    const tier = oneIssue(
      pricing({ type: "tiers", metric: "dropout", basis: "improvement", tiers: [{ from: 1, amount: "-100.00" }] }),
    );
    expect(tier).toMatchObject({
      code: "negative_amount",
      at: "$.tranches[0].pricing.tiers[0].amount",
      message: "a tier amount cannot be negative",
    });
    const price = oneIssue(pricing({ ...DEFAULT_RULE, pricePerUnit: "-10.00" }));
    expect(price).toMatchObject({
      code: "negative_amount",
      at: "$.tranches[0].pricing.pricePerUnit",
      message: "a price per unit cannot be negative",
    });
    const cap = oneIssue(withValue(base, ["caps"], { contract: "-1.00" }));
    expect(cap).toMatchObject({
      code: "negative_amount",
      at: "$.caps.contract",
      message: "the contract cap cannot be negative",
    });
    const saving = oneIssue(
      pricing({
        type: "savings-share",
        metric: "dropout",
        basis: "improvement",
        savingPerUnit: "-2607.00",
        share: "95%",
      }),
    );
    expect(saving).toMatchObject({ code: "negative_amount", at: "$.tranches[0].pricing.savingPerUnit" });
  });

  it("floor above cap", () => {
    const found = oneIssue(
      withValue(withValue(base, ["tranches", 0, "floor"], "200000.00"), ["tranches", 0, "cap"], "100000.00"),
    );
    expect(found).toMatchObject({
      code: "floor_above_cap",
      at: "$.tranches[0].floor",
      message: "the floor 200000.00 is above the cap 100000.00",
    });
  });
});

describe("parseContract: pricing rules", () => {
  it("overlapping tiers", () => {
    const found = oneIssue(
      pricing({
        type: "tiers",
        metric: "dropout",
        basis: "improvement",
        tiers: [
          { from: 0, to: 10, amount: "1000.00" },
          { from: 5, to: 15, amount: "2000.00" },
        ],
      }),
    );
    expect(found).toMatchObject({ code: "overlapping_tiers", at: "$.tranches[0].pricing.tiers[1]" });
    expect(found.message).toBe("tier 2 (from 5) overlaps tier 1; tiers are [from, to) bands and must not overlap");
  });

  it("overlapping tiers: the message counts tiers from 1, the path indexes them from 0", () => {
    const found = oneIssue(
      pricing({
        type: "tiers",
        metric: "dropout",
        basis: "improvement",
        tiers: [
          { from: 0, to: 10, amount: "1000.00" },
          { from: 20, to: 30, amount: "3000.00" },
          { from: 8, to: 15, amount: "2000.00" },
        ],
      }),
    );
    expect(found).toMatchObject({ code: "overlapping_tiers", at: "$.tranches[0].pricing.tiers[2]" });
    expect(found.message).toBe("tier 3 (from 8) overlaps tier 1; tiers are [from, to) bands and must not overlap");
  });

  it("two open-ended tiers overlap", () => {
    const found = oneIssue(
      pricing({
        type: "tiers",
        metric: "dropout",
        basis: "improvement",
        tiers: [
          { from: 0, amount: "1000.00" },
          { from: 5, amount: "2000.00" },
        ],
      }),
    );
    expect(found).toMatchObject({ code: "overlapping_tiers", at: "$.tranches[0].pricing.tiers[1]" });
  });

  it("empty tier", () => {
    const found = oneIssue(
      pricing({
        type: "tiers",
        metric: "dropout",
        basis: "improvement",
        tiers: [{ from: 10, to: 10, amount: "1000.00" }],
      }),
    );
    expect(found).toMatchObject({ code: "empty_tier", at: "$.tranches[0].pricing.tiers[0]" });
    expect(found.message).toBe('the tier from 10 to 10 is empty: "to" must be above "from"');
  });

  it("a tier table with no tier", () => {
    const found = oneIssue(pricing({ type: "tiers", metric: "dropout", basis: "improvement", tiers: [] }));
    expect(found).toMatchObject({
      code: "empty",
      at: "$.tranches[0].pricing.tiers",
      message: "a tier table needs at least one tier",
    });
  });

  it("points not increasing", () => {
    const found = oneIssue(
      pricing({
        type: "linear",
        metric: "dropout",
        basis: "improvement",
        points: [
          { at: 2, amount: "1000.00" },
          { at: 2, amount: "2000.00" },
        ],
      }),
    );
    expect(found).toMatchObject({ code: "points_not_increasing", at: "$.tranches[0].pricing.points[1].at" });
    expect(found.message).toBe('the points\' "at" values must strictly increase');
  });

  it("weights not adding up to 100%", () => {
    const rule: PricingRule = {
      type: "weighted",
      parts: [
        { weight: "80%", rule: DEFAULT_RULE },
        { weight: "30%", rule: DEFAULT_RULE },
      ],
    };
    const found = oneIssue(pricing(rule));
    expect(found).toMatchObject({ code: "weights_not_100", at: "$.tranches[0].pricing.parts" });
    expect(found.message).toBe("the weights add up to 110%, not 100%");
  });

  it("threshold with both an amount and a then rule", () => {
    const found = oneIssue(
      pricing({
        type: "threshold",
        metric: "dropout",
        basis: "improvement",
        threshold: 2,
        amount: "1000.00",
        then: DEFAULT_RULE,
      }),
    );
    expect(found).toMatchObject({ code: "threshold_payout", at: "$.tranches[0].pricing" });
    expect(found.message).toBe('a threshold pays either a fixed "amount" or the rule in "then": give exactly one');
  });

  it("threshold with neither an amount nor a then rule", () => {
    expect(
      oneIssue(pricing({ type: "threshold", metric: "dropout", basis: "improvement", threshold: 2 })),
    ).toMatchObject({ code: "threshold_payout", at: "$.tranches[0].pricing" });
  });

  it("zero baseline with the relative-improvement basis, also inside a threshold's then rule", () => {
    const zeroBaseline = withValue(base, ["metrics", 0, "baseline", "value"], 0);
    const direct = oneIssue(withValue(zeroBaseline, ["tranches", 0, "pricing", "basis"], "relative-improvement"));
    expect(direct).toMatchObject({ code: "zero_baseline", at: "$.tranches[0].pricing.basis" });
    expect(direct.message).toBe('metric "dropout" has a zero baseline, so a relative improvement is undefined');
    const nested = oneIssue(
      withValue(zeroBaseline, ["tranches", 0, "pricing"], {
        type: "threshold",
        metric: "dropout",
        basis: "improvement",
        threshold: 1,
        then: { type: "rate", metric: "dropout", basis: "relative-improvement", pricePerUnit: "1000.00" },
      }),
    );
    expect(nested).toMatchObject({ code: "zero_baseline", at: "$.tranches[0].pricing.then.basis" });
  });

  it("share of savings above 100%", () => {
    const found = oneIssue(
      pricing({
        type: "savings-share",
        metric: "dropout",
        basis: "improvement",
        savingPerUnit: "2607.00",
        share: "105%",
      }),
    );
    expect(found).toMatchObject({
      code: "share_above_100",
      at: "$.tranches[0].pricing.share",
      message: "a share of savings is at most 100%",
    });
  });

  it("a percentage on an absolute basis", () => {
    const found = oneIssue(
      pricing({ type: "threshold", metric: "dropout", basis: "improvement", threshold: "10%", amount: "1000.00" }),
    );
    expect(found).toMatchObject({ code: "percent_on_absolute_basis", at: "$.tranches[0].pricing.threshold" });
    expect(found.message).toContain("only the relative-improvement basis uses");
  });

  it("an unknown rule type", () => {
    const found = oneIssue(pricing({ type: "bonus", metric: "dropout", basis: "improvement" }));
    expect(found).toMatchObject({ code: "unknown_type", at: "$.tranches[0].pricing.type" });
    expect(found.message).toBe(
      "expected a pricing rule whose type is rate, threshold, tiers, linear, savings-share, weighted or formula",
    );
  });
});

describe("parseContract: shares", () => {
  it("payers' shares not adding up to 100%", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "payers"], [{ party: "payer", share: "70%" }]));
    expect(found).toMatchObject({ code: "shares_not_100", at: "$.tranches[0].payers" });
    expect(found.message).toBe("the payers' shares add up to 70%, not 100%");
  });

  it("recipients' shares not adding up to 100% (fractions and percentages mixed)", () => {
    const found = oneIssue(
      withValue(
        base,
        ["tranches", 0, "recipients"],
        [
          { party: "provider", share: "0.6" },
          { party: "investor", share: "30%" },
        ],
      ),
    );
    expect(found).toMatchObject({ code: "shares_not_100", at: "$.tranches[0].recipients" });
    expect(found.message).toBe("the recipients' shares add up to 90%, not 100%");
  });

  it("a negative share", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "payers", 0, "share"], "-5%"));
    expect(found).toMatchObject({ code: "invalid_share", at: "$.tranches[0].payers[0].share" });
    expect(found.message).toBe('expected a non-negative share such as "60%" or "0.6"');
  });

  it("a share written as a JSON number", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "payers", 0, "share"], 1));
    expect(found).toMatchObject({ code: "invalid_type", at: "$.tranches[0].payers[0].share" });
    expect(found.message).toBe('a share must be a string such as "60%" or "0.6", so that it is exact');
  });
});

describe("parseContract: structure", () => {
  it("unknown key (a misspelt key)", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "flor"], "100.00"));
    expect(found).toMatchObject({ code: "unknown_key", at: "$.tranches[0]" });
    expect(found.message).toBe('unknown key "flor": check its spelling against the format');
  });

  it("a misspelt required key is reported as unknown and as missing", () => {
    const input = withValue(without(base, ["tranches", 0, "dueDate"]), ["tranches", 0, "dueDte"], "2027-11-30");
    expect(codesAt(contractIssues(input))).toEqual(
      expect.arrayContaining([
        { code: "required", at: "$.tranches[0].dueDate" },
        { code: "unknown_key", at: "$.tranches[0]" },
      ]),
    );
  });

  it("missing required field", () => {
    const found = oneIssue(without(base, ["title"]));
    expect(found).toMatchObject({ code: "required", at: "$.title", message: '"title" is required' });
    expect(oneIssue(without(base, ["metrics", 0, "baseline", "source"]))).toMatchObject({
      code: "required",
      at: "$.metrics[0].baseline.source",
    });
  });

  it("invalid date (2027-02-29 does not exist; 2028-02-29 does)", () => {
    const found = oneIssue(withValue(base, ["tranches", 0, "dueDate"], "2027-02-29"));
    expect(found).toMatchObject({ code: "invalid_date", at: "$.tranches[0].dueDate" });
    expect(found.message).toBe('expected a real calendar date as YYYY-MM-DD, e.g. "2027-08-31"');
    expect(safeParseContract(withValue(base, ["tranches", 0, "dueDate"], "2028-02-29")).success).toBe(true);
    expect(oneIssue(withValue(base, ["tranches", 0, "dueDate"], "30/11/2027")).at).toBe("$.tranches[0].dueDate");
  });

  it("range reversed: the term ends before it starts", () => {
    const found = oneIssue(withValue(base, ["term"], { start: "2029-12-31", end: "2026-09-01" }));
    expect(found).toMatchObject({
      code: "range_reversed",
      at: "$.term",
      message: "the start 2029-12-31 is after the end 2026-09-01",
    });
  });

  it("range reversed: a period and a baseline period", () => {
    expect(oneIssue(withValue(base, ["periods", 0, "end"], "2026-08-31"))).toMatchObject({
      code: "range_reversed",
      at: "$.periods[0]",
    });
    expect(oneIssue(withValue(base, ["metrics", 0, "baseline", "period", "start"], "2026-01-01"))).toMatchObject({
      code: "range_reversed",
      at: "$.metrics[0].baseline.period",
    });
  });

  it("a baseline written as a percentage", () => {
    const found = oneIssue(withValue(base, ["metrics", 0, "baseline", "value"], "20%"));
    expect(found).toMatchObject({ code: "invalid_decimal", at: "$.metrics[0].baseline.value" });
    expect(found.message).toContain('(no "%" sign)');
  });

  it("an id with a space", () => {
    const found = oneIssue(withValue(base, ["id"], "fis dispersione"));
    expect(found).toMatchObject({ code: "invalid_id", at: "$.id" });
    expect(found.message).toBe(
      "an id is made of letters, digits, '.', '_', ':' or '-', and starts with a letter or digit",
    );
  });

  it("a value of the wrong JSON type", () => {
    const found = oneIssue(withValue(base, ["title"], 5));
    expect(found).toMatchObject({
      code: "invalid_type",
      at: "$.title",
      message: "expected a string, got the number 5",
    });
    expect(oneIssue(withValue(base, ["parties"], {}))).toMatchObject({
      code: "invalid_type",
      at: "$.parties",
      message: "expected a list ([ ... ]), got an object",
    });
  });

  it("an empty name, unit or list", () => {
    expect(oneIssue(withValue(base, ["parties", 0, "name"], ""))).toMatchObject({
      code: "empty",
      at: "$.parties[0].name",
      message: "give the party a name",
    });
    expect(oneIssue(withValue(base, ["metrics", 0, "unit"], ""))).toMatchObject({
      code: "empty",
      at: "$.metrics[0].unit",
      message: 'give the unit the values are in, e.g. "%", "pupils" or "events per 100"',
    });
    expect(oneIssue(withValue(base, ["metrics"], []))).toMatchObject({
      code: "empty",
      at: "$.metrics",
      message: "a contract needs at least one outcome metric",
    });
  });

  it("a covers that names neither a period nor a cohort", () => {
    expect(oneIssue(withValue(base, ["tranches", 0, "covers"], { week: "p1" }))).toMatchObject({
      code: "invalid_type",
      at: "$.tranches[0].covers",
      message: 'a tranche covers either { "period": id } or { "cohort": id }',
    });
  });

  it("an unknown rounding mode lists the modes", () => {
    const found = oneIssue(withValue(base, ["rounding", "mode"], "bankers"));
    expect(found).toMatchObject({ code: "invalid_choice", at: "$.rounding.mode" });
    expect(found.message).toBe("expected a rounding mode: half-even, half-up, half-down, down, up, floor, ceiling");
  });
});

describe("parseContract: reporting", () => {
  it("lists several problems at once, each with its path", () => {
    let input = withValue(base, ["tranches", 0, "pricing", "metric"], "dropuot");
    input = withValue(
      input,
      ["tranches", 0, "recipients"],
      [
        { party: "evaluator", share: "100%" },
        { party: "provider", share: "10%" },
      ],
    );
    input = withValue(input, ["tranches", 0, "cap"], "10.005");
    input = withValue(input, ["term", "end"], "2020-01-01");
    let error: unknown;
    try {
      parseContract(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractError);
    const issues = (error as ContractError).issues;
    expect(codesAt(issues)).toEqual(
      expect.arrayContaining([
        { code: "range_reversed", at: "$.term" },
        { code: "unknown_metric", at: "$.tranches[0].pricing.metric" },
        { code: "sub_minor_unit", at: "$.tranches[0].cap" },
        { code: "not_a_recipient", at: "$.tranches[0].recipients[0].party" },
        { code: "shares_not_100", at: "$.tranches[0].recipients" },
      ]),
    );
    expect(issues).toHaveLength(5);
    const message = (error as ContractError).message;
    expect(message.split("\n")[0]).toBe("invalid contract: 5 problems");
    for (const entry of issues) expect(message).toContain(`  ${entry.at}: ${entry.message}`);
  });

  it("lists several structural problems at once", () => {
    let input = without(base, ["title"]);
    input = withValue(input, ["tranches", 0, "cap"], 1500);
    input = withValue(input, ["currancy"], "EUR");
    expect(codesAt(contractIssues(input))).toEqual(
      expect.arrayContaining([
        { code: "required", at: "$.title" },
        { code: "float_money", at: "$.tranches[0].cap" },
        { code: "unknown_key", at: "$" },
      ]),
    );
  });

  it("safeParseContract returns the error instead of throwing", () => {
    const bad = withValue(base, ["currency"], "EURO");
    let result: ReturnType<typeof safeParseContract> | undefined;
    expect(() => {
      result = safeParseContract(bad);
    }).not.toThrow();
    expect(result?.success).toBe(false);
    if (result === undefined || result.success) throw new Error("expected a failure");
    expect(result.error).toBeInstanceOf(ContractError);
    expect(codesAt(result.error.issues)).toEqual([{ code: "unknown_currency", at: "$.currency" }]);
  });

  it("safeParseContract returns the contract, frozen, on a valid input, leaving the input untouched", () => {
    const input = contractJson();
    const result = safeParseContract(input);
    if (!result.success) throw new Error(`expected success: ${result.error.message}`);
    expect(result.data).toEqual(input);
    expect(result.data).not.toBe(input);
    expect(Object.isFrozen(result.data)).toBe(true);
    expect(Object.isFrozen(result.data.tranches[0]?.payers)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
  });
});
