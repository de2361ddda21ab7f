/**
 * The internal rate of return on actual dates (XIRR) and the net present value at a rate.
 *
 * Day count: actual/365, as spreadsheet XIRR (LibreOffice, Excel) and scipy-based references use. A flow
 * on day d is discounted by (1 + r)^((d − d₀) / 365), d₀ being the date of the earliest flow. Rates are
 * annual, effective (compounded), as fractions: 0.05 is 5%.
 *
 * IRR is a rate, not money, so it is a JavaScript number. The solver never returns NaN or a guess: it
 * answers with one of the kinds of `IrrResult`.
 *
 * How every root is found. In x = ln(1 + r) the NPV is an exponential sum E(x) = Σ aᵢ e^(−tᵢ x). When the
 * amounts change sign once, E has exactly one root (Descartes' rule of signs holds for such sums) and the
 * solver brackets it directly. With more sign changes it multiplies E by e^(c x), c the time of the last
 * flow before the first sign change, and differentiates: the result is again an exponential sum, with one
 * sign change fewer, whose roots are the turning points of e^(c x) E(x) — found the same way, recursively.
 * Between consecutive turning points the NPV is monotone, so each piece holds at most one root, bracketed
 * by the signs at its ends. A sign is taken only where the computed value exceeds a bound on its rounding
 * error. Where it does not — a turning point within rounding of zero — the solver steps away from the point
 * until the sign is certain; when the stretch it could not resolve may hold two roots or more, or none, the
 * answer is `undetermined`. Beyond two bounds computed from the amounts one flow outweighs all the others,
 * so the search covers every root; those beyond the rates reported (below −99.9999999% or above 10⁹) are
 * counted, not listed.
 */

import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { deepFreeze } from "../util/freeze.js";
import { markIssued } from "../util/issued.js";

/** A dated flow for the solver: `t` in years from the first flow (days / 365), `amount` signed. */
export interface TimedFlow {
  readonly t: number;
  readonly amount: number;
}

/**
 * The IRR, or why there is none:
 * - `rate`: the unique rate in (−100%, +∞) at which the NPV is zero; it lies from −99.9999999% to 10⁹ (10¹¹%).
 *   Unique is proven: by Descartes' rule of signs when the flows change sign once (it holds for sums of
 *   powers with real exponents), by the solver's sign analysis of the NPV's turning points otherwise.
 * - `none`: no rate in that range makes the NPV zero: the flows all have one sign (`all-one-sign`), or they change sign but
 *   the NPV never reaches zero (`no-root`), or its roots all lie beyond the rates searched (`out-of-range`).
 * - `multiple`: several rates make the NPV zero (the flows change sign more than once); all those from
 *   −99.9999999% to 10⁹ are listed, lowest first, and none is chosen. `beyondRange`, present only when it is
 *   not zero, counts further roots beyond that range (then `rates` may hold a single rate).
 * - `undetermined`: somewhere the NPV comes within rounding error of zero, and double precision cannot tell
 *   whether it touches, crosses twice or misses zero there (`roots-too-close`): a double root (e.g. −100,
 *   +200, −100 at 0%), or two roots closer than the arithmetic can separate (about 10⁻⁷ apart or less,
 *   depending on the flows), or none. `near` is a rate in that stretch. No rate is chosen.
 */
export type IrrResult =
  | { readonly kind: "rate"; readonly rate: number }
  | { readonly kind: "none"; readonly reason: "all-one-sign" | "no-root" | "out-of-range" }
  | { readonly kind: "multiple"; readonly rates: readonly number[]; readonly beyondRange?: number }
  | { readonly kind: "undetermined"; readonly reason: "roots-too-close"; readonly near: number };

/**
 * The solver stops when the root is known to within this (absolute, on the rate), plus 4 × 2⁻⁵² of the
 * rate itself (the resolution of a double: it matters only for rates in the millions of percent).
 */
export const IRR_TOLERANCE = 1e-12;

const LOWEST_GROWTH = 1e-9; // 1 + r, i.e. r = −99.9999999%
const HIGHEST_RATE = 1e9;

/** Σ amount / (1 + rate)^t, unchecked: the solver's own, which may meet ±Infinity near −100%. */
function npv(flows: readonly TimedFlow[], rate: number): number {
  const logGrowth = Math.log1p(rate);
  let total = 0;
  for (const flow of flows) total += flow.amount * Math.exp(-logGrowth * flow.t);
  return total;
}

