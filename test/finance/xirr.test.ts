import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IRR_TOLERANCE, npvAt, timedFlows, xirr, type TimedFlow } from "../../src/index.js";
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

  it("a double root (−100, +200, −100 at 0%): undetermined, roots-too-close, near 0% — never none", () => {
    const result = xirr([
      { t: 0, amount: -100 },
      { t: 1, amount: 200 },
      { t: 2, amount: -100 },
    ]);
    expect(result.kind).toBe("undetermined");
    if (result.kind !== "undetermined") return;
    expect(result.reason).toBe("roots-too-close");
    expect(Math.abs(result.near)).toBeLessThan(1e-6);
  });

  it("roots a ten-millionth apart (10% and 10.000011%): undetermined rather than a guess", () => {
    const result = xirr(fromPolynomial([1.1, 1.1 * (1 + 1e-7)]));
    expect(result.kind).toBe("undetermined");
    if (result.kind !== "undetermined") return;
    expect(result.near).toBeCloseTo(0.1, 6);
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

/**
 * Flows whose NPV is scale × Π (1 − Gᵢ w) in w = (1 + r)^−step, at times start, start + step, …: roots at the
 * rates Gᵢ^(1/step) − 1. The coefficients are rounded to doubles, which moves the roots very slightly.
 */
function fromPolynomial(growths: readonly number[], scale = 1, step = 1, start = 0): TimedFlow[] {
  let coefficients = [scale];
  for (const growth of growths) {
    coefficients = [...coefficients, 0].map((c, k) => c - (k > 0 ? growth * coefficients[k - 1]! : 0));
  }
  return coefficients.map((amount, k) => ({ t: start + k * step, amount }));
}

describe("xirr: every root, however close", () => {
  it("−1000, +4020, −4040 a year apart: both IRRs, 100% and 102%", () => {
    const result = xirr([
      { t: 0, amount: -1000 },
      { t: 1, amount: 4020 },
      { t: 2, amount: -4040 },
    ]);
    expect(result.kind).toBe("multiple");
    if (result.kind !== "multiple") return;
    expect(result.beyondRange).toBeUndefined();
    expect(result.rates).toHaveLength(2);
    expect(Math.abs(result.rates[0]! - 1)).toBeLessThan(1e-9);
    expect(Math.abs(result.rates[1]! / 1.02 - 1)).toBeLessThan(1e-9);
  });

  it("−1000, +3705, −4523, +1823.25 a year apart: all three IRRs, 10%, 10.5% and 50% — not a unique 50%", () => {
    const result = xirr([
      { t: 0, amount: -1000 },
      { t: 1, amount: 3705 },
      { t: 2, amount: -4523 },
      { t: 3, amount: 1823.25 },
    ]);
    expect(result.kind).toBe("multiple");
    if (result.kind !== "multiple") return;
    expect(result.rates).toHaveLength(3);
    [0.1, 0.105, 0.5].forEach((rate, index) => {
      expect(Math.abs(result.rates[index]! / rate - 1)).toBeLessThan(1e-9);
    });
  });

  it("two rates a millionth apart (10% and 10.00011%) are both found", () => {
    const result = xirr(fromPolynomial([1.1, 1.1 * (1 + 1e-6)]));
    expect(result.kind).toBe("multiple");
    if (result.kind !== "multiple") return;
    // the coefficients' rounding alone moves roots this close by a few parts in 10⁹
    expect(result.rates[0]).toBeCloseTo(0.1, 8);
    expect(result.rates[1]).toBeCloseTo(0.1 + 1.1e-6, 8);
  });

  it("a flat inflection of the NPV (1.5, −3, +3, −1: (1 − v)³ + ½) is not taken for close roots: one rate", () => {
    const result = xirr([
      { t: 0, amount: 1.5 },
      { t: 1, amount: -3 },
      { t: 2, amount: 3 },
      { t: 3, amount: -1 },
    ]);
    expect(result.kind).toBe("rate");
    if (result.kind !== "rate") return;
    expect(Math.abs(result.rate - (1 / (1 + 0.5 ** (1 / 3)) - 1))).toBeLessThan(1e-12);
  });

  it("one root at 10% and one beyond 10⁹: multiple, the 10% listed, the other counted in beyondRange", () => {
    expect(xirr(fromPolynomial([1.1, 1 + 1e10]))).toEqual({
      kind: "multiple",
      rates: [expect.closeTo(0.1, 12)],
      beyondRange: 1,
    });
  });

  it("several sign changes, every root beyond 10⁹: none, out-of-range", () => {
    expect(xirr(fromPolynomial([1 + 2e9, 1 + 3e9]))).toEqual({ kind: "none", reason: "out-of-range" });
  });

  it("flows out of time order, or twice at one time, are ordered and netted first", () => {
    const result = xirr([
      { t: 2, amount: -4000 },
      { t: 0, amount: -1000 },
      { t: 1, amount: 4020 },
      { t: 2, amount: -40 },
      { t: 3, amount: 0 },
    ]);
    expect(result.kind).toBe("multiple");
    if (result.kind !== "multiple") return;
    expect(result.rates[0]).toBeCloseTo(1, 9);
    expect(result.rates[1]).toBeCloseTo(1.02, 9);
  });
});

/** A double as m × 2^e, m and e integers: exactly. */
function exactly(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return exponent === 0 ? { m: sign * fraction, e: -1074 } : { m: sign * (fraction | (1n << 52n)), e: exponent - 1075 };
}

/** Σ cₖ wᵏ and Σ |cₖ| wᵏ in exact rational arithmetic, as integers over a common power of two. */
function exactPolynomial(coefficients: readonly number[], w: number): { value: bigint; size: bigint } {
  const point = exactly(w);
  const terms = coefficients.map((c, k) => {
    const coefficient = exactly(c);
    return { m: coefficient.m * point.m ** BigInt(k), e: coefficient.e + k * point.e };
  });
  const lowest = Math.min(...terms.map((term) => term.e));
  let value = 0n;
  let size = 0n;
  for (const term of terms) {
    const scaled = term.m << BigInt(term.e - lowest);
    value += scaled;
    size += scaled < 0n ? -scaled : scaled;
  }
  return { value, size };
}

const exactSign = (coefficients: readonly number[], w: number) => {
  const { value } = exactPolynomial(coefficients, w);
  return value > 0n ? 1 : value < 0n ? -1 : 0;
};

/** |Σ cₖ wᵏ| / Σ |cₖ| wᵏ, exactly up to the final rounding. */
const exactRatio = (coefficients: readonly number[], w: number) => {
  const { value, size } = exactPolynomial(coefficients, w);
  return Number(((value < 0n ? -value : value) << 256n) / size) / 2 ** 256;
};

/**
 * Double precision cannot tell roots apart when the NPV between them stays within this fraction of the size of
 * the discounted flows (Σ |flow| / (1 + r)^t): some 450 units in the last place. The solver's bound on its own
 * rounding, which it must exceed to take a sign, is at most about 60 units for the flows built below.
 */
const INDISTINGUISHABLE = 1e-13;

describe("xirr: laws", () => {
  // 1 to 3 rates from −85% to 300%, each either anywhere or a relative 10⁻⁶ to 5% above the one before (in 1 + r
  // per step); steps of a year, half a year or a quarter, from t = 0, ½ or 2; any scale and sign
  const constructed = fc.record({
    first: fc.integer({ min: -850, max: 3000 }),
    more: fc.array(
      fc.oneof(
        fc.constantFrom(1e-6, 2e-6, 3e-6, 1e-5, 1e-4, 1e-2, 0.05),
        fc.integer({ min: -850, max: 3000 }).map((permille) => ({ permille })),
      ),
      { maxLength: 2 },
    ),
    step: fc.constantFrom(1, 0.5, 0.25),
    start: fc.constantFrom(0, 0.5, 2),
    scale: fc.constantFrom(1, -1, 1000, -2500.5, 3e6),
  });

  it("flows built from known roots in v = 1/(1 + r): every root is found and nothing else, or undetermined only for roots closer than doubles can tell", () => {
    fc.assert(
      fc.property(constructed, ({ first, more, step, start, scale }) => {
        const growthOf = (permille: number) => (1 + permille / 1000) ** step;
        const growths = [growthOf(first)];
        for (const next of more) {
          const growth = typeof next === "number" ? growths[growths.length - 1]! * (1 + next) : growthOf(next.permille);
          if (growths.every((other) => Math.abs(growth / other - 1) > 5e-7)) growths.push(growth);
        }
        growths.sort((a, b) => a - b); // ascending growth: descending w, ascending rate
        const flows = fromPolynomial(growths, scale, step, start);
        const coefficients = flows.map((flow) => flow.amount);
        // The coefficients alternate in sign (Descartes: at most growths.length positive roots in w), and an exact
        // sign change near each constructed root proves it is there: so these are exactly the roots.
        const roots = growths.map((growth) => 1 / growth);
        const result = xirr(flows);
        const separable = roots.every(
          (w, i) => i === 0 || exactRatio(coefficients, (w + roots[i - 1]!) / 2) > INDISTINGUISHABLE,
        );
        if (result.kind === "undetermined") {
          const rates = growths.map((growth) => growth ** (1 / step) - 1);
          return !separable && result.near > rates[0]! - 1e-3 && result.near < rates[rates.length - 1]! + 1e-3;
        }
        const found = result.kind === "rate" ? [result.rate] : result.kind === "multiple" ? result.rates : [];
        if (result.kind === "multiple" && result.beyondRange !== undefined) return false;
        if (found.length !== roots.length) return false;
        // each rate found sits in a window of ±10⁻⁷ (relative, in w) over which the exact NPV changes sign, around
        // the constructed root; the windows, lowest rate first, are disjoint
        const window = 1e-7;
        return found.every((rate, i) => {
          const w = (1 + rate) ** -step;
          const below = exactSign(coefficients, w * (1 - window));
          const above = exactSign(coefficients, w * (1 + window));
          const disjoint = i === 0 || (1 + found[i - 1]!) ** -step * (1 - window) > w * (1 + window);
          return below !== 0 && above !== 0 && below !== above && disjoint && Math.abs(w / roots[i]! - 1) < 2 * window;
        });
      }),
      { numRuns: 1000 },
    );
  });

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
