import { describe, expect, it } from "vitest";
import { ContractError, EventsError, parseEvents, safeParseEvents, settle, parseContract } from "../../src/index.js";
import {
  contractJson,
  eventIssues,
  reported,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

describe("regressions found while testing", () => {
  it("a second independent result is reported once, as second_result, not also as a restatement cycle", () => {
    const restating = {
      type: "result",
      id: "r3",
      restates: "r2",
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2027-10-20",
    };
    const issues = eventIssues([
      reported("r1", "dropout", "p1", "17.2"),
      reported("r2", "dropout", "p1", "17.6", "2027-10-01"),
      restating,
    ]);
    expect(issues.map((entry) => entry.code)).toEqual(["second_result"]);
    expect(issues[0]?.message).toBe(
      'events[0] already reports dropout for period p1: record a correction with "restates": "<id of the latest event>" instead of a second result',
    );
  });

  it("parseEvents checks a contract that did not come from parseContract, and reports it as a ContractError", () => {
    const events = [verified("r1", "dropout", "p1", "17.2")];
    expect(() => parseEvents(events, { contract: {} as never })).toThrow(ContractError);
    expect(() => parseEvents(events, { contract: { ...contractJson(), metrics: [] } })).toThrow(ContractError);
    const result = safeParseEvents(events, { contract: null as never });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error).toBeInstanceOf(ContractError);
    // and a hand-built but valid contract is accepted
    expect(parseEvents(events, { contract: contractJson() })).toHaveLength(1);
  });

  it("settle reports bad hand-built events as an EventsError, not a TypeError", () => {
    expect(() => settle(parseContract(contractJson()), [{ type: "result" }] as never, { asOf: "2028-01-01" })).toThrow(
      EventsError,
    );
  });

  it("a tranche cut to nothing by a cap says so, instead of saying the rule earns nothing", () => {
    // 10,000 per point; 17.0 against 20.0 is 3 points = 30,000 per tranche; the contract cap of 20,000 is
    // used up by t1 (cut to 20,000), so t2 is priced 30,000 and cut to zero.
    const contract = contractJson({
      tranches: [tranche(), tranche({ id: "t2", covers: { period: "p2" }, dueDate: "2028-11-30" })],
      caps: { contract: "20000.00" },
    });
    const settlement = settleJson(
      contract,
      [verified("r1", "dropout", "p1", "17.0"), verified("r2", "dropout", "p2", "17.0")],
      "2029-01-01",
    );
    expect(trancheOf(settlement, "t1").amountEarned?.amount).toBe("20000.00");
    const t2 = trancheOf(settlement, "t2");
    expect(t2.status).toBe("not-earned");
    expect(t2.amountPriced?.amount).toBe("30000.00");
    expect(t2.reason).toBe(
      "the verified results are priced at EUR 30,000.00, but the contract cap test-contract leaves nothing to pay",
    );
  });
});