type Report = (path: readonly (string | number)[], code: string, message: string) => void;

/**
 * Checks a list of flows whose fields are finite numbers (`t` and `amount`, or `day` and `amount`), so that no
 * NaN or Infinity reaches the solver. @throws OptionsError listing every problem with its path, e.g. `$[3].amount`.
 */
function checkFlows(flows: unknown, time: "t" | "day"): void {
  const issues: InputIssue[] = [];
  const report: Report = (path, code, message) => issues.push(issue(path, code, message));
  if (!Array.isArray(flows)) {
    report([], "invalid_type", `expected a list of flows ({ ${time}, amount }), got ${describeValue(flows)}`);
  } else {
    for (let index = 0; index < flows.length && issues.length < 100; index += 1) {
      const flow: unknown = flows[index];
      if (flow === null || typeof flow !== "object") {
        report([index], "invalid_type", `expected a flow ({ ${time}, amount }), got ${describeValue(flow)}`);
        continue;
      }
      for (const key of [time, "amount"] as const) {
        const value = (flow as Record<string, unknown>)[key];
        if (typeof value !== "number" || !Number.isFinite(value))
          report(
            [index, key],
            "not_finite",
            `the ${key === "amount" ? "amount" : key === "t" ? "time t (in years)" : "day"} must be a finite number, got ${describeValue(value)}`,
          );
      }
    }
  }
  if (issues.length > 0) throw new OptionsError(issues);
}

/** Flows netted at one time must stay finite: two amounts near the largest double can add up to Infinity. */
function checkNetted(amounts: Iterable<number>): void {
  for (const amount of amounts)
    if (!Number.isFinite(amount))
      throw new OptionsError([
        issue([], "not_finite", "flows at the same time add up beyond the range of a double (about 1.8e308)"),
      ]);
}

/**
 * Σ amount / (1 + rate)^t, in floating point: the net present value of timed flows at an annual rate above
 * −100%, the function the IRR solver finds the roots of.
 *
 * @example
 * npvAt(timedFlows([{ day: 0, amount: -100 }, { day: 365, amount: 110 }]), 0.1); // 0 (within rounding)
 * @throws OptionsError when a flow's `t` or `amount` is not a finite number (`not_finite`, at `$[i].amount`), when
 * the rate is not a finite number above −1 (`invalid_rate`, at `$.rate`: at −100% or below nothing is
 * discounted to a number), or when the NPV passes the range of a double (`not_finite`).
 */
export function npvAt(flows: readonly TimedFlow[], rate: number): number {
  checkFlows(flows, "t");
  if (typeof rate !== "number" || !(rate > -1) || !Number.isFinite(rate))
    throw new OptionsError([
      issue(
        ["rate"],
        "invalid_rate",
        `the rate must be a finite number above −1 (−100%), e.g. 0.05 for 5%, got ${describeValue(rate)}`,
      ),
    ]);
  const total = npv(flows, rate);
  if (!Number.isFinite(total))
    throw new OptionsError([
      issue(
        ["rate"],
        "not_finite",
        `at the rate ${rate} the NPV of these flows passes the range of a double (about 1.8e308): choose a rate further from −100%`,
      ),
    ]);
  return total;
}

/**
 * Flows netted by day and timed from the first: the form XIRR works on. Zero flows are dropped.
 *
 * @example
 * timedFlows([{ day: 400, amount: 5 }, { day: 35, amount: -10 }]); // [{ t: 0, amount: -10 }, { t: 1, amount: 5 }]
 * @throws OptionsError when a flow's `day` or `amount` is not a finite number (`not_finite`, at `$[i].amount`).
 */
export function timedFlows(flows: readonly { readonly day: number; readonly amount: number }[]): TimedFlow[] {
  checkFlows(flows, "day");
  const byDay = new Map<number, number>();
  for (const flow of flows) byDay.set(flow.day, (byDay.get(flow.day) ?? 0) + flow.amount);
  checkNetted(byDay.values());
  const days = [...byDay.keys()].filter((day) => byDay.get(day) !== 0).sort((a, b) => a - b);
  const first = days[0] ?? 0;
  return days.map((day) => ({ t: (day - first) / 365, amount: byDay.get(day)! }));
}

