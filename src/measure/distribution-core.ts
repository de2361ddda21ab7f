/**
 * The probability distributions the tests need, written out so the library has no statistical dependency:
 * the log-gamma function, the regularized incomplete gamma and beta functions, and from them the normal,
 * Student t, Poisson and binomial distributions. Accuracy: about 14 significant digits for moderate
 * arguments (checked against R and SciPy in test/measure/reference.test.ts); a few digits fewer when a shape
 * parameter is in the tens of thousands (the prefactors then subtract large logarithms).
 *
 * This is the unchecked core, for the library's own hot paths: its callers pass arguments in the domains that
 * `distributions.ts` states and checks (the measure and design layers validate user input first). Given those,
 * every function returns a finite number, except `studentTQuantile`, which answers NaN when the quantile is
 * beyond the largest number.
 *
 * @internal Not exported from the package: `distributions.ts` exports the checked functions.
 */

const LN_SQRT_2PI = 0.9189385332046728;
const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Stirling's series S(z) = lnΓ(z) − ((z − ½) ln z − z + ½ ln 2π), for z ≥ 15 (error below 1e-19). */
function stirlingCorrection(z: number): number {
  const inv = 1 / z;
  const inv2 = inv * inv;
  return (
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 *
            (1 / 1260 +
              inv2 *
                (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156 + inv2 * (-3617 / 122400))))))))
  );
}

/**
 * ln Γ(x) for x > 0: Stirling's series after shifting x up to at least 15 with Γ(x + 1) = x Γ(x).
 *
 * @example logGamma(5) // ln 24 = 3.1780538303479458
 */
