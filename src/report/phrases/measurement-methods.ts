import type { MeasurementRecord } from "../../contract/measurement-format.js";
import { methodWords, normalUnsafe, type MethodFigures } from "../../measure/method-words.js";
import type { Style } from "../style.js";

/**
 * The statistical method of a measurement in words, in English and Italian, from the record's method and figures
 * (the words are measure/method-words.ts's, the one place that words a method: a measurement's `methodText` is its
 * English). And the labels the measure layer gives the groups and parts of a measurement (`treatment`,
 * `comparison after`, `cohort c1`…), in Italian; a label the caller chose is shown as it is.
 */

/**
 * The method's figures in a record: its method, degrees of freedom and continuity correction, and for the exact
 * binomial test why the normal approximation was unsafe, by the measure layer's rule on the record's figures
 * (n, successes, and p₀ = counterfactual / scale).
 */
export function methodFiguresOf(record: MeasurementRecord): MethodFigures {
  const input = record.inputs[0];
  const unsafe =
    record.method !== "binomial-exact" ||
    input?.n === undefined ||
    input.successes === undefined ||
    record.counterfactual === undefined
      ? undefined
      : normalUnsafe(
          Number(input.n),
          Number(input.successes),
          Math.min(1, Math.max(0, Number(record.counterfactual) / Number(record.scale))),
        );
  return {
    method: record.method,
    degreesOfFreedom: record.degreesOfFreedom,
    continuityCorrection: record.continuityCorrection,
    normalUnsafe: unsafe,
  };
}

/** The method of a measurement in English, from the record's method and figures. */
export function methodTextEn(record: MeasurementRecord, style: Style): string {
  return methodWords(methodFiguresOf(record), "en", (decimal) => style.num(decimal));
}

/** The method of a measurement in Italian, from the record's method and figures. */
export function methodTextIt(record: MeasurementRecord, style: Style): string {
  return methodWords(methodFiguresOf(record), "it", (decimal) => style.num(decimal));
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
