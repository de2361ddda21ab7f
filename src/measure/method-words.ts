import { exactOfNotation, plainText } from "../formula/exact.js";
import { toSignificant } from "../formula/exact-notation.js";
import type { MeasurementMethod } from "./measurement.js";

/**
 * The statistical methods in words, in English and Italian, from their figures: the one place that words a
 * measurement's method and a design's test. Results record figures (a method code and its parameters); the report
 * layer's phrasebook (report/phrases/measurement-methods.ts) words them through these functions, and a result's
 * `methodText` is this English. It lives below `measure/` so that the measure and design layers, which keep
 * `methodText` on their results, need not import the report layer (see docs/architecture.md).
 */

/** The languages the method words are written in (those of the report layer's phrasebook). */
export type MethodLocale = "en" | "it";

/**
 * Why the normal approximation to a proportion's test against a fixed baseline p₀ is unsafe, as figures: fewer
 * than 5 expected successes (`n·p₀ < 5`) or failures (`n·(1 − p₀) < 5`), with the number expected, or no success
 * or no failure at all.
 */
export type NormalUnsafe =
  | { readonly rule: "few-expected-successes" | "few-expected-failures"; readonly expected: number }
  | { readonly rule: "no-success" | "no-failure" };

/** A method's figures, as a measurement or its record gives them (decimal text or number). */
export interface MethodFigures {
  readonly method: MeasurementMethod;
  readonly degreesOfFreedom?: string | number | undefined;
  readonly continuityCorrection?: string | number | undefined;
  readonly normalUnsafe?: NormalUnsafe | undefined;
}

/** How the words write a figure: `num` gets plain decimal text ("4.9") and writes it in the output's style. */
export type WriteNumber = (decimal: string) => string;

/** A figure to six significant digits, as the method texts give degrees of freedom, corrections and counts. */
function sixDigits(value: string | number, num: WriteNumber): string {
  // a number as ECMAScript's toPrecision rounds it, a record's decimal text half-even: each as it was always shown
  if (typeof value === "number") return num(Number.isFinite(value) ? plainOf(value.toPrecision(6)) : String(value));
  return num(plainText(toSignificant(decimalOf(value), 6)));
}

/** A decimal text, an exponent allowed (`"1.5e-7"`, as `toPrecision` writes some numbers), as an exact value. */
function decimalOf(text: string) {
  const value = exactOfNotation(text);
  if (value === undefined)
    throw new RangeError(`assertion: a method's figure ${JSON.stringify(text)} is not a decimal`);
  return value;
}

/** A decimal text in plain notation, without trailing zeros: `"1.50000e-7"` → `"0.00000015"`. */
const plainOf = (text: string): string => plainText(decimalOf(text));

const WORDS = {
  en: {
    degreesOfFreedom: (df: string) => `, ${df} degrees of freedom`,
    yates: (c: string) =>
      `, with Yates's continuity correction (|effect| reduced by ${c} for the test, the interval widened by as much)`,
    unsafe: (why: string) => `; the normal approximation is unsafe here: ${why}`,
    noSuccess: "no success",
    noFailure: "no failure",
    method: (method: MeasurementMethod, df: string, yates: string, unsafe: string): string => {
      switch (method) {
        case "wald-z":
          return "Wald z (normal approximation, standard error of the estimate)";
        case "one-proportion-z":
          return `one-proportion z-test (score test: the baseline proportion's standard error for the test, the estimate's for the interval)${yates}`;
        case "binomial-exact":
          return `exact binomial test (two-sided as R's binom.test: the outcomes no more likely than the one observed), Clopper–Pearson interval${unsafe}`;
        case "two-proportion-z":
          return `two-proportion z-test (pooled proportion for the test, unpooled standard error for the interval)${yates}`;
        case "poisson-rate-z":
          return "two-rate Poisson z-test (pooled rate for the test, unpooled standard error for the interval)";
        case "one-sample-t":
          return `one-sample Student t${df}`;
        case "welch-t":
          return `Welch t (unequal variances, Welch–Satterthwaite${df})`;
        case "combined-z":
          return "normal z on the combined standard error";
        case "poisson-exact":
          return "exact Poisson test (conditional binomial for two groups; twice the smaller tail, two-sided), Wald interval";
      }
    },
  },
  it: {
    degreesOfFreedom: (df: string) => `, ${df} gradi di libertà`,
    yates: (c: string) =>
      `, con la correzione di continuità di Yates (|effetto| ridotto di ${c} per il test, intervallo allargato di altrettanto)`,
    unsafe: (why: string) => `; qui l'approssimazione normale non è affidabile: ${why}`,
    noSuccess: "nessun successo",
    noFailure: "nessun insuccesso",
    method: (method: MeasurementMethod, df: string, yates: string, unsafe: string): string => {
      switch (method) {
        case "wald-z":
          return "z di Wald (approssimazione normale, errore standard della stima)";
        case "one-proportion-z":
          return `test z per una proporzione (test score: l'errore standard della proporzione di riferimento per il test, quello della stima per l'intervallo)${yates}`;
        case "binomial-exact":
          return `test binomiale esatto (a due code come binom.test di R: gli esiti non più probabili di quello osservato), intervallo di Clopper–Pearson${unsafe}`;
        case "two-proportion-z":
          return `test z per due proporzioni (proporzione comune per il test, errore standard non combinato per l'intervallo)${yates}`;
        case "poisson-rate-z":
          return "test z per due tassi di Poisson (tasso comune per il test, errore standard non combinato per l'intervallo)";
        case "one-sample-t":
          return `t di Student a un campione${df}`;
        case "welch-t":
          return `t di Welch (varianze diverse, Welch–Satterthwaite${df})`;
        case "combined-z":
          return "z normale sull'errore standard combinato";
        case "poisson-exact":
          return "test esatto di Poisson (binomiale condizionata per due gruppi; a due code, il doppio della coda minore), intervallo di Wald";
      }
    },
  },
} as const;

