import { describe, expect, it } from "vitest";
import {
  type Contract,
  cashFlows,
  explain,
  investorReturns,
  parseContract,
  parseEvents,
  renderMarkdown,
  runScenarios,
  settle,
  settlementToCsv,
  simulate,
  toIndigo,
} from "../../src/index.js";

/**
 * One truth per settlement: a cohort paid on the pooled result (the Peterborough pattern) is payable from the
 * fallback's due date, and every consumer reads that date from the settlement. Each cohort pays 123,000.00 at a
 * 10% reduction of reconvictions, else on the pooled result of both cohorts at 7.5%, due 2016-08-31, after the
 * cohorts' own due dates (2014-08-31 and 2016-06-30). One investor draws 200,000.00 on 2010-09-09 and receives
 * every outcome payment: 246,000.00 on 2016-08-31, an IRR of (246,000 / 200,000)^(365 / 2,183) − 1 = 3.52%.
 */

const contract: Contract = parseContract({
  id: "peterborough-style",
  title: "Reconvictions of short-sentence prisoners",
  currency: "GBP",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2010-09-01", end: "2016-12-31" },
  parties: [
    { id: "moj", name: "Ministry of Justice", roles: ["outcome-payer"] },
    { id: "investor", name: "Social investors", roles: ["investor"] },
    { id: "provider", name: "Provider", roles: ["provider"] },
    { id: "evaluator", name: "Independent assessor", roles: ["verifier"] },
  ],
  metrics: [
    {
      id: "reconvictions",
      name: "Reconviction events per 100 released prisoners",
      unit: "events per 100",
      kind: "frequency",
      better: "lower",
      baseline: { value: "80", period: { start: "2008-01-01", end: "2009-12-31" }, source: "comparison group" },
    },
  ],
  periods: [],
  cohorts: [{ id: "c1" }, { id: "c2" }, { id: "all", label: "cohorts 1 and 2 pooled" }],
  tranches: ["c1", "c2"].map((cohort, index) => ({
    id: `t-${cohort}`,
    covers: { cohort },
    dueDate: index === 0 ? "2014-08-31" : "2016-06-30",
    pricing: {
      type: "threshold",
      metric: "reconvictions",
      basis: "relative-improvement",
      threshold: "10%",
      amount: "123000.00",
    },
    fallback: {
      cohort: "all",
      dueDate: "2016-08-31",
      pricing: {
        type: "threshold",
        metric: "reconvictions",
        basis: "relative-improvement",
        threshold: "7.5%",
        amount: "123000.00",
      },
    },
    payers: [{ party: "moj", share: "100%" }],
    recipients: [{ party: "investor", share: "100%" }],
  })),
  finance: {
    investors: [
      {
        party: "investor",
        commitment: "200000.00",
        fundedParty: "provider",
        drawdowns: [{ date: "2010-09-09", amount: "200000.00" }],
      },
    ],
    waterfall: {
      pool: ["investor"],
      steps: [{ type: "principal", investors: ["investor"] }],
      excess: [{ party: "investor", share: "100%" }],
    },
  },
});

// c1 and c2 each reduce reconvictions by 8.75% (80 → 73): below 10%; the pool of both clears 7.5%
const result = (id: string, cohort: string, recordedAt: string) => ({
  type: "result" as const,
  id,
  metric: "reconvictions",
  cohort,
  value: "73",
  status: "verified" as const,
  verifier: "evaluator",
  recordedAt,
});
const events = parseEvents(
  [result("r-c1", "c1", "2014-07-31"), result("r-c2", "c2", "2016-05-31"), result("r-all", "all", "2016-08-15")],
  { contract },
);
const settlement = settle(contract, events, { asOf: "2016-12-31" });

