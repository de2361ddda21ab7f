import { describe, expect, it } from "vitest";
import { cashFlows, investorReturns, partyReturns, type CashFlows, type Finance } from "../../src/index.js";
import { financeContract, settleWith } from "./finance-builder.js";

/** Hand-computed waterfalls: the public deals the issue names, and each step of the format. */

const amountsTo = (flows: CashFlows, party: string, kind: string) =>
  flows.flows
    .filter((flow) => flow.to === party && flow.kind === kind)
    .map((flow) => `${flow.date} ${flow.amount.amount}`);
const investor = (flows: CashFlows, party: string) => flows.investors.find((entry) => entry.party === party)!;

describe("Rikers Island (New York, 2012): no outcome payment, a 6.0M guarantee, a 1.2M loss", () => {
  const finance: Finance = {
    investors: [
      {
        party: "senior",
        commitment: "9600000.00",
        fundedParty: "spv",
        drawdowns: [{ date: "2012-09-01", amount: "7200000.00" }],
      },
    ],
    waterfall: {
      pool: ["spv"],
      steps: [{ type: "principal", investors: ["senior"] }],
      excess: [{ party: "provider", share: "100%" }],
    },
    guarantees: [
      { guarantor: "philanthropy", covers: ["senior"], share: "100%", limit: "6000000.00", payOn: "2015-12-31" },
    ],
  };
  const contract = financeContract([{ id: "t1", dueDate: "2015-10-31" }], finance);
  const flows = cashFlows(contract, settleWith(contract, { t1: "0" }));

  it("the guarantee pays 6,000,000.00 of the 7,200,000.00 loss; the investor loses 1,200,000.00", () => {
    expect(amountsTo(flows, "senior", "guarantee")).toEqual(["2015-12-31 6000000.00"]);
    expect(investor(flows, "senior")).toMatchObject({
      drawn: { amount: "7200000.00" },
      distributions: { amount: "0.00" },
      guaranteed: { amount: "6000000.00" },
      net: { amount: "-1200000.00" },
      lossGivenNoOutcomes: { amount: "1200000.00" },
    });
  });

  it("the guarantee step shows the loss, the claim, the limit and what was paid", () => {
    expect(flows.steps).toEqual([
      {
        kind: "guarantee",
        date: "2015-12-31",
        guarantee: 0,
        guarantor: "philanthropy",
        losses: [{ party: "senior", loss: "7200000.00" }],
        share: "100%",
        claim: "7200000.00",
        limit: "6000000.00",
        usedBefore: "0.00",
        paid: [{ party: "senior", amount: "6000000.00" }],
      },
    ]);
  });

  it("returns: multiple 6.0 / 7.2 = 0.8333, never paid back, IRR (6.0/7.2)^(365/1216) − 1", () => {
    const [returns] = investorReturns(flows, { discountRate: "5%" });
    expect(returns).toMatchObject({
      paidIn: { amount: "7200000.00" },
      received: { amount: "6000000.00" },
      multiple: "0.8333",
      paybackDate: null,
    });
    expect(returns?.irr.kind).toBe("rate");
    if (returns?.irr.kind === "rate") expect(returns.irr.rate).toBeCloseTo((6 / 7.2) ** (365 / 1216) - 1, 12);
  });
});

