/**
 * The probability distributions the tests need, written out so the library has no statistical dependency:
 * the log-gamma function, the regularized incomplete gamma and beta functions, and from them the normal,
 * Student t, Poisson and binomial distributions. Accuracy: about 14 significant digits for moderate
 * arguments (checked against R and SciPy in test/measure/reference.test.ts); a few digits fewer when a shape
 * parameter is in the tens of thousands (the prefactors then subtract large logarithms).
 *
 * Each function checks its arguments and throws an `ArgumentError` for one outside its domain, with the
 * parameter's name as the path (`$.p`, `$.n`) and a code: `not_a_number` (not a number, or NaN, or an infinity
 * where the parameter takes none: a bigint or a numeric text is not read as a number), `not_whole` (a count with
 * a fraction), `out_of_range` (the message says the range). Counts and shape parameters are at most 10^15:
 * beyond it the sums of the series (k + 1, n − k) are no longer exact and their digits are lost. Every result
 * is a finite number.
 *
 * The library's own hot paths call the unchecked core in `distribution-core.ts` with arguments they have
 * checked.
 *
 * @internal Exported from the package under `distributions` for users who want to check figures by hand.
 */
import { ArgumentError } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import * as core from "./distribution-core.js";

/** The largest count or shape parameter the functions take: 10^15 (see the module's comment). */
const LARGEST = 1e15;
/** The smallest shape parameter or number of degrees of freedom: below it 1/a passes the largest number. */
const SMALLEST_SHAPE = 1e-300;

/** The values a parameter takes. */
interface Domain {
  readonly min: number;
  readonly minIncluded: boolean;
  readonly max: number;
  readonly maxIncluded: boolean;
  /** Whole numbers only. */
  readonly whole: boolean;
  /** What the messages say it takes, e.g. "a probability from 0 to 1". */
  readonly text: string;
}

const domain = (
  text: string,
  min: number,
  max: number,
  { minIncluded = true, maxIncluded = true, whole = false } = {},
): Domain => Object.freeze({ text, min, max, minIncluded, maxIncluded, whole });

