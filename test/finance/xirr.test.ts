import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IRR_TOLERANCE, npvAt, timedFlows, xirr } from "../../src/index.js";
import reference from "./reference/xirr-cases.json" with { type: "json" };

/**
 * XIRR against reference values computed once by test/finance/reference/xirr_reference.py (SciPy's brentq on
 * the actual/365 NPV, the convention of spreadsheet XIRR), and the solver's laws.
 */

const dayOf = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
const timed = (flows: readonly { date: string; amount: number }[]) =>
  timedFlows(flows.map((flow) => ({ day: dayOf(flow.date), amount: flow.amount })));

describe("xirr: reference values (SciPy brentq on actual/365 NPV)", () => {
  for (const reference_case of reference.cases) {
    it(`${reference_case.name}: IRR within 1e-9 of the reference`, () => {
      const result = xirr(timed(reference_case.flows));
      expect(result.kind).toBe("rate");
      if (result.kind !== "rate") return;
      expect(Math.abs(result.rate - reference_case.irr)).toBeLessThan(1e-9 * Math.max(1, Math.abs(reference_case.irr)));
    });
    it(`${reference_case.name}: NPV at 0%, 5% and 15% within 1e-9 relative of the reference`, () => {
      for (const { rate, npv } of reference_case.npv) {
        expect(Math.abs(npvAt(timed(reference_case.flows), rate) - npv)).toBeLessThan(
          1e-9 * Math.max(1, Math.abs(npv)),
        );
      }
    });
  }
});

describe("xirr: when there is no single answer", () => {
  it("all flows of one sign: none, all-one-sign (a total loss has no IRR)", () => {
    expect(xirr([{ t: 0, amount: -100 }])).toEqual({ kind: "none", reason: "all-one-sign" });
    expect(
      xirr([
        { t: 0, amount: 100 },
        { t: 1, amount: 5 },
      ]),
    ).toEqual({ kind: "none", reason: "all-one-sign" });
    expect(xirr([])).toEqual({ kind: "none", reason: "all-one-sign" });
  });

  it("two roots, 10% and 20% (−100, +230, −132): multiple, both listed, none chosen", () => {
    const result = xirr([
      { t: 0, amount: -100 },
      { t: 1, amount: 230 },
      { t: 2, amount: -132 },
    ]);
    expect(result.kind).toBe("multiple");
    if (result.kind !== "multiple") return;
    expect(result.rates).toHaveLength(2);
    expect(result.rates[0]).toBeCloseTo(0.1, 10);
    expect(result.rates[1]).toBeCloseTo(0.2, 10);
  });

  it("sign changes but no root (−100, +50, −100): none, no-root", () => {
    expect(
      xirr([
        { t: 0, amount: -100 },
        { t: 1, amount: 50 },
        { t: 2, amount: -100 },
      ]),
    ).toEqual({ kind: "none", reason: "no-root" });
  });

  it("a root beyond 10⁹ (a millionfold in 3.65 days): none, out-of-range — never a wrong number", () => {
    expect(
      xirr([
        { t: 0, amount: -1 },
        { t: 0.01, amount: 1e6 },
      ]),
    ).toEqual({ kind: "none", reason: "out-of-range" });
  });
});

describe("xirr: laws", () => {
  const flowsWithOneSignChange = fc
    .record({
      out: fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 4 }),
      back: fc.array(fc.integer({ min: 0, max: 20_000_000 }), { minLength: 1, maxLength: 5 }),
      gaps: fc.array(fc.integer({ min: 1, max: 800 }), { minLength: 9, maxLength: 9 }),
    })
    .filter(({ back }) => back.some((amount) => amount > 0));

  it("when the IRR exists, the NPV at the IRR is zero within the tolerance", () => {
    fc.assert(
      fc.property(flowsWithOneSignChange, ({ out, back, gaps }) => {
        let day = 0;
        const flows = [...out.map((amount) => -amount), ...back].map((amount, index) => {
          day += gaps[index]!;
          return { day, amount };
        });
        const timedFlowsList = timedFlows(flows);
        const result = xirr(timedFlowsList);
        if (result.kind === "none" && result.reason === "out-of-range") {
          // only when no rate from −99.9999999% to 10⁹ changes the NPV's sign
          return Math.sign(npvAt(timedFlowsList, -1 + 1e-9)) === Math.sign(npvAt(timedFlowsList, 1e9));
        }
        if (result.kind !== "rate") return false;
        // the residual is tiny next to the discounted flows it sums, and the NPV changes sign within the tolerance
        const growth = Math.log1p(result.rate);
        const magnitude = timedFlowsList.reduce(
          (acc, flow) => acc + Math.abs(flow.amount) * Math.exp(-growth * flow.t),
          0,
        );
        const step = 10 * (IRR_TOLERANCE + 4 * Number.EPSILON * Math.abs(result.rate));
        const below = npvAt(timedFlowsList, result.rate - step);
        const above = npvAt(timedFlowsList, Math.min(result.rate + step, 1e9));
        // Near the float's limits (rates of thousands of percent, or a hair above −100%) the NPV on both sides
        // of the root can be rounding noise of one sign: then being that close to zero is the evidence.
        const noise = Math.max(Math.abs(below), Math.abs(above)) <= 1e-9 * magnitude;
        return (
          Math.abs(npvAt(timedFlowsList, result.rate)) <= 1e-6 * magnitude &&
          (below === 0 || above === 0 || Math.sign(below) !== Math.sign(above) || noise)
        );
      }),
      { numRuns: 200 },
    );
  });

  it("flows on one date are netted; zero flows are dropped; time starts at the first flow", () => {
    expect(
      timedFlows([
        { day: 400, amount: 5 },
        { day: 35, amount: -10 },
        { day: 400, amount: 6 },
        { day: 100, amount: 0 },
      ]),
    ).toEqual([
      { t: 0, amount: -10 },
      { t: 1, amount: 11 },
    ]);
  });
});
