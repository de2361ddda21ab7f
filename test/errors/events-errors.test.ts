import { describe, expect, it } from "vitest";
import {
  EventsError,
  OptionsError,
  parseContract,
  parseEvents,
  safeParseEvents,
  settle,
  type ContractEvent,
  type SettleOptions,
} from "../../src/index.js";
import {
  codesAt,
  contractJson,
  eventIssues,
  payment,
  reported,
  settleJson,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/**
 * Every message a user can meet when events are wrong, alone or against the contract. The contract is the
 * minimal one of test/support (metric "dropout", periods p1–p3, tranche t1 paid by "payer" to "provider"),
 * with one cohort "c2026" for the cohort cases.
 */

const contract = contractJson({
  cohorts: [{ id: "c2026", label: "Pupils enrolled in 2026", enrolledFrom: "2026-09-01", enrolledTo: "2026-10-31" }],
});
const issuesOf = (events: unknown) => eventIssues(events, contract);
const oneIssue = (events: unknown) => {
  const issues = issuesOf(events);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};
const restating = (id: string, restates: string, recordedAt: string, extra: Partial<ContractEvent> = {}): unknown => ({
  type: "result",
  id,
  restates,
  status: "reported",
  recordedAt,
  ...extra,
});

describe("parseEvents against the contract: references", () => {
  it("valid events parse", () => {
    expect(
      safeParseEvents(
        [verified("r1", "dropout", "p1", "17.9"), payment("p1", "t1", "payer", "provider", "100.00", "2027-12-01")],
        { contract: parseContract(contract) },
      ).success,
    ).toBe(true);
  });

  it("unknown metric", () => {
    const found = oneIssue([verified("r1", "dropuot", "p1", "17.9")]);
    expect(found).toMatchObject({ code: "unknown_metric", at: "$[0].metric", message: 'unknown metric "dropuot"' });
  });

  it("unknown period", () => {
    expect(oneIssue([verified("r1", "dropout", "p9", "17.9")])).toMatchObject({
      code: "unknown_period",
      at: "$[0].period",
      message: 'unknown period "p9"',
    });
  });

  it("unknown cohort", () => {
    const event = {
      type: "result",
      id: "r1",
      metric: "dropout",
      cohort: "c2099",
      value: "17.9",
      status: "reported",
      recordedAt: "2027-09-20",
    };
    expect(oneIssue([event])).toMatchObject({
      code: "unknown_cohort",
      at: "$[0].cohort",
      message: 'unknown cohort "c2099"',
    });
  });

  it("unknown tranche", () => {
    expect(oneIssue([payment("p1", "t9", "payer", "provider", "100.00", "2027-12-01")])).toMatchObject({
      code: "unknown_tranche",
      at: "$[0].tranche",
      message: 'unknown tranche "t9"',
    });
  });

  it("payer not of the tranche", () => {
    expect(oneIssue([payment("p1", "t1", "investor", "provider", "100.00", "2027-12-01")])).toMatchObject({
      code: "not_a_tranche_payer",
      at: "$[0].payer",
      message: '"investor" is not a payer of tranche "t1"',
    });
  });

  it("recipient not of the tranche", () => {
    expect(oneIssue([payment("p1", "t1", "payer", "investor", "100.00", "2027-12-01")])).toMatchObject({
      code: "not_a_tranche_recipient",
      at: "$[0].recipient",
      message: '"investor" is not a recipient of tranche "t1"',
    });
  });

  it("a payment in another currency", () => {
    const found = oneIssue([{ ...payment("p1", "t1", "payer", "provider", "100.00", "2027-12-01"), currency: "USD" }]);
    expect(found).toMatchObject({ code: "currency_mismatch", at: "$[0].currency" });
    expect(found.message).toContain("the payment is in USD but the contract is in EUR");
  });
});

describe("parseEvents against the contract: verification", () => {
  it("verifier missing on a verified result", () => {
    const { verifier: _dropped, ...event } = verified("r1", "dropout", "p1", "17.9");
    expect(oneIssue([event])).toMatchObject({
      code: "verifier_required",
      at: "$[0].verifier",
      message: "a verified result must name its verifier",
    });
  });

  it("verifier lacking the verifier role", () => {
    expect(oneIssue([{ ...verified("r1", "dropout", "p1", "17.9"), verifier: "provider" }])).toMatchObject({
      code: "not_a_verifier",
      at: "$[0].verifier",
      message: 'party "provider" lacks the role verifier',
    });
  });

  it("unknown verifier party", () => {
    expect(oneIssue([{ ...verified("r1", "dropout", "p1", "17.9"), verifier: "auditor" }])).toMatchObject({
      code: "unknown_party",
      at: "$[0].verifier",
      message: 'unknown party "auditor"',
    });
  });
});

describe("parseEvents against the contract: restatements", () => {
  it("restating an unknown event", () => {
    expect(oneIssue([restating("r2", "r1", "2027-10-01")])).toMatchObject({
      code: "unknown_event",
      at: "$[0].restates",
      message: 'restates unknown event "r1"',
    });
  });

  it("restating a payment", () => {
    const found = oneIssue([
      payment("p1", "t1", "payer", "provider", "100.00", "2027-12-01"),
      restating("r2", "p1", "2027-12-05"),
    ]);
    expect(found).toMatchObject({ code: "restates_payment", at: "$[1].restates" });
    expect(found.message).toBe('restates "p1", which is a payment: a result can only restate a result');
  });

  it("a forked restatement: two events restate the same one", () => {
    const found = oneIssue([
      reported("r1", "dropout", "p1", "17.2", "2027-09-20"),
      restating("r2", "r1", "2027-10-01"),
      restating("r3", "r1", "2027-10-02"),
    ]);
    expect(found).toMatchObject({ code: "forked_restatement", at: "$[2].restates" });
    expect(found.message).toBe(
      'events "r2", "r3" all restate "r1": a history is one line, so restate the latest event instead',
    );
  });

  it("a restatement recorded before the event it restates", () => {
    const found = oneIssue([
      reported("r1", "dropout", "p1", "17.2", "2027-09-20"),
      restating("r2", "r1", "2027-09-01"),
    ]);
    expect(found).toMatchObject({ code: "restates_later_event", at: "$[1].recordedAt" });
    expect(found.message).toBe(
      'restates "r1", recorded later (2027-09-20); a restatement cannot precede what it restates',
    );
  });

  it("a restatement that names another metric or period", () => {
    const found = oneIssue([
      reported("r1", "dropout", "p1", "17.2", "2027-09-20"),
      restating("r2", "r1", "2027-10-01", { period: "p2" }),
    ]);
    expect(found).toMatchObject({ code: "restatement_mismatch", at: "$[1].period" });
  });

  it("a second independent result for the same metric and period", () => {
    // Not oneIssue: the second root is also (wrongly) reported as part of a restatement cycle; see the report.
    const found = issuesOf([
      reported("r1", "dropout", "p1", "17.2", "2027-09-20"),
      reported("r2", "dropout", "p1", "17.6", "2027-10-01"),
    ]).find((entry) => entry.code === "second_result");
    expect(found).toMatchObject({ code: "second_result", at: "$[1]" });
    expect(found?.message).toContain("events[0] already reports dropout");
    expect(found?.message).toContain(
      'record a correction with "restates": "<id of the latest event>" instead of a second result',
    );
  });

  it("a cycle of restatements", () => {
    const issues = issuesOf([restating("a", "b", "2027-10-01"), restating("b", "a", "2027-10-01")]);
    expect(codesAt(issues)).toEqual([
      { code: "restatement_cycle", at: "$[0].restates" },
      { code: "restatement_cycle", at: "$[1].restates" },
    ]);
    expect(issues[0]?.message).toBe('event "a" is part of a cycle of restatements');
  });

  it("an event that restates itself", () => {
    expect(oneIssue([restating("a", "a", "2027-10-01")])).toMatchObject({
      code: "restatement_cycle",
      at: "$[0].restates",
    });
  });
});

describe("parseEvents against the contract: a result's own fields", () => {
  it("period and cohort both given", () => {
    const event = {
      type: "result",
      id: "r1",
      metric: "dropout",
      period: "p1",
      cohort: "c2026",
      value: "17.9",
      status: "reported",
      recordedAt: "2027-09-20",
    };
    expect(oneIssue([event])).toMatchObject({
      code: "period_and_cohort",
      at: "$[0]",
      message: "a result is for a period or for a cohort, not both",
    });
  });

  it("a root result without value, metric or period", () => {
    const issues = issuesOf([{ type: "result", id: "r1", status: "reported", recordedAt: "2027-09-20" }]);
    expect(codesAt(issues)).toEqual([
      { code: "required", at: "$[0].metric" },
      { code: "required", at: "$[0].period" },
      { code: "required", at: "$[0].value" },
    ]);
    expect(issues.map((entry) => entry.message)).toEqual([
      '"metric" is required (it can be left out only when the event restates another)',
      'a result needs a "period" or a "cohort"',
      '"value" is required (it can be left out only when the event restates another)',
    ]);
  });
});

describe("parseEvents against the contract: payments", () => {
  it("a zero payment", () => {
    expect(oneIssue([payment("p1", "t1", "payer", "provider", "0.00", "2027-12-01")])).toMatchObject({
      code: "zero_payment",
      at: "$[0].amount",
      message: "a payment of zero records nothing: leave it out",
    });
  });

  it("a payment below the minor unit", () => {
    expect(oneIssue([payment("p1", "t1", "payer", "provider", "100.005", "2027-12-01")])).toMatchObject({
      code: "sub_minor_unit",
      at: "$[0].amount",
      message: "100.005 has more than 2 decimal places for EUR",
    });
  });

  it("a payment recorded before it was paid", () => {
    const found = oneIssue([
      { ...payment("p1", "t1", "payer", "provider", "100.00", "2027-12-10"), recordedAt: "2027-12-01" },
    ]);
    expect(found).toMatchObject({
      code: "recorded_before_paid",
      at: "$[0].recordedAt",
      message: "recorded on 2027-12-01, before it was paid on 2027-12-10",
    });
  });

  it("a negative payment (a refund) is accepted", () => {
    const events = [
      verified("r1", "dropout", "p1", "17.9"),
      payment("p1", "t1", "payer", "provider", "21000.00", "2027-12-01"),
      payment("p2", "t1", "payer", "provider", "-1000.00", "2027-12-20"),
    ];
    // (20.0 − 17.9) × 10000 = 21000 earned; 21000 − 1000 = 20000 paid
    expect(trancheOf(settleJson(contract, events, "2027-12-31"), "t1").amountPaid.amount).toBe("20000.00");
  });
});

describe("parseEvents: ids", () => {
  it("a duplicate event id with different content", () => {
    const found = oneIssue([
      payment("p1", "t1", "payer", "provider", "100.00", "2027-12-01"),
      payment("p1", "t1", "payer", "provider", "200.00", "2027-12-01"),
    ]);
    expect(found).toMatchObject({ code: "duplicate_event_id", at: "$[1].id" });
    expect(found.message).toBe(
      'event id "p1" is already used by events[0] with different content: ids must be unique (an identical repeat is ignored)',
    );
  });

  it("an identical repeat is ignored, and counted once", () => {
    const pay = payment("p1", "t1", "payer", "provider", "5000.00", "2027-12-01");
    const events = [verified("r1", "dropout", "p1", "17.9"), pay, { ...pay }];
    const t1 = trancheOf(settleJson(contract, events, "2027-12-31"), "t1");
    expect(t1.amountPaid.amount).toBe("5000.00");
  });
});

describe("parseEvents: structure", () => {
  it("a JSON number as a payment amount", () => {
    const found = oneIssue([{ ...payment("p1", "t1", "payer", "provider", "0", "2027-12-01"), amount: 100.5 }]);
    expect(found).toMatchObject({ code: "float_money", at: "$[0].amount" });
    expect(found.message).toContain("decimal string");
  });

  it("a measured value with a % sign", () => {
    const found = oneIssue([reported("r1", "dropout", "p1", "17.9%")]);
    expect(found).toMatchObject({ code: "invalid_decimal", at: "$[0].value" });
    expect(found.message).toContain('(no "%" sign)');
  });

  it("an unknown status", () => {
    const found = oneIssue([{ ...reported("r1", "dropout", "p1", "17.9"), status: "approved" }]);
    expect(found).toMatchObject({ code: "invalid_choice", at: "$[0].status" });
    expect(found.message).toBe("expected a status: reported, verified, disputed or rejected");
  });

  it("an unknown event type", () => {
    const found = oneIssue([{ type: "invoice", id: "i1" }]);
    expect(found).toMatchObject({ code: "unknown_type", at: "$[0].type" });
    expect(found.message).toBe("expected an event whose type is result or payment");
  });

  it("a misspelt key", () => {
    const { recordedAt: _dropped, ...event } = reported("r1", "dropout", "p1", "17.9");
    expect(codesAt(issuesOf([{ ...event, recordedOn: "2027-09-20" }]))).toEqual(
      expect.arrayContaining([
        { code: "required", at: "$[0].recordedAt" },
        { code: "unknown_key", at: "$[0]" },
      ]),
    );
  });

  it("lists problems of several events at once", () => {
    const issues = issuesOf([
      verified("r1", "dropuot", "p1", "17.9"),
      payment("p1", "t1", "payer", "investor", "0.00", "2027-12-01"),
      restating("r3", "r9", "2027-10-01"),
    ]);
    expect(codesAt(issues)).toEqual(
      expect.arrayContaining([
        { code: "unknown_metric", at: "$[0].metric" },
        { code: "not_a_tranche_recipient", at: "$[1].recipient" },
        { code: "zero_payment", at: "$[1].amount" },
        { code: "unknown_event", at: "$[2].restates" },
      ]),
    );
    expect(issues).toHaveLength(4);
  });
});

describe("settle", () => {
  const parsed = parseContract(contract);

  it.each(["2027-02-29", "31/12/2027", "2027-12-31T00:00:00Z", ""])(
    "rejects the asOf %j with an OptionsError",
    (asOf) => {
      let error: unknown;
      try {
        settle(parsed, [], { asOf });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(OptionsError);
      expect(codesAt((error as OptionsError).issues)).toEqual([{ code: "invalid_date", at: "$.asOf" }]);
      expect((error as OptionsError).message).toBe(
        'invalid options: 1 problem\n  $.asOf: asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"',
      );
    },
  );

  it("rejects missing options with an OptionsError", () => {
    expect(() => settle(parsed, [], {} as SettleOptions)).toThrow(OptionsError);
    expect(() => settle(parsed, [], undefined as unknown as SettleOptions)).toThrow(OptionsError);
  });

  it("checks events it is given unparsed and throws an EventsError", () => {
    const events = [verified("r1", "dropuot", "p1", "17.9")];
    expect(() => settle(parsed, events, { asOf: "2027-12-31" })).toThrow(EventsError);
    try {
      settle(parsed, events, { asOf: "2027-12-31" });
    } catch (caught) {
      expect(codesAt((caught as EventsError).issues)).toEqual([{ code: "unknown_metric", at: "$[0].metric" }]);
    }
  });

  it("checks events parsed without the contract against it", () => {
    const events = parseEvents([payment("p1", "t9", "payer", "provider", "100.00", "2027-12-01")]);
    expect(() => settle(parsed, events, { asOf: "2027-12-31" })).toThrow(/unknown tranche "t9"/);
  });
});