export function logGamma(x: number): number {
  let z = x;
  let product = 1;
  while (z < 15) {
    product *= z;
    z += 1;
  }
  return (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + stirlingCorrection(z) - Math.log(product);
}

/** ln Γ(a) − ln Γ(a + b), accurate when a is large and b small (no subtraction of two large logarithms). */
function logGammaRatio(a: number, b: number): number {
  if (a < 15) return logGamma(a) - logGamma(a + b);
  return -(a - 0.5) * Math.log1p(b / a) - b * Math.log(a + b) + b + stirlingCorrection(a) - stirlingCorrection(a + b);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  const [large, small] = a >= b ? [a, b] : [b, a];
  return logGamma(small) + logGammaRatio(large, small);
}

/** The regularized incomplete gamma functions: `lower` = P(a, x), `upper` = Q(a, x) = 1 − P(a, x). */
export function incompleteGamma(a: number, x: number): { readonly lower: number; readonly upper: number } {
  if (x === 0) return { lower: 0, upper: 1 };
  const front = Math.exp(a * Math.log(x) - x - logGamma(a));
  // a front below the smallest number leaves a tail too small for one (and keeps 0 × ∞ out of the result)
  if (front === 0) return x < a + 1 ? { lower: 0, upper: 1 } : { lower: 1, upper: 0 };
  if (x < a + 1) {
    // Series: P(a, x) = e^−x x^a / Γ(a) · Σ x^n / (a (a+1) … (a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n += 1) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    const lower = Math.min(1, sum * front);
    return { lower, upper: 1 - lower };
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  const upper = Math.min(1, front * h);
  return { lower: 1 - upper, upper };
}

/** A tail computed from its series, kept from 0 to 1 (rounding may take a tail near 0 or 1 just beyond). */
function probability(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) (`lower`) and 1 − I_x(a, b) = I_y(b, a) (`upper`),
 * where y = 1 − x is passed separately so that a tail near x = 1 keeps its digits.
 */
export function incompleteBeta(
  x: number,
  a: number,
  b: number,
  y: number = 1 - x,
): { readonly lower: number; readonly upper: number } {
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  const lnX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const lnY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const front = Math.exp(a * lnX + b * lnY - logBeta(a, b));
  const lowerTail = x < (a + 1) / (a + b + 2);
  // a front below the smallest number leaves a tail too small for one (and keeps 0 × ∞ out of the result)
  if (front === 0) return lowerTail ? { lower: 0, upper: 1 } : { lower: 1, upper: 0 };
  if (lowerTail) {
    const lower = probability((front * betaContinuedFraction(a, b, x)) / a);
    return { lower, upper: 1 - lower };
  }
  const upper = probability((front * betaContinuedFraction(b, a, y)) / b);
  return { lower: 1 - upper, upper };
}

// ── Normal ──────────────────────────────────────────────────────────────────────────────────────────────

/** P(Z > |z|) for a standard normal Z, accurate in the far tail: ½ erfc(|z|/√2) = ½ Q(½, z²/2). */
function normalTail(z: number): number {
  // beyond 40 the tail is below the smallest number (and z² may be beyond the largest)
  if (Math.abs(z) >= 40) return 0;
  return 0.5 * incompleteGamma(0.5, (z * z) / 2).upper;
}

/**
 * The standard normal distribution function Φ(z) = P(Z ≤ z).
 *
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(z: number): number {
  if (z === 0) return 0.5;
  if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
  return z < 0 ? normalTail(z) : 1 - normalTail(z);
}

/** The survival function P(Z > z) = Φ(−z), accurate in the upper tail. */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

/** The standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI);
}

/** Acklam's rational approximation of Φ⁻¹(p) for p ≤ ½ (relative error about 1e-9), refined below. */
function acklamLowerHalf(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/**
 * The standard normal quantile Φ⁻¹(p), for 0 < p < 1: Acklam's approximation refined by Halley steps on
 * the accurate distribution function until it no longer moves.
 *
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (p > 0.5) return -normalQuantile(1 - p);
  if (p === 0.5) return 0;
  // Halley's method converges cubically from Acklam's 1e-9: one step reaches the last digits, a second checks.
  let x = acklamLowerHalf(p);
  for (let step = 0; step < 4; step += 1) {
    const error = normalCdf(x) - p;
    const u = error / normalPdf(x);
    const next = x - u / (1 + (x * u) / 2);
    const settled = Math.abs(next - x) <= Math.abs(x) * 1e-15;
    x = next;
    if (settled) break;
  }
  return x;
}

// ── Student t ───────────────────────────────────────────────────────────────────────────────────────────

/** Degrees of freedom above which the t distribution is taken as normal (they differ below 1e-16). */
const NORMAL_DF = 1e16;

/** Below this x = df/(df + t²) the t tail is taken from its leading term (x may underflow, t² overflow). */
const FAR_TAIL = 1e-300;

/**
 * P(T > |t|) for Student's t with `df` degrees of freedom: ½ I_{df/(df+t²)}(df/2, ½). With very many degrees
 * of freedom that incomplete beta sits where its continued fraction loses digits, so there the expansion in
 * 1/df around the normal is used instead: P(T > z) = Q(z) + φ(z)·[(z³ + z)/4ν + (3z⁷ − 7z⁵ − 5z³ − 3z)/96ν²],
 * whose next term is of order z¹¹/ν³ (the switch keeps its error below about 1e-13 relative; checked against
 * 40-digit arithmetic).
 */
function studentTail(t: number, df: number): number {
  if (df >= NORMAL_DF) return normalSf(Math.abs(t));
  const t2 = t * t;
  if ((1 + t2) ** 5 < 1e-11 * df ** 3) {
    const z = Math.abs(t);
    const z3 = z * t2;
    const z5 = z3 * t2;
    const z7 = z5 * t2;
    return normalTail(z) + normalPdf(z) * ((z3 + z) / (4 * df) + (3 * z7 - 7 * z5 - 5 * z3 - 3 * z) / (96 * df * df));
  }
  const x = df / (df + t2);
  if (x < FAR_TAIL) {
    // far in the tail (or t² beyond the largest number) the leading term of I_x(a, ½), x^a / (a B(a, ½)), is
    // exact to the last digit, and its logarithm keeps a tiny x (ln x = ln df − 2 ln |t|) that x itself loses
    const a = df / 2;
    return 0.5 * Math.exp(a * (Math.log(df) - 2 * Math.log(Math.abs(t))) - Math.log(a) - logBeta(a, 0.5));
  }
  const y = t2 / (df + t2);
  return 0.5 * incompleteBeta(x, df / 2, 0.5, y).lower;
}

/**
 * Student's t distribution function P(T ≤ t) with `df` > 0 degrees of freedom (need not be whole, as in
 * Welch's test).
 *
 * @example studentTCdf(2.0, 10) // 0.9633059826146298
 */
export function studentTCdf(t: number, df: number): number {
  if (t === 0) return 0.5;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = studentTail(t, df);
  return t < 0 ? tail : 1 - tail;
}

/** The survival function P(T > t). */
export function studentTSf(t: number, df: number): number {
  return studentTCdf(-t, df);
}

/** The density of Student's t. */
function studentTPdf(t: number, df: number): number {
  const ratio = (t * t) / df;
  // ln(1 + t²/df), from the logarithms when t²/df is beyond the largest number
  const logSpread = Number.isFinite(ratio) ? Math.log1p(ratio) : 2 * Math.log(Math.abs(t)) - Math.log(df);
  const logDensity = logGammaRatio(df / 2, 0.5) * -1 - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * logSpread;
  return Math.exp(logDensity);
}

/**
 * Student's t quantile: the t with P(T ≤ t) = p, for 0 < p < 1. Halley's method on the tail (cubic: the
 * density's derivative is known in closed form), from the Cornish–Fisher expansion around the normal quantile,
 * kept inside a bracket that a step leaving it bisects (or doubles, while there is no upper end yet). A step
 * below 1e-10·t leaves an error of the order of its cube, far below the last digit, so the loop stops there.
 * NaN when the quantile is beyond the largest number (a tail probability far out, few degrees of freedom).
 *
 * @example studentTQuantile(0.975, 10) // 2.2281388519649385
 */
export function studentTQuantile(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (df >= NORMAL_DF) return normalQuantile(p);
  const q = p < 0.5 ? p : 1 - p; // the tail probability beyond |t|
  const z = -normalQuantile(q);
  const z2 = z * z;
  // Cornish–Fisher: t ≈ z + (z³ + z)/4ν + (5z⁵ + 16z³ + 3z)/96ν² (Abramowitz & Stegun 26.7.5, first terms).
  const start = z + (z * (z2 + 1)) / (4 * df) + (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df * df);
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  let t = Number.isFinite(start) && start > 0 ? start : Math.max(z, 1);
  for (let step = 0; step < 1000; step += 1) {
    if (t === Number.POSITIVE_INFINITY) break;
    const error = studentTail(t, df) - q;
    if (error === 0) return p < 0.5 ? -t : t;
    if (error > 0) low = t;
    else high = t;
    const newton = error / studentTPdf(t, df);
    const curvature = ((df + 1) * t) / (df + t * t); // −f''/f' of the tail
    let next = t + newton / (1 - (newton * curvature) / 2);
    const halley = next > low && next < high;
    if (!halley) next = Number.isFinite(high) ? (low + high) / 2 : 2 * t;
    const done = (halley && Math.abs(next - t) <= t * 1e-10) || high - low <= t * 4e-16;
    t = next;
    if (done) return p < 0.5 ? -t : t;
  }
  // not settled in 1000 steps, or run past the largest number: the quantile is beyond it (df near 0)
  return Number.NaN;
}

// ── Poisson and binomial ────────────────────────────────────────────────────────────────────────────────

/** P(X ≤ k) for X ~ Poisson(mean), k a whole number ≥ 0: Q(k + 1, mean). */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean === 0) return 1;
  return incompleteGamma(k + 1, mean).upper;
}

/** P(X ≥ k) for X ~ Poisson(mean): P(k, mean) for k ≥ 1. */
export function poissonSfInclusive(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean === 0) return 0;
  return incompleteGamma(k, mean).lower;
}

