import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cashFlows,
  parseContract,
  settle,
  WATERFALL_ACCOUNT,
  type CashFlows,
  type Finance,
  type WaterfallStep,
} from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";
import { planSimulation, runReceipts } from "../../src/finance/simulate.js";
import { receiptsOf } from "../../src/finance/cash-flows.js";
import { contractArb, verifiedResultsArb } from "../support/arbitraries.js";
import { financeContract, settleWith } from "./finance-builder.js";

/** The laws of the investors' side. */

const DUE = ["2021-06-30", "2022-06-30", "2023-06-30"] as const;
const money = (cents: number) => (cents / 100).toFixed(2);

/** A finance section over a senior and a subordinate lender, with optional fees, returns, caps and guarantees. */
const financeArb: fc.Arbitrary<Finance> = fc
  .record({
    seniorDraws: fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 500 }), cents: fc.integer({ min: 1, max: 50_000_000 }) }),
      { minLength: 1, maxLength: 2 },
    ),
    juniorDraws: fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 500 }), cents: fc.integer({ min: 1, max: 50_000_000 }) }),
      { minLength: 1, maxLength: 2 },
    ),
    seniorRate: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    juniorRate: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    juniorCap: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
    pariPassu: fc.boolean(),
    managementFee: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
    performanceFee: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    providerShare: fc.integer({ min: 0, max: 100 }),
    // a guarantee covers one lender (Rikers; first-loss cover of a senior tranche)
    guarantee: fc.option(
      fc.record({
        covers: fc.constantFrom("senior", "junior"),
        share: fc.integer({ min: 1, max: 100 }),
        limit: fc.integer({ min: 0, max: 30_000_000 }),
      }),
      { nil: undefined },
    ),
  })
  .map((spec): Finance => {
    const date = (day: number) => new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
    const draws = (list: readonly { day: number; cents: number }[]) =>
      list.map((draw) => ({ date: date(draw.day), amount: money(draw.cents) }));
    const total = (list: readonly { cents: number }[]) => money(list.reduce((acc, draw) => acc + draw.cents, 0));
    const steps: WaterfallStep[] = [];
    if (spec.managementFee !== undefined)
      steps.push({ type: "management-fee", party: "spv", rate: `${spec.managementFee / 100}%` });
    if (spec.pariPassu) steps.push({ type: "principal", investors: ["senior", "junior"] });
    else steps.push({ type: "principal", investors: ["senior"] });
    if (spec.seniorRate !== undefined)
      steps.push({ type: "return", investors: ["senior"], rate: `${spec.seniorRate / 100}%` });
    if (!spec.pariPassu) steps.push({ type: "principal", investors: ["junior"] });
    if (spec.juniorRate !== undefined || spec.juniorCap !== undefined) {
      steps.push({
        type: "return",
        investors: ["junior"],
        ...(spec.juniorRate !== undefined ? { rate: `${spec.juniorRate / 100}%` } : {}),
        ...(spec.juniorCap !== undefined ? { cap: money(spec.juniorCap) } : {}),
      });
    }
    if (spec.performanceFee !== undefined)
      steps.push({ type: "performance-fee", party: "spv", share: `${spec.performanceFee}%` });
    return {
      investors: [
        {
          party: "senior",
          commitment: total(spec.seniorDraws),
          fundedParty: "provider",
          drawdowns: draws(spec.seniorDraws),
        },
        {
          party: "junior",
          commitment: total(spec.juniorDraws),
          fundedParty: "provider",
          drawdowns: draws(spec.juniorDraws),
        },
      ],
      waterfall: {
        pool: ["spv"],
        steps,
        excess: [
          { party: "provider", share: `${spec.providerShare}%` },
          { party: "city", share: `${100 - spec.providerShare}%` },
        ],
      },
      ...(spec.guarantee !== undefined
        ? {
            guarantees: [
              {
                guarantor: "philanthropy",
                covers: [spec.guarantee.covers],
                share: `${spec.guarantee.share}%`,
                limit: money(spec.guarantee.limit),
              },
            ],
          }
        : {}),
    };
  });

const outcomesArb = fc.array(fc.integer({ min: 0, max: 40_000_000 }), { minLength: 1, maxLength: 3 });