/** Plain decimal text as it is: the English of a result's `methodText`. */
const asIs: WriteNumber = (decimal) => decimal;

/**
 * A measurement's method in words, from its figures: the method, its degrees of freedom, Yates's correction, and
 * why the normal approximation was unsafe (for the exact binomial test the library chose).
 */
export function methodWords(figures: MethodFigures, locale: MethodLocale, num: WriteNumber = asIs): string {
  const words = WORDS[locale];
  const df =
    figures.degreesOfFreedom === undefined ? "" : words.degreesOfFreedom(sixDigits(figures.degreesOfFreedom, num));
  const yates =
    figures.continuityCorrection === undefined ? "" : words.yates(sixDigits(figures.continuityCorrection, num));
  const why = figures.normalUnsafe;
  const unsafe =
    why === undefined
      ? ""
      : words.unsafe(
          why.rule === "few-expected-successes"
            ? `n·p₀ = ${sixDigits(why.expected, num)} < 5`
            : why.rule === "few-expected-failures"
              ? `n·(1 − p₀) = ${sixDigits(why.expected, num)} < 5`
              : why.rule === "no-success"
                ? words.noSuccess
                : words.noFailure,
        );
  return words.method(figures.method, df, yates, unsafe);
}

/**
 * When the normal approximation to a proportion's test against a fixed baseline p₀ is unsafe, and the exact
 * binomial test is chosen unless the request asks for `test: "normal"`: fewer than 5 expected successes or
 * failures (n·p₀ < 5 or n·(1 − p₀) < 5), or no success or no failure at all (the estimate's standard error is 0
 * and its Wald interval a point). Returns the rule broken, or `undefined` when the approximation is safe.
 */
export function normalUnsafe(n: number, successes: number, p0: number): NormalUnsafe | undefined {
  // expected failures as n − n·p₀, and a margin of 1e-12 for the rounding of p₀ = baseline / scale, so that
  // 50 participants at 90% expect exactly 5 failures (50·(1 − 0.9) would be 4.999999999999999)
  const successesExpected = n * p0;
  const failuresExpected = n - successesExpected;
  const few = (expected: number) => expected < 5 * (1 - 1e-12);
  if (few(successesExpected)) return { rule: "few-expected-successes", expected: successesExpected };
  if (few(failuresExpected)) return { rule: "few-expected-failures", expected: failuresExpected };
  if (successes === 0) return { rule: "no-success" };
  if (successes === n) return { rule: "no-failure" };
  return undefined;
}

/** The test a design powers, as figures: what it compares, its alternative and its error rates. */
export interface PowerTestFigures {
  /** `proportions-z`, `rates-z` (Poisson event rates), `means-t` (noncentral t), `means-z` (normal approximation). */
  readonly test: "proportions-z" | "rates-z" | "means-t" | "means-z";
  readonly alternative: "one-sided" | "two-sided";
  /** The significance level α, as a fraction. */
  readonly significance: number;
  /** The power 1 − β, as a fraction. */
  readonly power: number;
}

const POWER_WORDS = {
  en: {
    test: {
      "proportions-z": "a z-test of proportions",
      "rates-z": "a z-test of Poisson event rates",
      "means-t": "a t-test of means (noncentral t)",
      "means-z": "a z-test of means (normal approximation of the t-test)",
    },
    alternative: { "one-sided": "one-sided", "two-sided": "two-sided" },
    significance: "significance",
    power: "power",
  },
  it: {
    test: {
      "proportions-z": "un test z di proporzioni",
      "rates-z": "un test z di tassi di eventi di Poisson",
      "means-t": "un test t di medie (t non centrale)",
      "means-z": "un test z di medie (approssimazione normale del test t)",
    },
    alternative: { "one-sided": "a una coda", "two-sided": "a due code" },
    significance: "significatività",
    power: "potenza",
  },
} as const;

/** A design's test in words, from its figures, e.g. "a z-test of proportions, two-sided, significance 0.05, power 0.8". */
export function powerTestWords(figures: PowerTestFigures, locale: MethodLocale, num: WriteNumber = asIs): string {
  const words = POWER_WORDS[locale];
  const figure = (value: number) => num(Number.isFinite(value) ? plainOf(String(value)) : String(value));
  return `${words.test[figures.test]}, ${words.alternative[figures.alternative]}, ${words.significance} ${figure(figures.significance)}, ${words.power} ${figure(figures.power)}`;
}