/** The flows in time order, netted by time, without zeros (the flows themselves when they already are). */
function ordered(flows: readonly TimedFlow[]): readonly TimedFlow[] {
  let tidy = true;
  for (let i = 0; i < flows.length && tidy; i += 1) {
    tidy = flows[i]!.amount !== 0 && (i === 0 || flows[i]!.t > flows[i - 1]!.t);
  }
  if (tidy) return flows;
  const byTime = new Map<number, number>();
  for (const flow of flows) byTime.set(flow.t, (byTime.get(flow.t) ?? 0) + flow.amount);
  return [...byTime.entries()]
    .filter(([, amount]) => amount !== 0)
    .sort(([a], [b]) => a - b)
    .map(([t, amount]) => ({ t, amount }));
}

function signChanges(amounts: readonly number[]): number {
  let changes = 0;
  for (let i = 1; i < amounts.length; i += 1) if (Math.sign(amounts[i]!) !== Math.sign(amounts[i - 1]!)) changes += 1;
  return changes;
}

/**
 * The internal rate of return of flows timed in years (see `timedFlows`). Flows given out of order, or twice
 * at one time, are ordered and netted first. The result is frozen, and the library knows it as its own: `irrText`
 * takes it (and no copy of it).
 *
 * @example
 * xirr([{ t: 0, amount: -1000 }, { t: 1, amount: 1100 }]); // { kind: "rate", rate: 0.1 } (within 1e-12)
 * xirr([{ t: 0, amount: -1000 }, { t: 1, amount: 4020 }, { t: 2, amount: -4040 }]); // { kind: "multiple", rates: [1, 1.02] } (each within 1e-12)
 * xirr([{ t: 0, amount: -100 }, { t: 1, amount: 200 }, { t: 2, amount: -100 }]); // { kind: "undetermined", reason: "roots-too-close", near: ≈ 0 }
 * @throws OptionsError when a flow's `t` or `amount` is not a finite number (`not_finite`, at `$[i].amount`):
 * the solver never answers on a NaN.
 */
export function xirr(flows: readonly TimedFlow[]): IrrResult {
  return markIssued(deepFreeze(solveIrr(flows)), "irr");
}

/**
 * @internal `xirr` without marking its result as issued: for the many IRRs of a simulation, which never leave
 * it. `checked: false` skips the check of the flows, for a caller whose flows are finite numbers by construction
 * (made from whole minor units and day numbers). @throws OptionsError as `xirr` does.
 */