describe("a cohort paid on the pooled result: payable from the fallback's due date, everywhere", () => {
  it("the settlement says when each tranche is payable, and why", () => {
    expect(
      settlement.tranches.map(({ id, dueDate, payableFrom, pricedOnPool, status }) => ({
        id,
        dueDate,
        payableFrom,
        pricedOnPool,
        status,
      })),
    ).toEqual([
      { id: "t-c1", dueDate: "2014-08-31", payableFrom: "2016-08-31", pricedOnPool: "all", status: "earned" },
      { id: "t-c2", dueDate: "2016-06-30", payableFrom: "2016-08-31", pricedOnPool: "all", status: "earned" },
    ]);
    expect(settlement.tranches[0]?.reason).toBe("GBP 123,000.00 earned, payable now");
    expect(settle(contract, events, { asOf: "2016-08-30" }).tranches[0]?.reason).toBe(
      "GBP 123,000.00 earned, payable from 2016-08-31",
    );
  });

  it("cash flows book the outcome payments on the payable date, and the investor's IRR is 3.52%", () => {
    const flows = cashFlows(contract, settlement);
    const outcome = flows.flows.filter((flow) => flow.kind === "outcome-payment");
    expect(outcome.map((flow) => [flow.date, flow.amount.amount])).toEqual([
      ["2016-08-31", "123000.00"],
      ["2016-08-31", "123000.00"],
    ]);
    const [investor] = investorReturns(flows, { discountRate: "0%" });
    expect(investor?.received.amount).toBe("246000.00");
    // (246,000 / 200,000)^(365 / 2,183) − 1, 2,183 days from 2010-09-09 to 2016-08-31
    const expected = (246_000 / 200_000) ** (365 / 2_183) - 1;
    expect(expected).toBeCloseTo(0.0352, 4);
    expect(investor?.irr).toEqual({ kind: "rate", rate: expect.closeTo(expected, 10) });
  });

  it("the CSV, the explanation, the Italian report and INDIGO carry the payable date", () => {
    expect(settlementToCsv(settlement).split("\r\n")[1]).toBe(
      "t-c1,cohort c1,2014-08-31,2016-08-31,earned,moj,investor,GBP,123000.00,0.00,123000.00",
    );
    expect(explain(settlement)).toContain(
      "Tranche t-c1 (cohort c1), due 2014-08-31, payable from 2016-08-31 on the pooled result of cohort all",
    );
    expect(renderMarkdown(settlement, { locale: "it" })).toContain(
      "## Tranche t-c1 (coorte c1), scadenza 31 agosto 2014, pagabile dal 31 agosto 2016 sul risultato aggregato della coorte all",
    );
    expect(JSON.stringify(toIndigo(contract, settlement))).toContain(
      "earned on tranche t-c1 as known on 2016-12-31, payable from 2016-08-31",
    );
  });

  it("scenarios settle when the pooled result is payable, after every due date", () => {
    const [scenario] = runScenarios(
      contract,
      [
        {
          name: "pool only",
          results: [
            { metric: "reconvictions", cohort: "c1", value: "73" },
            { metric: "reconvictions", cohort: "c2", value: "73" },
            { metric: "reconvictions", cohort: "all", value: "73" },
          ],
        },
      ],
      { discountRate: "0%" },
    );
    expect(scenario?.settlement.asOf).toBe("2016-12-31");
    expect(scenario?.settlement.totals.earned.amount).toBe("246000.00");
    expect(scenario?.settlement.tranches.map((tranche) => tranche.payableFrom)).toEqual(["2016-08-31", "2016-08-31"]);
  });

  it("the simulation pays the pooled fallback as settle does: on the pool's result, from the fallback's due date", () => {
    // every run draws 73 for each cohort and the pool: each cohort misses its own 10% and is paid on the pool
    const simulated = simulate(contract, {
      runs: 20,
      seed: 2026,
      results: [{ metric: "reconvictions", distribution: { type: "samples", values: [73] } }],
    });
    expect([simulated.totalPayments.min.amount, simulated.totalPayments.max.amount]).toEqual([
      "246000.00",
      "246000.00",
    ]);
    // dated 2016-08-31 (payable from the fallback's due date), the investor's IRR is investorReturns' 3.52%
    const rate = investorReturns(cashFlows(contract, settlement), { discountRate: "0%" })[0]!.irr;
    expect(rate.kind).toBe("rate");
    const [irr] = simulated.investors.map((investor) => investor.irr.percentiles[0]!.rate);
    expect(irr).toBeCloseTo(rate.kind === "rate" ? rate.rate : Number.NaN, 12);
    expect(irr!.toFixed(4)).toBe("0.0352");
  });
});
