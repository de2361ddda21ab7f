import { Dec } from "../../money/decimal.js";
import type { MeasurementRecord } from "../../contract/measurement-format.js";
import type { Style } from "../style.js";

/**
 * The statistical method of a measurement in words, in English and Italian, rebuilt from the record's method and
 * figures (the measure layer writes the same English into a measurement's `methodText`; a test holds the two
 * equal). And the labels the measure layer gives the groups and parts of a measurement (`treatment`,
 * `comparison after`, `cohort c1`…), in Italian; a label the caller chose is shown as it is.
 */

/** A figure to six significant digits, as the method texts give degrees of freedom and corrections. */
const sixDigits = (text: string, style: Style) => style.num(new Dec(text).toSignificantDigits(6).toString());

/**
 * Why the normal approximation to a proportion's test against a fixed baseline is unsafe, from the record's
 * figures (the measure layer's rule: n·p₀ < 5, n·(1 − p₀) < 5, no success, no failure), or undefined.
 */
function unsafeNormal(record: MeasurementRecord, style: Style, none: { success: string; failure: string }) {
  const input = record.inputs[0];
  if (input?.n === undefined || input.successes === undefined || record.counterfactual === undefined) return undefined;
  const n = new Dec(input.n);
  const expected = n.times(record.counterfactual).div(record.scale);
  const shown = (value: Dec) => style.num(value.toSignificantDigits(6).toString());
  if (expected.lt(5)) return `n·p₀ = ${shown(expected)} < 5`;
  if (n.minus(expected).lt(5)) return `n·(1 − p₀) = ${shown(n.minus(expected))} < 5`;
  if (new Dec(input.successes).isZero()) return none.success;
  if (new Dec(input.successes).equals(n)) return none.failure;
  return undefined;
}

/** The method of a measurement in English, from the record's method and figures. */
export function methodTextEn(record: MeasurementRecord, style: Style): string {
  const df =
    record.degreesOfFreedom === undefined ? "" : `, ${sixDigits(record.degreesOfFreedom, style)} degrees of freedom`;
  const yates =
    record.continuityCorrection === undefined
      ? ""
      : `, with Yates's continuity correction (|effect| reduced by ${sixDigits(record.continuityCorrection, style)} for the test, the interval widened by as much)`;
  switch (record.method) {
    case "wald-z":
      return "Wald z (normal approximation, standard error of the estimate)";
    case "one-proportion-z":
      return `one-proportion z-test (score test: the baseline proportion's standard error for the test, the estimate's for the interval)${yates}`;
    case "binomial-exact": {
      const unsafe = unsafeNormal(record, style, { success: "no success", failure: "no failure" });
      return `exact binomial test (two-sided as R's binom.test: the outcomes no more likely than the one observed), Clopper–Pearson interval${unsafe === undefined ? "" : `; the normal approximation is unsafe here: ${unsafe}`}`;
    }
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
}

/** The method of a measurement in Italian, from the record's method and figures. */
export function methodTextIt(record: MeasurementRecord, style: Style): string {
  const df =
    record.degreesOfFreedom === undefined ? "" : `, ${sixDigits(record.degreesOfFreedom, style)} gradi di libertà`;
  const yates =
    record.continuityCorrection === undefined
      ? ""
      : `, con la correzione di continuità di Yates (|effetto| ridotto di ${sixDigits(record.continuityCorrection, style)} per il test, intervallo allargato di altrettanto)`;
  switch (record.method) {
    case "wald-z":
      return "z di Wald (approssimazione normale, errore standard della stima)";
    case "one-proportion-z":
      return `test z per una proporzione (test score: l'errore standard della proporzione di riferimento per il test, quello della stima per l'intervallo)${yates}`;
    case "binomial-exact": {
      const unsafe = unsafeNormal(record, style, { success: "nessun successo", failure: "nessun insuccesso" });
      return `test binomiale esatto (a due code come binom.test di R: gli esiti non più probabili di quello osservato), intervallo di Clopper–Pearson${unsafe === undefined ? "" : `; qui l'approssimazione normale non è affidabile: ${unsafe}`}`;
    }
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
}

/** The estimators in a few Italian words, for a label such as `comparison 2` (a blend's unnamed part). */
const ESTIMATOR_IT: Readonly<Record<MeasurementRecord["estimator"], string>> = {
  level: "livello",
  "fixed-baseline": "valore di riferimento fisso",
  "trend-baseline": "valore di riferimento di tendenza",
  comparison: "gruppo di confronto",
  "difference-in-differences": "differenza nelle differenze",
  blend: "combinazione",
  pooled: "aggregazione",
};

/** The estimator named in Italian words, for the counterfactual step. */
export function estimatorIt(estimator: string): string {
  return Object.hasOwn(ESTIMATOR_IT, estimator) ? ESTIMATOR_IT[estimator as MeasurementRecord["estimator"]] : estimator;
}

/** The groups the measure layer names, in Italian. */
const GROUP_IT: Readonly<Record<string, string>> = {
  treatment: "gruppo trattato",
  comparison: "gruppo di confronto",
  "treatment before": "gruppo trattato, prima",
  "treatment after": "gruppo trattato, dopo",
  "comparison before": "gruppo di confronto, prima",
  "comparison after": "gruppo di confronto, dopo",
};

/**
 * A group's or part's label in Italian when the measure layer wrote it (`treatment`, `cohort c1`, `comparison 2`
 * for a blend's unnamed part); any other label is the caller's and is shown as it is.
 */
export function labelIt(label: string): string {
  if (Object.hasOwn(GROUP_IT, label)) return GROUP_IT[label]!;
  const cohort = /^cohort (.+)$/.exec(label);
  if (cohort !== null) return `coorte ${cohort[1]}`;
  const part = /^([a-z-]+) ([0-9]+)$/.exec(label);
  if (part !== null && Object.hasOwn(ESTIMATOR_IT, part[1]!))
    return `${ESTIMATOR_IT[part[1] as MeasurementRecord["estimator"]]} ${part[2]}`;
  return label;
}
