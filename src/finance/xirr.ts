/**
 * The internal rate of return on actual dates (XIRR) and the net present value at a rate.
 *
 * Day count: actual/365, as spreadsheet XIRR (LibreOffice, Excel) and scipy-based references use. A flow
 * on day d is discounted by (1 + r)^((d − d₀) / 365), d₀ being the date of the earliest flow. Rates are
 * annual, effective (compounded), as fractions: 0.05 is 5%.
 *
 * IRR is a rate, not money, so it is a JavaScript number. The solver never returns NaN or a guess: it
 * answers with one of the kinds of `IrrResult`.
 */

/** A dated flow for the solver: `t` in years from the first flow (days / 365), `amount` signed. */
export interface TimedFlow {
  readonly t: number;
  readonly amount: number;
}

/**
 * The IRR, or why there is none:
 * - `rate`: the unique rate in (−100%, +∞) at which the NPV is zero. Unique is proven when the flows change
 *   sign once (Descartes' rule of signs holds for sums of powers with real exponents); with more sign
 *   changes it is the only root found by a scan of rates from −99.9999999% to 10⁹%.
 * - `none`: no rate makes the NPV zero: the flows all have one sign (`all-one-sign`), or the scan found no
 *   root (`no-root`), or the one root lies beyond the rates searched (`out-of-range`).
 * - `multiple`: several rates make the NPV zero (the flows change sign more than once); all are listed,
 *   lowest first, and none is chosen.
 */
export type IrrResult =
  | { readonly kind: "rate"; readonly rate: number }
  | { readonly kind: "none"; readonly reason: "all-one-sign" | "no-root" | "out-of-range" }
  | { readonly kind: "multiple"; readonly rates: readonly number[] };

/**
 * The solver stops when the root is known to within this (absolute, on the rate), plus 4 × 2⁻⁵² of the
 * rate itself (the resolution of a double: it matters only for rates in the millions of percent).
 */
export const IRR_TOLERANCE = 1e-12;

const LOWEST_GROWTH = 1e-9; // 1 + r, i.e. r = −99.9999999%
const HIGHEST_RATE = 1e9;

/**
 * Σ amount / (1 + rate)^t, in floating point (for the solver).
 *
 * @example
 * npvAt(timedFlows([{ day: 0, amount: -100 }, { day: 365, amount: 110 }]), 0.1); // 0 (within rounding)
 */
export function npvAt(flows: readonly TimedFlow[], rate: number): number {
  const logGrowth = Math.log1p(rate);
  let total = 0;
  for (const flow of flows) total += flow.amount * Math.exp(-logGrowth * flow.t);
  return total;
}

/**
 * Flows netted by day and timed from the first: the form XIRR works on. Zero flows are dropped.
 *
 * @example
 * timedFlows([{ day: 400, amount: 5 }, { day: 35, amount: -10 }]); // [{ t: 0, amount: -10 }, { t: 1, amount: 5 }]
 */
export function timedFlows(flows: readonly { readonly day: number; readonly amount: number }[]): TimedFlow[] {
  const byDay = new Map<number, number>();
  for (const flow of flows) byDay.set(flow.day, (byDay.get(flow.day) ?? 0) + flow.amount);
  const days = [...byDay.keys()].filter((day) => byDay.get(day) !== 0).sort((a, b) => a - b);
  const first = days[0] ?? 0;
  return days.map((day) => ({ t: (day - first) / 365, amount: byDay.get(day)! }));
}

function signChanges(flows: readonly TimedFlow[]): number {
  let changes = 0;
  let last = 0;
  for (const flow of flows) {
    const sign = Math.sign(flow.amount);
    if (sign === 0) continue;
    if (last !== 0 && sign !== last) changes += 1;
    last = sign;
  }
  return changes;
}

/**
 * The internal rate of return of flows timed in years (see `timedFlows`).
 *
 * @example
 * xirr([{ t: 0, amount: -1000 }, { t: 1, amount: 1100 }]); // { kind: "rate", rate: 0.1 } (within 1e-12)
 */
export function xirr(flows: readonly TimedFlow[]): IrrResult {
  const changes = signChanges(flows);
  if (changes === 0) return { kind: "none", reason: "all-one-sign" };
  const f = (rate: number) => npvAt(flows, rate);
  if (changes === 1) {
    // Exactly one root. As the rate falls towards −100% the NPV takes the sign of the last flow; as it
    // rises without bound, the sign of the first. Start at 10% and widen on the side that needs it.
    const lastSign = Math.sign(flows[flows.length - 1]!.amount);
    let lo = 0.1;
    let hi = 0.1;
    let flo = f(lo);
    if (flo === 0) return { kind: "rate", rate: lo };
    let fhi = flo;
    if (Math.sign(flo) === lastSign) {
      while (Math.sign(fhi) === lastSign) {
        if (hi >= HIGHEST_RATE) return { kind: "none", reason: "out-of-range" };
        lo = hi;
        flo = fhi;
        hi = Math.min(HIGHEST_RATE, hi * 4 + 1);
        fhi = f(hi);
        if (fhi === 0) return { kind: "rate", rate: hi };
      }
    } else {
      while (Math.sign(flo) !== lastSign) {
        if (lo <= -1 + LOWEST_GROWTH) return { kind: "none", reason: "out-of-range" };
        hi = lo;
        fhi = flo;
        lo = -1 + Math.max(LOWEST_GROWTH, (1 + lo) / 4);
        flo = f(lo);
        if (flo === 0) return { kind: "rate", rate: lo };
      }
    }
    return { kind: "rate", rate: brent(f, lo, hi, flo, fhi) };
  }
  const roots = scanRoots(f);
  if (roots.length === 0) return { kind: "none", reason: "no-root" };
  if (roots.length === 1) return { kind: "rate", rate: roots[0]! };
  return { kind: "multiple", rates: roots };
}

/** Every root found on a grid of ln(1 + r) from ln(1e-9) to ln(1e9 + 1), each refined by Brent. */
function scanRoots(f: (rate: number) => number): number[] {
  const steps = 2000;
  const from = Math.log(LOWEST_GROWTH);
  const to = Math.log1p(HIGHEST_RATE);
  const roots: number[] = [];
  let previousRate = Math.expm1(from);
  let previous = f(previousRate);
  for (let i = 1; i <= steps; i += 1) {
    const rate = Math.expm1(from + ((to - from) * i) / steps);
    const value = f(rate);
    if (previous === 0) roots.push(previousRate);
    else if (value !== 0 && Math.sign(value) !== Math.sign(previous))
      roots.push(brent(f, previousRate, rate, previous, value));
    previousRate = rate;
    previous = value;
  }
  if (previous === 0) roots.push(previousRate);
  return roots;
}

/** Brent's method on a bracket [a, b] with f(a), f(b) of opposite signs; converges to `IRR_TOLERANCE`. */
function brent(f: (x: number) => number, a: number, b: number, fa: number, fb: number): number {
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + IRR_TOLERANCE / 2;
    const middle = (c - b) / 2;
    if (Math.abs(middle) <= tolerance || fb === 0) return b;
    if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // inverse quadratic interpolation, or the secant when only two points are distinct
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * middle * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * middle * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * middle * q - Math.abs(tolerance * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = middle;
        e = d;
      }
    } else {
      d = middle;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tolerance ? d : middle > 0 ? tolerance : -tolerance;
    fb = f(b);
  }
  return b;
}