/** P(X ≤ k) for X ~ Binomial(n, p): I_{1−p}(n − k, k + 1). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return incompleteBeta(1 - p, n - k, k + 1, p).lower;
}

/** P(X ≥ k) for X ~ Binomial(n, p): I_p(k, n − k + 1). */
export function binomialSfInclusive(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return incompleteBeta(p, k, n - k + 1, 1 - p).lower;
}

/**
 * ln Γ(n + 1) − ((n + ½) ln n − n + ½ ln 2π), the error of Stirling's formula for n! (n > 0), without the
 * cancellation of subtracting the two: the series from 15 on, below it the difference of modest numbers.
 */
function stirlingError(n: number): number {
  if (n >= 15) return stirlingCorrection(n);
  return logGamma(n) - (n - 0.5) * Math.log(n) + n - LN_SQRT_2PI;
}

/** x ln(x/m) + m − x, the deviance term of Loader's binomial density, accurate when x is near m. */
function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j += 1) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return sum;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * P(X = k) for X ~ Binomial(n, p), by Loader's saddle-point form (as R's `dbinom`), which keeps about 14
 * significant digits where the plain product of factorials and powers would lose them for large n.
 *
 * @example binomialPmf(0, 30, 0.1) // 0.9³⁰ = 0.04239115827521624
 */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.exp(n * Math.log(p));
  const logCore =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - devianceTerm(k, n * p) - devianceTerm(n - k, n * q);
  const logFront = Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(logCore - 0.5 * logFront);
}

/**
 * The exact binomial test of k successes of n against the proportion p, as R's `binom.test`: `below` =
 * P(X ≤ k), `above` = P(X ≥ k), and `twoSided` = the probability of the outcomes no more likely than the one
 * observed (R's rule, with its relative tolerance of 10⁻⁷ for ties), at most 1.
 *
 * @example binomialTest(0, 30, 0.1) // { below: 0.0423911…, above: 1, twoSided: 0.0682179… }
 */