function run(finance: Finance, outcomes: readonly number[]): CashFlows {
  const tranches = outcomes.map((_, index) => ({ id: `t${index + 1}`, dueDate: DUE[index]! }));
  const contract = financeContract(tranches, finance);
  return cashFlows(
    contract,
    settleWith(contract, Object.fromEntries(outcomes.map((cents, index) => [`t${index + 1}`, money(cents)]))),
  );
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

describe("the waterfall", () => {
  it("distributes exactly what came in: on every date, what is pooled equals what is paid out (no cent created or lost)", () => {
    fc.assert(
      fc.property(financeArb, outcomesArb, (finance, outcomes) => {
        const flows = run(finance, outcomes);
        const byDate = new Map<string, number>();
        for (const flow of flows.flows) {
          if (flow.to === WATERFALL_ACCOUNT)
            byDate.set(flow.date, (byDate.get(flow.date) ?? 0) + cents(flow.amount.amount));
          if (flow.from === WATERFALL_ACCOUNT)
            byDate.set(flow.date, (byDate.get(flow.date) ?? 0) - cents(flow.amount.amount));
        }
        for (const balance of byDate.values()) expect(balance).toBe(0);
        const pooled = flows.flows
          .filter((flow) => flow.kind === "pooled")
          .reduce((acc, flow) => acc + cents(flow.amount.amount), 0);
        expect(pooled).toBe(outcomes.reduce((acc, value) => acc + value, 0));
        // and across all parties, every flow has a payer and a payee: the nets add up to zero
        expect(flows.parties.reduce((acc, party) => acc + cents(party.net.amount), 0)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("a senior step is paid in full before a subordinate step gets anything (on every date)", () => {
    fc.assert(
      fc.property(financeArb, outcomesArb, (finance, outcomes) => {
        const flows = run(finance, outcomes);
        const dates = [...new Set(flows.steps.map((step) => step.date))];
        for (const date of dates) {
          const steps = flows.steps.filter((step) => step.kind === "waterfall-step" && step.date === date);
          steps.forEach((step, index) => {
            if (step.kind !== "waterfall-step" || !step.parts.some((part) => new Dec(part.paid).greaterThan(0))) return;
            for (const earlier of steps.slice(0, index)) {
              if (earlier.kind !== "waterfall-step") continue;
              for (const part of earlier.parts) expect(part.paid).toBe(part.owed);
            }
          });
        }
      }),
      { numRuns: 100 },
    );
  });

  it("more outcome payment on the last date never lowers any investor's total (distributions and guarantees)", () => {
    fc.assert(
      fc.property(financeArb, outcomesArb, fc.integer({ min: 1, max: 5_000_000 }), (finance, outcomes, more) => {
        const before = run(finance, outcomes);
        const after = run(finance, [...outcomes.slice(0, -1), outcomes.at(-1)! + more]);
        for (const investor of before.investors) {
          const later = after.investors.find((entry) => entry.party === investor.party)!;
          const total = (entry: typeof investor) => cents(entry.distributions.amount) + cents(entry.guaranteed.amount);
          expect(total(later)).toBeGreaterThanOrEqual(total(investor));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("the simulation's runs", () => {
  it("give exactly the outcome payments settle gives, for any contract and verified results", () => {
    fc.assert(
      fc.property(contractArb({ payerCaps: true, metricCaps: true }), verifiedResultsArb(), (contractJson, results) => {
        const contract = parseContract(contractJson);
        const settlement = settle(contract, results, { asOf: "2029-12-31" });
        const values = new Map(
          results.map((result) => [`${result.metric!}|period:${result.period!}`, String(result.value)]),
        );
        const plan = planSimulation(contract, {
          runs: 1,
          seed: 1,
          results: contract.metrics.map((metric) => ({
            metric: metric.id,
            distribution: { type: "samples" as const, values: [1] },
          })),
        });
        const fast = runReceipts(plan, values);
        expect(fast).toEqual(receiptsOf(settlement));
      }),
      { numRuns: 100 },
    );
  });
});

describe("purity", () => {
  it("cashFlows and returns never change their inputs, return frozen data, and a contract with finance survives a JSON round-trip", () => {
    fc.assert(
      fc.property(financeArb, outcomesArb, (finance, outcomes) => {
        const snapshot = JSON.stringify(finance);
        const flows = run(finance, outcomes);
        expect(JSON.stringify(finance)).toBe(snapshot);
        expect(Object.isFrozen(flows) && Object.isFrozen(flows.flows[0]) && Object.isFrozen(flows.steps)).toBe(true);
        const tranches = outcomes.map((_, index) => ({ id: `t${index + 1}`, dueDate: DUE[index]! }));
        const contract = financeContract(tranches, finance);
        expect(parseContract(JSON.parse(JSON.stringify(contract)))).toEqual(contract);
      }),
      { numRuns: 50 },
    );
  });
});