/** Any number, ±Infinity included (a distribution function has a limit there). */
const REAL = domain("a number (±Infinity included)", Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
const PROBABILITY = domain("a probability from 0 to 1", 0, 1);
const OPEN_PROBABILITY = domain("a probability above 0 and below 1", 0, 1, {
  minIncluded: false,
  maxIncluded: false,
});
const CONFIDENCE = domain("a confidence level above 0 and below 1, such as 0.95", 0, 1, {
  minIncluded: false,
  maxIncluded: false,
});
const SHAPE = domain("a number from 1e-300 to 1e15", SMALLEST_SHAPE, LARGEST);
const DEGREES_OF_FREEDOM = domain(
  "a number of degrees of freedom of at least 1e-300 (Infinity for the normal limit)",
  SMALLEST_SHAPE,
  Number.POSITIVE_INFINITY,
);
const NOT_NEGATIVE = domain("a finite number of 0 or more", 0, Number.MAX_VALUE);
const COUNT = domain("a whole number from 0 to 1e15", 0, LARGEST, { whole: true });
const TRIALS = domain("a whole number of trials from 1 to 1e15", 1, LARGEST, { whole: true });
/** A count in a distribution function: below 0 or above n its value is simply 0 or 1. */
const ANY_COUNT = domain("a whole number from -1e15 to 1e15", -LARGEST, LARGEST, { whole: true });

/** True when the value is in the domain: a few comparisons, run on every call. */
function accepts(value: unknown, { min, minIncluded, max, maxIncluded, whole }: Domain): boolean {
  return (
    typeof value === "number" &&
    (minIncluded ? value >= min : value > min) &&
    (maxIncluded ? value <= max : value < max) &&
    (!whole || Number.isInteger(value))
  );
}

/** The issue of a value outside the domain (which `accepts` refused). */
function domainIssue(fn: string, name: string, value: unknown, taken: Domain): InputIssue {
  const message = `${fn}: ${name} must be ${taken.text}; got ${describeValue(value)}`;
  if (typeof value !== "number" || !Number.isFinite(value)) return issue([name], "not_a_number", message);
  if (taken.whole && !Number.isInteger(value)) return issue([name], "not_whole", message);
  return issue([name], "out_of_range", message);
}

/** A function's parameters, in order, with the values each takes. */
type Signature = readonly (readonly [name: string, taken: Domain])[];

/** Throws an ArgumentError listing every argument outside its parameter's domain. */
function checkArguments(fn: string, signature: Signature, values: readonly unknown[]): void {
  let refused = false;
  for (let index = 0; index < signature.length; index += 1) {
    if (!accepts(values[index], (signature[index] as Signature[number])[1])) refused = true;
  }
  if (!refused) return;
  const issues: InputIssue[] = [];
  signature.forEach(([name, taken], index) => {
    if (!accepts(values[index], taken)) issues.push(domainIssue(fn, name, values[index], taken));
  });
  throw new ArgumentError(issues);
}

/** Throws an ArgumentError for k above n (k and n checked already). */
function checkAtMostN(fn: string, k: number, n: number): void {
  if (k > n)
    throw new ArgumentError([
      issue(["k"], "out_of_range", `${fn}: k must be at most n (${n}); got ${describeValue(k)}`),
    ]);
}

const Z: Signature = [["z", REAL]];
const P: Signature = [["p", OPEN_PROBABILITY]];
const X: Signature = [["x", SHAPE]];
const A_B: Signature = [
  ["a", SHAPE],
  ["b", SHAPE],
];
const A_X: Signature = [
  ["a", SHAPE],
  ["x", NOT_NEGATIVE],
];
const X_A_B: Signature = [
  ["x", PROBABILITY],
  ["a", SHAPE],
  ["b", SHAPE],
];
const X_A_B_Y: Signature = [...X_A_B, ["y", PROBABILITY]];
const T_DF: Signature = [
  ["t", REAL],
  ["df", DEGREES_OF_FREEDOM],
];
const P_DF: Signature = [
  ["p", OPEN_PROBABILITY],
  ["df", DEGREES_OF_FREEDOM],
];
const K_MEAN: Signature = [
  ["k", ANY_COUNT],
  ["mean", NOT_NEGATIVE],
];
const K_N_P: Signature = [
  ["k", ANY_COUNT],
  ["n", COUNT],
  ["p", PROBABILITY],
];
const K_TRIALS_P: Signature = [
  ["k", COUNT],
  ["n", TRIALS],
  ["p", PROBABILITY],
];
const K_TRIALS_CONFIDENCE: Signature = [
  ["k", COUNT],
  ["n", TRIALS],
  ["confidence", CONFIDENCE],
];
const P_A_B: Signature = [
  ["p", OPEN_PROBABILITY],
  ["a", SHAPE],
  ["b", SHAPE],
];

/** How far x + y may be from 1 in `incompleteBeta` (y is 1 − x, passed apart to keep its digits). */
const ONE_MINUS_X_TOLERANCE = 1e-9;

// ── Gamma and beta ──────────────────────────────────────────────────────────────────────────────────────

/**
 * ln Γ(x), for x from 1e-300 to 1e15: Stirling's series after shifting x up to at least 15.
 *
 * @example logGamma(5) // ln 24 = 3.1780538303479458
 * @throws ArgumentError when x is not a number (`not_a_number`) or lies outside 1e-300 to 1e15 (`out_of_range`).
 */
export function logGamma(x: number): number {
  checkArguments("logGamma", X, [x]);
  return core.logGamma(x);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a and b from 1e-300 to 1e15.
 *
 * @throws ArgumentError when a or b is not a number (`not_a_number`) or lies outside 1e-300 to 1e15
 * (`out_of_range`).
 */
export function logBeta(a: number, b: number): number {
  checkArguments("logBeta", A_B, [a, b]);
  return core.logBeta(a, b);
}

/**
 * The regularized incomplete gamma functions: `lower` = P(a, x), `upper` = Q(a, x) = 1 − P(a, x), for a from
 * 1e-300 to 1e15 and a finite x ≥ 0.
 *
 * @throws ArgumentError when a or x is not a finite number (`not_a_number`) or is outside its range
 * (`out_of_range`).
 */
export function incompleteGamma(a: number, x: number): { readonly lower: number; readonly upper: number } {
  checkArguments("incompleteGamma", A_X, [a, x]);
  return core.incompleteGamma(a, x);
}

/**
 * The regularized incomplete beta function I_x(a, b) (`lower`) and 1 − I_x(a, b) = I_y(b, a) (`upper`), for
 * 0 ≤ x ≤ 1 and a, b from 1e-300 to 1e15, where y = 1 − x may be passed separately so that a tail near x = 1
 * keeps its digits.
 *
 * @throws ArgumentError when an argument is not a number (`not_a_number`) or is outside its range, or y is not
 * 1 − x (within 1e-9) (`out_of_range`).
 */
export function incompleteBeta(
  x: number,
  a: number,
  b: number,
  y?: number,
): { readonly lower: number; readonly upper: number } {
  // y's default is computed after the check: 1 − x on a bigint or an object would throw or run its valueOf
  checkArguments("incompleteBeta", y === undefined ? X_A_B : X_A_B_Y, [x, a, b, y]);
  if (y === undefined) return core.incompleteBeta(x, a, b);
  if (Math.abs(x + y - 1) > ONE_MINUS_X_TOLERANCE)
    throw new ArgumentError([
      issue(
        ["y"],
        "out_of_range",
        `incompleteBeta: y must be 1 − x (passed apart to keep its digits near x = 1); got ${describeValue(y)} with x ${describeValue(x)}`,
      ),
    ]);
  return core.incompleteBeta(x, a, b, y);
}

// ── Normal ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The standard normal distribution function Φ(z) = P(Z ≤ z); ±Infinity give 1 and 0.
 *
 * @example normalCdf(1.959963984540054) // 0.975
 * @throws ArgumentError when z is not a number or is NaN (`not_a_number`).
 */
export function normalCdf(z: number): number {
  checkArguments("normalCdf", Z, [z]);
  return core.normalCdf(z);
}

/**
 * The survival function P(Z > z) = Φ(−z), accurate in the upper tail.
 *
 * @throws ArgumentError when z is not a number or is NaN (`not_a_number`).
 */
export function normalSf(z: number): number {
  checkArguments("normalSf", Z, [z]);
  return core.normalSf(z);
}

/**
 * The standard normal density φ(z).
 *
 * @throws ArgumentError when z is not a number or is NaN (`not_a_number`).
 */
export function normalPdf(z: number): number {
  checkArguments("normalPdf", Z, [z]);
  return core.normalPdf(z);
}

/**
 * The standard normal quantile Φ⁻¹(p), for 0 < p < 1: Acklam's approximation refined by Halley steps on
 * the accurate distribution function until it no longer moves.
 *
 * @example normalQuantile(0.975) // 1.959963984540054
 * @throws ArgumentError when p is not a number (`not_a_number`) or not strictly between 0 and 1 (`out_of_range`).
 */
export function normalQuantile(p: number): number {
  checkArguments("normalQuantile", P, [p]);
  return core.normalQuantile(p);
}

// ── Student t ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * Student's t distribution function P(T ≤ t) with `df` degrees of freedom, at least 1e-300 (need not be whole,
 * as in Welch's test; Infinity gives the normal); ±Infinity for t give 1 and 0.
 *
 * @example studentTCdf(2.0, 10) // 0.9633059826146298
 * @throws ArgumentError when t or df is not a number or is NaN (`not_a_number`), or df is below 1e-300
 * (`out_of_range`).
 */
export function studentTCdf(t: number, df: number): number {
  checkArguments("studentTCdf", T_DF, [t, df]);
  return core.studentTCdf(t, df);
}

/**
 * The survival function P(T > t).
 *
 * @throws ArgumentError when t or df is not a number or is NaN (`not_a_number`), or df is below 1e-300
 * (`out_of_range`).
 */
export function studentTSf(t: number, df: number): number {
  checkArguments("studentTSf", T_DF, [t, df]);
  return core.studentTSf(t, df);
}

/**
 * Student's t quantile: the t with P(T ≤ t) = p, for 0 < p < 1 and df at least 1e-300. Halley's method on the
 * tail, from the Cornish–Fisher expansion around the normal quantile, kept inside a bracket.
 *
 * @example studentTQuantile(0.975, 10) // 2.2281388519649385
 * @throws ArgumentError when p or df is not a number (`not_a_number`) or is outside its range (`out_of_range`),
 * or the quantile is beyond the largest number, about 1.8e308, as for p far in a tail with df near 0
 * (`no_finite_quantile`).
 */
export function studentTQuantile(p: number, df: number): number {
  checkArguments("studentTQuantile", P_DF, [p, df]);
  const t = core.studentTQuantile(p, df);
  if (!Number.isFinite(t))
    throw new ArgumentError([
      issue(
        ["p"],
        "no_finite_quantile",
        `studentTQuantile: the quantile of p ${describeValue(p)} with ${describeValue(df)} degrees of freedom is beyond the largest number (about 1.8e308)`,
      ),
    ]);
  return t;
}

// ── Poisson and binomial ────────────────────────────────────────────────────────────────────────────────

/**
 * P(X ≤ k) for X ~ Poisson(mean): Q(k + 1, mean); 0 for k < 0.
 *
 * @throws ArgumentError when k or mean is not a finite number (`not_a_number`), k is not whole (`not_whole`),
 * k is beyond ±1e15 or the mean is negative (`out_of_range`).
 */
export function poissonCdf(k: number, mean: number): number {
  checkArguments("poissonCdf", K_MEAN, [k, mean]);
  return core.poissonCdf(k, mean);
}

/**
 * P(X ≥ k) for X ~ Poisson(mean): P(k, mean) for k ≥ 1; 1 for k ≤ 0.
 *
 * @throws ArgumentError when k or mean is not a finite number (`not_a_number`), k is not whole (`not_whole`),
 * k is beyond ±1e15 or the mean is negative (`out_of_range`).
 */
export function poissonSfInclusive(k: number, mean: number): number {
  checkArguments("poissonSfInclusive", K_MEAN, [k, mean]);
  return core.poissonSfInclusive(k, mean);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p): I_{1−p}(n − k, k + 1); 0 for k < 0, 1 for k ≥ n.
 *
 * @throws ArgumentError when k, n or p is not a finite number (`not_a_number`), k or n is not whole
 * (`not_whole`), k is beyond ±1e15, n outside 0 to 1e15 or p outside 0 to 1 (`out_of_range`).
 */
export function binomialCdf(k: number, n: number, p: number): number {
  checkArguments("binomialCdf", K_N_P, [k, n, p]);
  return core.binomialCdf(k, n, p);
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): I_p(k, n − k + 1); 1 for k ≤ 0, 0 for k > n.
 *
 * @throws ArgumentError when k, n or p is not a finite number (`not_a_number`), k or n is not whole
 * (`not_whole`), k is beyond ±1e15, n outside 0 to 1e15 or p outside 0 to 1 (`out_of_range`).
 */
export function binomialSfInclusive(k: number, n: number, p: number): number {
  checkArguments("binomialSfInclusive", K_N_P, [k, n, p]);
  return core.binomialSfInclusive(k, n, p);
}

/**
 * P(X = k) for X ~ Binomial(n, p), by Loader's saddle-point form (as R's `dbinom`), which keeps about 14
 * significant digits where the plain product of factorials and powers would lose them for large n.
 *
 * @example binomialPmf(0, 30, 0.1) // 0.9³⁰ = 0.04239115827521624
 * @throws ArgumentError when k, n or p is not a finite number (`not_a_number`), k or n is not whole
 * (`not_whole`), k is beyond ±1e15, n outside 0 to 1e15 or p outside 0 to 1 (`out_of_range`).
 */
export function binomialPmf(k: number, n: number, p: number): number {
  checkArguments("binomialPmf", K_N_P, [k, n, p]);
  return core.binomialPmf(k, n, p);
}

/**
 * The exact binomial test of k successes of n (1 to 1e15) against the proportion p, as R's `binom.test`:
 * `below` = P(X ≤ k), `above` = P(X ≥ k), and `twoSided` = the probability of the outcomes no more likely than
 * the one observed (R's rule, with its relative tolerance of 10⁻⁷ for ties), at most 1.
 *
 * @example binomialTest(0, 30, 0.1) // { below: 0.0423911…, above: 1, twoSided: 0.0682179… }
 * @throws ArgumentError when k, n or p is not a finite number (`not_a_number`), k or n is not whole
 * (`not_whole`), n is outside 1 to 1e15, k outside 0 to n or p outside 0 to 1 (`out_of_range`).
 */
export function binomialTest(
  k: number,
  n: number,
  p: number,
): { readonly below: number; readonly above: number; readonly twoSided: number } {
  checkArguments("binomialTest", K_TRIALS_P, [k, n, p]);
  checkAtMostN("binomialTest", k, n);
  return core.binomialTest(k, n, p);
}

/**
 * The beta quantile: the x with I_x(a, b) = p, for 0 < p < 1 and a, b from 1e-300 to 1e15. Newton's method on
 * the incomplete beta, kept inside a bracket; the tail nearer to the answer is solved, so a quantile near 0 or
 * 1 keeps its relative digits.
 *
 * @example betaQuantile(0.975, 1, 30) // 0.1157033082220278, the Clopper–Pearson upper bound of 0 of 30
 * @throws ArgumentError when p, a or b is not a number (`not_a_number`) or is outside its range
 * (`out_of_range`).
 */
export function betaQuantile(p: number, a: number, b: number): number {
  checkArguments("betaQuantile", P_A_B, [p, a, b]);
  return core.betaQuantile(p, a, b);
}

/**
 * The Clopper–Pearson ("exact") interval of a proportion from k successes of n (1 to 1e15), at the two-sided
 * level `confidence`, as R's `binom.test`: [B(α/2; k, n − k + 1), B(1 − α/2; k + 1, n − k)] with B the beta
 * quantile and α = 1 − confidence; 0 when k = 0, 1 when k = n. It always contains k/n.
 *
 * @example clopperPearson(0, 30, 0.95) // { lower: 0, upper: 0.1157033082220278 }
 * @throws ArgumentError when k, n or the confidence is not a finite number (`not_a_number`), k or n is not
 * whole (`not_whole`), n is outside 1 to 1e15, k outside 0 to n or the confidence not strictly between 0 and 1
 * (`out_of_range`).
 */
export function clopperPearson(
  k: number,
  n: number,
  confidence: number,
): { readonly lower: number; readonly upper: number } {
  checkArguments("clopperPearson", K_TRIALS_CONFIDENCE, [k, n, confidence]);
  checkAtMostN("clopperPearson", k, n);
  return core.clopperPearson(k, n, confidence);
}