export function binomialTest(
  k: number,
  n: number,
  p: number,
): { readonly below: number; readonly above: number; readonly twoSided: number } {
  const below = binomialCdf(k, n, p);
  const above = binomialSfInclusive(k, n, p);
  return { below, above, twoSided: Math.min(1, binomialTwoSided(k, n, p)) };
}

/** R's two-sided binomial p-value: the other tail counts the outcomes whose probability is at most P(X = k). */
function binomialTwoSided(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const mean = n * p;
  if (k === mean) return 1;
  const limit = binomialPmf(k, n, p) * (1 + 1e-7);
  // The density falls from the mode outward on each side (the mode lies between ⌊np⌋ and ⌈np⌉), so the
  // outcomes of the other side at most as likely as k form a tail, found by bisection.
  if (k < mean) {
    // the smallest j ≥ ⌈np⌉ with P(X = j) ≤ limit (n + 1 when there is none)
    let low = Math.ceil(mean);
    let high = n + 1;
    while (low < high) {
      const middle = low + Math.floor((high - low) / 2); // (low + high) / 2 without passing 2^53
      if (binomialPmf(middle, n, p) <= limit) high = middle;
      else low = middle + 1;
    }
    return binomialCdf(k, n, p) + binomialSfInclusive(low, n, p);
  }
  // the largest j ≤ ⌊np⌋ with P(X = j) ≤ limit (−1 when there is none)
  let low = -1;
  let high = Math.floor(mean);
  while (low < high) {
    const middle = low + Math.ceil((high - low) / 2);
    if (binomialPmf(middle, n, p) <= limit) low = middle;
    else high = middle - 1;
  }
  return binomialCdf(low, n, p) + binomialSfInclusive(k, n, p);
}

/**
 * The beta quantile: the x with I_x(a, b) = p, for 0 < p < 1 and a, b > 0. Newton's method on the
 * incomplete beta from a start in the right tail's region, kept inside a bracket that a step leaving it
 * bisects; the tail nearer to the answer is solved (1 − I_x(a, b) = 1 − p as I_{1−x}(b, a)), so a quantile
 * near 0 or 1 keeps its relative digits.
 *
 * @example betaQuantile(0.975, 1, 30) // 0.1157033082220278, the Clopper–Pearson upper bound of 0 of 30
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p > 0.5) return 1 - lowerBetaQuantile(1 - p, b, a);
  return lowerBetaQuantile(p, a, b);
}

/** The x with I_x(a, b) = p, for p ≤ ½, solved as the lower tail (a small x keeps its relative digits). */
function lowerBetaQuantile(p: number, a: number, b: number): number {
  const logBetaAB = logBeta(a, b);
  // log of the density x^(a−1) (1−x)^(b−1) / B(a, b)
  const logDensity = (x: number) => (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBetaAB;
  let low = 0;
  let high = 1;
  // start: the leading term of the lower tail, I_x ≈ x^a / (a B(a, b)), capped at the mean
  let x = Math.min(Math.exp((Math.log(p) + Math.log(a) + logBetaAB) / a), a / (a + b));
  if (!(x > 0 && x < 1)) x = 0.5;
  for (let step = 0; step < 1000; step += 1) {
    const error = incompleteBeta(x, a, b).lower - p;
    if (error === 0) break;
    if (error > 0) high = x;
    else low = x;
    let next = x - error / Math.exp(logDensity(x));
    if (!(next > low && next < high)) next = (low + high) / 2;
    const done = Math.abs(next - x) <= x * 1e-15 || high - low <= x * 1e-15;
    x = next;
    if (done) break;
  }
  return x;
}

/**
 * The Clopper–Pearson ("exact") interval of a proportion from k successes of n, at the two-sided level
 * `confidence`, as R's `binom.test`: [B(α/2; k, n − k + 1), B(1 − α/2; k + 1, n − k)] with B the beta
 * quantile and α = 1 − confidence; 0 when k = 0, 1 when k = n. It always contains k/n.
 *
 * @example clopperPearson(0, 30, 0.95) // { lower: 0, upper: 0.1157033082220278 }
 */
export function clopperPearson(
  k: number,
  n: number,
  confidence: number,
): { readonly lower: number; readonly upper: number } {
  const alpha = (1 - confidence) / 2;
  return {
    lower: k === 0 ? 0 : betaQuantile(alpha, k, n - k + 1),
    upper: k === n ? 1 : 1 - betaQuantile(alpha, n - k, k + 1),
  };
}