describe("Utah High Quality Preschool (2013): senior before subordinate, both at 5%", () => {
  // Both lenders draw on 2013-08-01; payments fall due a year (365 days) and two years later, so 5% a
  // year compounds to exactly 1.05 and 1.1025.
  const finance: Finance = {
    investors: [
      {
        party: "senior",
        commitment: "4600000.00",
        fundedParty: "provider",
        drawdowns: [{ date: "2013-08-01", amount: "4600000.00" }],
      },
      {
        party: "junior",
        commitment: "2400000.00",
        fundedParty: "provider",
        drawdowns: [{ date: "2013-08-01", amount: "2400000.00" }],
      },
    ],
    waterfall: {
      pool: ["spv"],
      steps: [
        { type: "principal", investors: ["senior"] },
        { type: "return", investors: ["senior"], rate: "5%" },
        { type: "principal", investors: ["junior"] },
        { type: "return", investors: ["junior"], rate: "5%" },
      ],
      excess: [
        { party: "provider", share: "50%" },
        { party: "city", share: "50%" },
      ],
    },
  };
  const contract = financeContract(
    [
      { id: "y1", dueDate: "2014-08-01" },
      { id: "y2", dueDate: "2015-08-01" },
    ],
    finance,
  );
  const flows = cashFlows(contract, settleWith(contract, { y1: "5000000", y2: "3000000" }));

  it("year 1 (5,000,000): senior 4,600,000 + 230,000 (5%), subordinate 170,000 of its principal", () => {
    expect(amountsTo(flows, "senior", "principal")).toEqual(["2014-08-01 4600000.00"]);
    expect(amountsTo(flows, "senior", "return")).toEqual(["2014-08-01 230000.00"]);
    expect(amountsTo(flows, "junior", "principal")).toEqual(["2014-08-01 170000.00", "2015-08-01 2230000.00"]);
  });

  it("year 2 (3,000,000): subordinate 2,230,000 principal, then 237,500 return (2.4M × 1.1025 − 170,000 × 1.05 − 2,230,000); excess 532,500 halved", () => {
    expect(amountsTo(flows, "junior", "return")).toEqual(["2015-08-01 237500.00"]);
    expect(amountsTo(flows, "senior", "return")).toEqual(["2014-08-01 230000.00"]); // nothing more: its hurdle is met
    expect(amountsTo(flows, "provider", "excess")).toEqual(["2015-08-01 266250.00"]);
    expect(amountsTo(flows, "city", "excess")).toEqual(["2015-08-01 266250.00"]);
  });

  it("each lender's IRR is exactly the 5% it was promised; NPV at 5% is zero", () => {
    for (const returns of investorReturns(flows, { discountRate: "5%" })) {
      expect(returns.irr.kind).toBe("rate");
      if (returns.irr.kind === "rate") expect(returns.irr.rate).toBeCloseTo(0.05, 10);
      expect(returns.npv.amount.amount).toBe("0.00");
    }
  });

  it("the explanation records every step on each date, with pool before and after", () => {
    const firstDate = flows.steps.filter((step) => step.kind === "waterfall-step" && step.date === "2014-08-01");
    expect(
      firstDate.map((step) => step.kind === "waterfall-step" && [step.step, step.poolBefore, step.poolAfter]),
    ).toEqual([
      [0, "5000000.00", "400000.00"],
      [1, "400000.00", "170000.00"],
      [2, "170000.00", "0.00"],
      [3, "0.00", "0.00"],
    ]);
  });
});

describe("Educate Girls (Rajasthan, 2015): the investor's return capped at a 15% IRR", () => {
  // 270,000 drawn on 2015-07-01; 500,000 falls due 1,095 days later (3 × 365), so 1.15³ = 1.520875 exactly.
  const finance = (cap?: string): Finance => ({
    investors: [
      {
        party: "senior",
        commitment: "270000.00",
        fundedParty: "provider",
        drawdowns: [{ date: "2015-07-01", amount: "270000.00" }],
      },
    ],
    waterfall: {
      pool: ["spv"],
      steps: [
        { type: "principal", investors: ["senior"] },
        { type: "return", investors: ["senior"], rate: "15%", ...(cap !== undefined ? { cap } : {}) },
      ],
      excess: [{ party: "provider", share: "100%" }],
    },
  });

  it("return 140,636.25 (270,000 × 1.520875 − 270,000); the excess 89,363.75 goes to the provider", () => {
    const contract = financeContract([{ id: "t1", dueDate: "2018-06-30" }], finance());
    const flows = cashFlows(contract, settleWith(contract, { t1: "500000" }));
    expect(amountsTo(flows, "senior", "return")).toEqual(["2018-06-30 140636.25"]);
    expect(amountsTo(flows, "provider", "excess")).toEqual(["2018-06-30 89363.75"]);
    const returns = partyReturns(flows, "senior", { discountRate: "15%" });
    expect(returns.irr.kind === "rate" && returns.irr.rate).toBeCloseTo(0.15, 9);
    expect(returns.multiple).toBe("1.5209");
    expect(returns.paybackDate).toBe("2018-06-30");
  });

  it("with a cap of 100,000.00 on the return step as well, the investor gets 100,000.00 and the provider 130,000.00", () => {
    const contract = financeContract([{ id: "t1", dueDate: "2018-06-30" }], finance("100000.00"));
    const flows = cashFlows(contract, settleWith(contract, { t1: "500000" }));
    expect(amountsTo(flows, "senior", "return")).toEqual(["2018-06-30 100000.00"]);
    expect(amountsTo(flows, "provider", "excess")).toEqual(["2018-06-30 130000.00"]);
  });
});