export function solveIrr(flows: readonly TimedFlow[], checked = true): IrrResult {
  if (checked) checkFlows(flows, "t");
  const timed = ordered(flows);
  const amounts = timed.map((flow) => flow.amount);
  if (timed !== flows) checkNetted(amounts);
  const changes = signChanges(amounts);
  if (changes === 0) return { kind: "none", reason: "all-one-sign" };
  if (changes > 1) return severalSignChanges(timed, amounts);
  const f = (rate: number) => npv(timed, rate);
  // Exactly one root. As the rate falls towards −100% the NPV takes the sign of the last flow; as it
  // rises without bound, the sign of the first. Start at 10% and widen on the side that needs it.
  const lastSign = Math.sign(amounts[amounts.length - 1]!);
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

/** Every root of the NPV of flows whose amounts change sign more than once: see the module's comment. */
function severalSignChanges(timed: readonly TimedFlow[], amounts: readonly number[]): IrrResult {
  const start = timed[0]!.t;
  const npv = exponentialSum(
    amounts,
    timed.map((flow) => flow.t - start),
  );
  const low = Math.log(LOWEST_GROWTH);
  const high = Math.log1p(HIGHEST_RATE);
  const [from, to] = rootBounds(npv, low, high);
  const pieces = analyse(npv, from, to);
  const unresolved = pieces.find((piece) => !piece.root);
  if (unresolved !== undefined) {
    return { kind: "undetermined", reason: "roots-too-close", near: Math.expm1((unresolved.lo + unresolved.hi) / 2) };
  }
  const rates: number[] = [];
  let beyondRange = 0;
  for (const piece of pieces) {
    const { x, lo, hi } = solve(npv, piece.lo, piece.hi);
    if (x < low || x > high) beyondRange += 1;
    else rates.push(polish(timed, lo, hi, x));
  }
  if (rates.length === 0) return { kind: "none", reason: beyondRange > 0 ? "out-of-range" : "no-root" };
  if (rates.length === 1 && beyondRange === 0) return { kind: "rate", rate: rates[0]! };
  return beyondRange > 0 ? { kind: "multiple", rates, beyondRange } : { kind: "multiple", rates };
}

/** The rate of a root bracketed in ln(1 + r), refined on the NPV itself to `IRR_TOLERANCE` when it can be. */
function polish(timed: readonly TimedFlow[], lo: number, hi: number, x: number): number {
  const f = (rate: number) => npv(timed, rate);
  const a = Math.expm1(lo);
  const b = Math.expm1(hi);
  const fa = f(a);
  const fb = f(b);
  if (a < b && Number.isFinite(fa) && Number.isFinite(fb) && fa !== 0 && fb !== 0 && Math.sign(fa) !== Math.sign(fb))
    return brent(f, a, b, fa, fb);
  return Math.expm1(x);
}

/** Σ b[i] · e^(−s[i] x): exponents ascending, no coefficient zero. */
interface ExponentialSum {
  readonly b: readonly number[];
  readonly s: readonly number[];
  /** The largest |s[i]|. */
  readonly reach: number;
}

function exponentialSum(b: readonly number[], s: readonly number[]): ExponentialSum {
  return { b, s, reach: Math.max(Math.abs(s[0]!), Math.abs(s[s.length - 1]!)) };
}

/**
 * The sum at x divided by the sum of its terms' magnitudes: a number in [−1, 1] with the sum's sign, free of
 * overflow (the terms are scaled by e^(k x), k the smallest exponent when x ≥ 0 and the largest otherwise).
 */
function normalized(sum: ExponentialSum, x: number): number {
  const { b, s } = sum;
  const shift = x >= 0 ? s[0]! : s[s.length - 1]!;
  let value = 0;
  let magnitude = 0;
  for (let i = 0; i < b.length; i += 1) {
    const term = b[i]! * Math.exp((shift - s[i]!) * x);
    value += term;
    magnitude += Math.abs(term);
  }
  return value / magnitude;
}

/**
 * A bound on the rounding error of `normalized` at x, as a fraction of the magnitude: the exponent
 * (k − s[i]) · x is off by up to 2 × 2⁻⁵³ × 2 reach |x|, `Math.exp` and the product by a few units in the
 * last place, the sum of n terms by (n − 1) × 2⁻⁵³ of the magnitude; doubled for safety.
 */
function roundingBound(sum: ExponentialSum, x: number): number {
  return 2 * Number.EPSILON * (sum.b.length + 3 + 4 * Math.abs(x) * sum.reach);
}

/** The sign of a value whose error is at most `error`, or 0 when the error could change it. */
function certain(value: number, error: number): number {
  return Math.abs(value) > error ? Math.sign(value) : 0;
}

/** The sum at x, certain or 0, with the magnitudes used to bound how far it can move near x. */
function measure(sum: ExponentialSum, x: number, c: number) {
  const { b, s } = sum;
  const shift = x >= 0 ? s[0]! : s[s.length - 1]!;
  let value = 0;
  let magnitude = 0;
  let slope = 0; // Σ |s − c| |term|: the size of the derivative of e^(c x) E
  let curvature = 0; // Σ (s − c)² term: its second derivative
  let bend = 0; // Σ (s − c)² |term|
  let drift = 0; // Σ |s| |term|: the size of E's own derivative
  for (let i = 0; i < b.length; i += 1) {
    const term = b[i]! * Math.exp((shift - s[i]!) * x);
    const size = Math.abs(term);
    const away = s[i]! - c;
    value += term;
    magnitude += size;
    slope += Math.abs(away) * size;
    curvature += away * away * term;
    bend += away * away * size;
    drift += Math.abs(s[i]!) * size;
  }
  return { value, magnitude, slope, curvature, bend, drift, error: roundingBound(sum, x) * magnitude };
}

/**
 * Bounds beyond which one flow outweighs the others twice over, so that the sum has no root there:
 * for x ≥ ln(2 Σᵢ₌₁ |bᵢ| / |b₀|) / (s₁ − s₀) the first term does, and symmetrically the last one below. The
 * bounds returned also contain [low, high], with a margin of 1.
 */
function rootBounds(sum: ExponentialSum, low: number, high: number): [number, number] {
  const { b, s } = sum;
  const n = b.length;
  let rest = 0;
  for (let i = 1; i < n; i += 1) rest += Math.abs(b[i]!);
  const up = Math.log((2 * rest) / Math.abs(b[0]!)) / (s[1]! - s[0]!);
  rest = 0;
  for (let i = 0; i < n - 1; i += 1) rest += Math.abs(b[i]!);
  const down = -Math.log((2 * rest) / Math.abs(b[n - 1]!)) / (s[n - 1]! - s[n - 2]!);
  return [Math.min(low, Number.isFinite(down) ? down : low) - 1, Math.max(high, Number.isFinite(up) ? up : high) + 1];
}

/**
 * A stretch of the line: `root` when it holds exactly one root of the sum, which has opposite signs at its
 * ends (`rising` when negative at `lo`); otherwise an unresolved stretch, where it may have any number.
 */
interface Piece {
  readonly lo: number;
  readonly hi: number;
  readonly root: boolean;
  readonly rising: boolean;
}

/** A point or short stretch where the sum's sign is known (±1) or not (0); `turn` for a turning point. */
interface Mark {
  readonly lo: number;
  readonly hi: number;
  sign: number;
  readonly turn: "min" | "max" | "none";
}

/**
 * The roots of the sum on [from, to], each in a piece of its own, and the stretches where the arithmetic
 * cannot tell how many there are. The sum has no root outside the pieces.
 */
function analyse(sum: ExponentialSum, from: number, to: number): Piece[] {
  const { b, s } = sum;
  const n = b.length;
  const changes = signChanges(b);
  if (changes === 0) return [];
  const fromSign = Math.sign(normalized(sum, from)) || Math.sign(b[n - 1]!);
  const toSign = Math.sign(normalized(sum, to)) || Math.sign(b[0]!);
  if (changes === 1) return fromSign === toSign ? [] : [{ lo: from, hi: to, root: true, rising: fromSign < 0 }];
  // The turning points of e^(c x) E(x), c the exponent just before the first sign change: the roots of its
  // derivative Σ −(s − c) b e^(−(s − c) x), which keeps the signs before c, flips those after and drops the
  // term at c, so it changes sign once fewer.
  let first = 0;
  while (Math.sign(b[first + 1]!) === Math.sign(b[first]!)) first += 1;
  const c = s[first]!;
  const derivative = exponentialSum(
    b.flatMap((bi, i) => (i === first ? [] : [-(s[i]! - c) * bi])),
    s.flatMap((si, i) => (i === first ? [] : [si - c])),
  );
  const marks: Mark[] = [{ lo: from, hi: from, sign: fromSign, turn: "none" }];
  for (const piece of analyse(derivative, from, to)) {
    if (piece.root) {
      const { x, lo, hi } = solve(derivative, piece.lo, piece.hi);
      const at = measure(sum, x, c);
      // The true turning point may lie off x: by the bracket's width, and by the derivative's rounding error
      // over its slope. The sum there differs from the sum at x by at most half its curvature times that squared.
      const off = hi - lo + (2 * roundingBound(sum, x) * at.slope) / Math.abs(at.curvature);
      const flat = 0.5 * at.bend * off * off * Math.exp(derivative.reach * off);
      marks.push({ lo: x, hi: x, sign: certain(at.value, at.error + flat), turn: piece.rising ? "min" : "max" });
    } else {
      // the derivative's roots here are unresolved: the sum must keep one sign over the whole stretch
      const half = (piece.hi - piece.lo) / 2;
      const at = measure(sum, piece.lo + half, c);
      const drift = half * Math.exp(sum.reach * half) * at.drift;
      marks.push({ lo: piece.lo, hi: piece.hi, sign: certain(at.value, at.error + drift), turn: "none" });
    }
  }
  marks.push({ lo: to, hi: to, sign: toSign, turn: "none" });
  // A minimum next to a negative point is negative; a maximum next to a positive one, positive.
  for (let changed = true; changed; ) {
    changed = false;
    marks.forEach((mark, k) => {
      if (mark.sign !== 0 || mark.turn === "none") return;
      const sign = mark.turn === "min" ? -1 : 1;
      if (marks[k - 1]!.sign === sign || marks[k + 1]!.sign === sign) {
        mark.sign = sign;
        changed = true;
      }
    });
  }
  // From each point whose sign is unknown, step away on both sides until the sign is certain.
  const line: Mark[] = [];
  marks.forEach((mark, k) => {
    if (mark.sign !== 0) {
      line.push(mark);
      return;
    }
    const left = stepAway(sum, mark.lo, line[line.length - 1]!.hi, -1);
    if (left !== undefined) line.push(left);
    line.push(mark);
    const right = stepAway(sum, mark.hi, marks[k + 1]!.lo, 1);
    if (right !== undefined) line.push(right);
  });
  // Between consecutive certain points the sum is monotone, or turns once where its sign is unknown.
  const pieces: Piece[] = [];
  let last = 0;
  for (let k = 1; k < line.length; k += 1) {
    const end = line[k]!;
    if (end.sign === 0) continue;
    const begin = line[last]!;
    const between = line.slice(last + 1, k);
    const piece = { lo: begin.hi, hi: end.lo, rising: begin.sign < 0 };
    if (begin.sign !== end.sign && (between.length === 0 || (between.length === 1 && between[0]!.turn !== "none"))) {
      pieces.push({ ...piece, root: true });
    } else if (between.length === 1 && between[0]!.turn !== "none") {
      // a minimum between negative points, or a maximum between positive ones, has that sign too
      if ((between[0]!.turn === "min") !== begin.sign < 0) pieces.push({ ...piece, root: false });
    } else if (between.length > 0) {
      pieces.push({ ...piece, root: false });
    }
    last = k;
  }
  return pieces;
}

/** The first point, stepping from `start` towards `limit` by doubling steps, where the sum's sign is certain. */
function stepAway(sum: ExponentialSum, start: number, limit: number, direction: 1 | -1): Mark | undefined {
  const room = Math.abs(limit - start);
  for (let step = 8 * Number.EPSILON * Math.max(1, Math.abs(start)); step < room; step *= 2) {
    const x = start + direction * step;
    const sign = certain(normalized(sum, x), roundingBound(sum, x));
    if (sign !== 0) return { lo: x, hi: x, sign, turn: "none" };
  }
  return undefined;
}

/** The root of the sum in [lo, hi] (opposite signs at the ends), by Brent's method, as closely as doubles allow. */
function solve(sum: ExponentialSum, lo: number, hi: number): { x: number; lo: number; hi: number } {
  const f = (x: number) => normalized(sum, x);
  const flo = f(lo);
  const fhi = f(hi);
  if (flo === 0) return { x: lo, lo, hi: lo };
  if (fhi === 0) return { x: hi, lo: hi, hi };
  if (Math.sign(flo) === Math.sign(fhi)) return { x: (lo + hi) / 2, lo, hi }; // rounding at the ends
  const { b, c } = brentBracket(f, lo, hi, flo, fhi, (x) => 2 * Number.EPSILON * Math.abs(x) + 1e-18);
  return { x: b, lo: Math.min(b, c), hi: Math.max(b, c) };
}

/** Brent's method on a bracket [a, b] with f(a), f(b) of opposite signs; converges to `IRR_TOLERANCE`. */
function brent(f: (x: number) => number, a: number, b: number, fa: number, fb: number): number {
  return brentBracket(f, a, b, fa, fb, (x) => 2 * Number.EPSILON * Math.abs(x) + IRR_TOLERANCE / 2).b;
}

/** Brent's method: the best estimate `b` and the other end `c` of the last bracket, within `tolerance(b)`. */
function brentBracket(
  f: (x: number) => number,
  a: number,
  b: number,
  fa: number,
  fb: number,
  tolerance: (x: number) => number,
): { b: number; c: number } {
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
    const tol = tolerance(b);
    const middle = (c - b) / 2;
    if (Math.abs(middle) <= tol || fb === 0) return { b, c: fb === 0 ? b : c };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
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
      if (2 * p < Math.min(3 * middle * q - Math.abs(tol * q), Math.abs(e * q))) {
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
    b += Math.abs(d) > tol ? d : middle > 0 ? tol : -tol;
    fb = f(b);
  }
  return { b, c };
}