describe("steps of the format, by hand", () => {
  it("two investors in one step rank equally: 100.01 owed 300 : 100 splits 75.01 / 25.00 (largest remainder)", () => {
    const contract = financeContract([{ id: "t1", dueDate: "2021-01-01" }], {
      investors: [
        {
          party: "senior",
          commitment: "300.00",
          fundedParty: "provider",
          drawdowns: [{ date: "2020-01-01", amount: "300.00" }],
        },
        {
          party: "junior",
          commitment: "100.00",
          fundedParty: "provider",
          drawdowns: [{ date: "2020-01-01", amount: "100.00" }],
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps: [{ type: "principal", investors: ["senior", "junior"] }],
        excess: [{ party: "provider", share: "100%" }],
      },
    });
    const flows = cashFlows(contract, settleWith(contract, { t1: "100.01" }));
    expect(amountsTo(flows, "senior", "principal")).toEqual(["2021-01-01 75.01"]);
    expect(amountsTo(flows, "junior", "principal")).toEqual(["2021-01-01 25.00"]);
  });

  it("first-loss cover, then a 50% guarantee on what is left: loss 500,000 → 100,000 + 200,000; the investor bears 200,000", () => {
    const contract = financeContract([{ id: "t1", dueDate: "2021-06-30" }], {
      investors: [
        {
          party: "senior",
          commitment: "1000000.00",
          fundedParty: "provider",
          drawdowns: [{ date: "2020-01-01", amount: "1000000.00" }],
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps: [{ type: "principal", investors: ["senior"] }],
        excess: [{ party: "provider", share: "100%" }],
      },
      guarantees: [
        { guarantor: "philanthropy", covers: ["senior"], share: "100%", limit: "100000.00" },
        { guarantor: "fund", covers: ["senior"], share: "50%", limit: "1000000.00" },
      ],
    });
    const flows = cashFlows(contract, settleWith(contract, { t1: "500000" }));
    expect(
      flows.flows.filter((flow) => flow.kind === "guarantee").map((flow) => [flow.from, flow.date, flow.amount.amount]),
    ).toEqual([
      ["philanthropy", "2035-12-31", "100000.00"],
      ["fund", "2035-12-31", "200000.00"],
    ]);
    expect(investor(flows, "senior")).toMatchObject({
      net: { amount: "-200000.00" },
      lossGivenNoOutcomes: { amount: "450000.00" },
    });
  });

  it("one guarantee over two investors: 50% of losses 300.00 and 100.01 → claims 150.00 and 50.00 (50.005, each rounded on its own, half-even); the 100.00 limit splits 75.00 / 25.00", () => {
    const contract = financeContract([{ id: "t1", dueDate: "2021-01-01" }], {
      investors: [
        {
          party: "senior",
          commitment: "300.00",
          fundedParty: "provider",
          drawdowns: [{ date: "2020-01-01", amount: "300.00" }],
        },
        {
          party: "junior",
          commitment: "100.01",
          fundedParty: "provider",
          drawdowns: [{ date: "2020-01-01", amount: "100.01" }],
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps: [
          { type: "principal", investors: ["senior"] },
          { type: "principal", investors: ["junior"] },
        ],
        excess: [{ party: "provider", share: "100%" }],
      },
      guarantees: [{ guarantor: "philanthropy", covers: ["senior", "junior"], share: "50%", limit: "100.00" }],
    });
    const flows = cashFlows(contract, settleWith(contract, { t1: "0" }));
    const call = flows.steps.find((step) => step.kind === "guarantee");
    expect(call).toMatchObject({
      losses: [
        { party: "senior", loss: "300.00" },
        { party: "junior", loss: "100.01" },
      ],
      claim: "200.00",
      limit: "100.00",
      paid: [
        { party: "senior", amount: "75.00" },
        { party: "junior", amount: "25.00" },
      ],
    });
  });

  it("management fee 2% a year of 1,000,000 committed, 366 days (2020 is a leap year): 20,054.79; then a 20% performance fee", () => {
    const contract = financeContract([{ id: "t1", dueDate: "2021-01-01" }], {
      investors: [
        {
          party: "senior",
          commitment: "1000000.00",
          fundedParty: "provider",
          drawdowns: [{ date: "2020-01-01", amount: "500000.00" }],
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps: [
          { type: "management-fee", party: "spv", rate: "2%" },
          { type: "principal", investors: ["senior"] },
          { type: "performance-fee", party: "spv", share: "20%" },
        ],
        excess: [{ party: "senior", share: "100%" }],
      },
    });
    const flows = cashFlows(contract, settleWith(contract, { t1: "600000" }));
    // 1,000,000 × 0.02 × 366 / 365 = 20,054.7945… → 20,054.79; left 579,945.21 − 500,000 = 79,945.21; 20% = 15,989.042 → 15,989.04
    expect(amountsTo(flows, "spv", "management-fee")).toEqual(["2021-01-01 20054.79"]);
    expect(amountsTo(flows, "spv", "performance-fee")).toEqual(["2021-01-01 15989.04"]);
    expect(amountsTo(flows, "senior", "excess")).toEqual(["2021-01-01 63956.17"]);
  });

  it("pooled outcome payments pass through the pool party: its net is zero; a non-pool recipient keeps its share", () => {
    const contract = financeContract(
      [
        {
          id: "t1",
          dueDate: "2021-01-01",
          recipients: [
            { party: "spv", share: "80%" },
            { party: "provider", share: "20%" },
          ],
        },
      ],
      {
        investors: [
          {
            party: "senior",
            commitment: "100.00",
            fundedParty: "provider",
            drawdowns: [{ date: "2020-01-01", amount: "100.00" }],
          },
        ],
        waterfall: {
          pool: ["spv"],
          steps: [{ type: "principal", investors: ["senior"] }],
          excess: [{ party: "city", share: "100%" }],
        },
      },
    );
    const flows = cashFlows(contract, settleWith(contract, { t1: "1000" }));
    const net = (party: string) => flows.parties.find((entry) => entry.party === party)?.net.amount;
    expect(net("spv")).toBe("0.00");
    expect(net("senior")).toBe("0.00");
    expect(net("provider")).toBe("300.00"); // 100 drawn + 200 outcome share
    expect(net("city")).toBe("-300.00"); // paid 1,000, got 700 back as excess
  });

  it("in a currency without minor units (JPY): 5% on 1,000,001 over 365 days is 50,000.05, rounded half-even to 50,000", () => {
    const contract = financeContract(
      [{ id: "t1", dueDate: "2021-01-01" }],
      {
        investors: [
          {
            party: "senior",
            commitment: "1000001",
            fundedParty: "provider",
            drawdowns: [{ date: "2020-01-02", amount: "1000001" }],
          },
        ],
        waterfall: {
          pool: ["spv"],
          steps: [
            { type: "principal", investors: ["senior"] },
            { type: "return", investors: ["senior"], rate: "5%" },
          ],
          excess: [{ party: "city", share: "100%" }],
        },
      },
      "JPY",
    );
    const flows = cashFlows(contract, settleWith(contract, { t1: "2000000" }));
    expect(amountsTo(flows, "senior", "return")).toEqual(["2021-01-01 50000"]);
    expect(amountsTo(flows, "city", "excess")).toEqual(["2021-01-01 949999"]);
  });

  it("an investor that shares the excess has that much less of a loss for its guarantee to cover", () => {
    // 500 drawn in 2020; 1,000 falls due in 2021: 500 repays it, the excess 500 is shared 50/50 with the
    // lender; 500 more is drawn in 2022; the guarantee's loss in 2035 is 1,000 − 500 − 250 = 250.
    const contract = financeContract([{ id: "t1", dueDate: "2021-01-01" }], {
      investors: [
        {
          party: "senior",
          commitment: "1000.00",
          fundedParty: "provider",
          drawdowns: [
            { date: "2020-01-01", amount: "500.00" },
            { date: "2022-01-01", amount: "500.00" },
          ],
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps: [{ type: "principal", investors: ["senior"] }],
        excess: [
          { party: "senior", share: "50%" },
          { party: "city", share: "50%" },
        ],
      },
      guarantees: [{ guarantor: "philanthropy", covers: ["senior"], share: "100%", limit: "1000.00" }],
    });
    const flows = cashFlows(contract, settleWith(contract, { t1: "1000" }));
    expect(amountsTo(flows, "senior", "excess")).toEqual(["2021-01-01 250.00"]);
    expect(amountsTo(flows, "senior", "guarantee")).toEqual(["2035-12-31 250.00"]);
    expect(investor(flows, "senior").net.amount).toBe("0.00");
  });

  it("pending tranches bring nothing and are listed", () => {
    const contract = financeContract(
      [
        { id: "t1", dueDate: "2021-01-01" },
        { id: "t2", dueDate: "2022-01-01" },
      ],
      {
        investors: [
          {
            party: "senior",
            commitment: "100.00",
            fundedParty: "provider",
            drawdowns: [{ date: "2020-01-01", amount: "100.00" }],
          },
        ],
        waterfall: {
          pool: ["spv"],
          steps: [{ type: "principal", investors: ["senior"] }],
          excess: [{ party: "city", share: "100%" }],
        },
      },
    );
    const flows = cashFlows(contract, settleWith(contract, { t1: "40" }));
    expect(flows.pendingTranches).toEqual(["t2"]);
    expect(amountsTo(flows, "senior", "principal")).toEqual(["2021-01-01 40.00"]);
  });
});
