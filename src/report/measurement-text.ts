import { compare, exactOfText } from "../formula/exact.js";
import type { MeasurementRecord } from "../contract/measurement-format.js";
import type { ResultStep, Step } from "../explanation/steps.js";
import type { CohortFallbackStep, MeasurementStep } from "../explanation/measurement-steps.js";
import type { ReportLocale, Style } from "./style.js";
import { estimatorIt, labelIt, methodTextEn, methodTextIt } from "./phrases/measurement-methods.js";

/** The two-sided p-value after the one-sided: `0.0246`, or `p < 0.0001` when it is that small. */
const twoSided = (relation: string) => (relation.startsWith("= ") ? relation.slice(2) : `p ${relation}`);

/**
 * What reports say about measurements, in English and Italian: the lines under a measured result (estimator,
 * inputs, effect, interval, p-values, method) and one line per measurement step. The phrasebooks call these,
 * so the plain text, Markdown and HTML outputs all say the same.
 */
export interface MeasurementWords {
  lines(record: MeasurementRecord, style: Style): string[];
  step(step: MeasurementStep, style: Style): string;
}

/**
 * A p-value as reports write it after "p": `= 0.0123`, or below 0.0001 `< 0.0001`, the usual convention (never
 * "p = < 0.0001").
 */
function pRelation(text: string, style: Style): string {
  return compare(exactOfText(text)!, exactOfText("0.0001")!) < 0 ? `< ${style.num("0.0001")}` : `= ${style.num(text)}`;
}

type Estimator = MeasurementRecord["estimator"];

function lines(
  words: {
    estimator: Record<Estimator, string>;
    header: (estimator: string, record: MeasurementRecord) => string;
    of: (successes: string, n: string) => string;
    events: (events: string, exposure: string) => string;
    spread: (n: string, sd: string) => string;
    standardError: string;
    weight: string;
    /** The name of a blend's or pool's figure, e.g. "pooled effect", from the word for the figure. */
    combined: (estimator: Estimator, figure: string) => string;
    effect: string;
    value: string;
    counterfactual: string;
    ofCounterfactual: string;
    interval: (confidence: string, lower: string, upper: string, se: string) => string;
    /** The test of no effect; `one` and `two` are the p-values' relations, e.g. `= 0.0123` or `< 0.0001`. */
    test: (statistic: string | undefined, one: string, two: string, better: string) => string;
    method: string;
    /** The method in words, from the record's method and figures. */
    methodText: (record: MeasurementRecord, style: Style) => string;
    /** A group's or part's label: the measure layer's own labels in the language, the caller's as they are. */
    label: (label: string) => string;
  },
  record: MeasurementRecord,
  style: Style,
): string[] {
  const { num, percent } = style;
  const out = [words.header(words.estimator[record.estimator], record)];
  for (const input of record.inputs) {
    const counts =
      input.successes !== undefined
        ? words.of(num(input.successes), num(input.n ?? "0"))
        : input.events !== undefined
          ? words.events(num(input.events), num(input.exposure ?? "0"))
          : words.spread(num(input.n ?? "0"), num(input.standardDeviation ?? "0"));
    out.push(
      `  ${words.label(input.label)}: ${counts} → ${num(input.estimate)} (${words.standardError} ${num(input.standardError)})`,
    );
  }
  // A blend's or pool's parts: each one's weight, value, counterfactual and effect (a record written before parts
  // carried their value and counterfactual shows the effect only), then the weighted sums, to check by hand.
  const parts = record.parts ?? [];
  for (const part of parts) {
    const figures =
      part.value === undefined
        ? `${words.effect} ${num(part.effect)}`
        : part.counterfactual === undefined
          ? `${words.value} ${num(part.value)}, ${words.effect} ${num(part.effect)}`
          : `${words.value} ${num(part.value)} − ${words.counterfactual} ${num(part.counterfactual)} = ${words.effect} ${num(part.effect)}`;
    out.push(
      `  ${words.label(part.label)}: ${words.weight} ${percent(part.weight)}, ${figures} (${words.standardError} ${num(part.standardError)})`,
    );
  }
  const weightedSum = (figure: string, of: (part: (typeof parts)[number]) => string, total: string) =>
    `  ${words.combined(record.estimator, figure)}: ${parts.map((part) => `${percent(part.weight)} × ${num(of(part))}`).join(" + ")} = ${num(total)}`;
  if (parts.length > 0) {
    if (parts.every((part) => part.value !== undefined))
      out.push(weightedSum(words.value, (part) => part.value!, record.value));
    if (record.counterfactual !== undefined && parts.every((part) => part.counterfactual !== undefined))
      out.push(weightedSum(words.counterfactual, (part) => part.counterfactual!, record.counterfactual));
    out.push(weightedSum(words.effect, (part) => part.effect, record.effect));
  }
  const relative =
    record.relativeEffect !== undefined ? ` (${percent(record.relativeEffect)} ${words.ofCounterfactual})` : "";
  out.push(
    record.counterfactual !== undefined
      ? `  ${words.effect}: ${words.value} ${num(record.value)} − ${words.counterfactual} ${num(record.counterfactual)} = ${num(record.effect)}${relative}`
      : `  ${words.value}: ${num(record.value)}`,
  );
  out.push(
    `  ${words.interval(percent(record.interval.confidence), num(record.interval.lower), num(record.interval.upper), num(record.standardError))}`,
  );
  if (record.pValue !== undefined) {
    out.push(
      `  ${words.test(record.statistic === undefined ? undefined : num(record.statistic), pRelation(record.pValue.oneSided, style), pRelation(record.pValue.twoSided, style), record.better)}`,
    );
  }
  out.push(`  ${words.method}: ${record.method} — ${words.methodText(record, style)}`);
  return out;
}

/** English. */
export const measurementEn: MeasurementWords = {
  lines: (record, style) =>
    lines(
      {
        estimator: {
          level: "the level of the treated group",
          "fixed-baseline": "change against a fixed baseline",
          "trend-baseline": "change against a baseline projected from the historical trend",
          comparison: "treatment against comparison group",
          "difference-in-differences": "difference-in-differences",
          blend: "weighted blend of estimates",
          pooled: "pool of cohorts",
        },
        header: (estimator, r) =>
          `measured by ${estimator} (${r.outcome} outcome, scale ${r.scale}, ${r.better} is better)`,
        of: (successes, n) => `${successes} of ${n}`,
        events: (events, exposure) => `${events} events over exposure ${exposure}`,
        spread: (n, sd) => `n = ${n}, standard deviation ${sd}`,
        standardError: "standard error",
        weight: "weight",
        combined: (estimator, figure) => `${estimator === "blend" ? "blended" : "pooled"} ${figure}`,
        effect: "effect",
        value: "value",
        counterfactual: "counterfactual",
        ofCounterfactual: "of the counterfactual",
        interval: (confidence, lower, upper, se) =>
          `${confidence} confidence interval [${lower}, ${upper}], standard error ${se}`,
        test: (statistic, one, two, better) =>
          `test of no effect: ${statistic !== undefined ? `statistic ${statistic}, ` : ""}p ${one} one-sided (toward ${better}), ${twoSided(two)} two-sided`,
        method: "method",
        methodText: methodTextEn,
        label: (label) => label,
      },
      record,
      style,
    ),
  step(step, style) {
    const { num, percent, date } = style;
    switch (step.kind) {
      case "counterfactual":
        return `Counterfactual: ${step.metric} is priced against the measured counterfactual ${num(step.counterfactual)} (${step.estimator}, event ${step.eventId}) instead of the contract's baseline ${num(step.contractBaseline)}`;
      case "significance": {
        const direction = step.better === "higher" ? "an increase" : "a decrease";
        const verdict = step.met ? "met" : "not met: the tranche pays nothing";
        return `Significance gate (${step.test}): p ${pRelation(step.pValue, style)} < ${num(step.level)} and the effect ${num(step.effect)} is ${direction}? ${verdict}`;
      }
      case "conservative-bound": {
        const from =
          step.counterfactual !== undefined
            ? `counterfactual ${num(step.counterfactual)} + effect bound ${num(step.effectBound)}`
            : `bound ${num(step.effectBound)}`;
        return `Conservative bound: priced on the ${percent(step.confidence)} interval's end worse for the provider, not the estimate ${num(step.estimate)}: ${from} = ${num(step.value)}`;
      }
      case "missing-measurement":
        return `No ${step.missing === "measurement" ? "measurement" : `${step.missing} in the measurement`} for ${step.metric}${step.eventId !== undefined ? ` (event ${step.eventId})` : ""}: the tranche's statistical options cannot be applied, so it pays nothing`;
      case "cohort-fallback":
        return `Fallback: cohort ${step.cohort} did not clear its own rule, so it is paid on the pooled result of cohort ${step.pooledCohort} (from ${date(step.dueDate)}), never on both`;
    }
  },
};

/** Italiano. */
export const measurementIt: MeasurementWords = {
  lines: (record, style) =>
    lines(
      {
        estimator: {
          level: "livello del gruppo trattato",
          "fixed-baseline": "variazione rispetto a un valore di riferimento fisso",
          "trend-baseline": "variazione rispetto al valore di riferimento proiettato dall'andamento storico",
          comparison: "gruppo trattato contro gruppo di confronto",
          "difference-in-differences": "differenza nelle differenze",
          blend: "combinazione pesata di stime",
          pooled: "aggregazione delle coorti",
        },
        header: (estimator, r) =>
          `misurato come ${estimator} (esito ${r.outcome === "binary" ? "binario" : r.outcome === "count" ? "conteggio di eventi" : "continuo"}, scala ${r.scale}, migliore se più ${r.better === "higher" ? "alto" : "basso"})`,
        of: (successes, n) => `${successes} su ${n}`,
        events: (events, exposure) => `${events} eventi su un'esposizione di ${exposure}`,
        spread: (n, sd) => `n = ${n}, deviazione standard ${sd}`,
        standardError: "errore standard",
        weight: "peso",
        combined: (estimator, figure) => `${figure} ${estimator === "blend" ? "combinato" : "aggregato"}`,
        effect: "effetto",
        value: "valore",
        counterfactual: "controfattuale",
        ofCounterfactual: "del controfattuale",
        interval: (confidence, lower, upper, se) =>
          `intervallo di confidenza al ${confidence} [${lower}; ${upper}], errore standard ${se}`,
        test: (statistic, one, two, better) =>
          `test di effetto nullo: ${statistic !== undefined ? `statistica ${statistic}, ` : ""}p ${one} a una coda (verso il più ${better === "higher" ? "alto" : "basso"}), ${twoSided(two)} a due code`,
        method: "metodo",
        methodText: methodTextIt,
        label: labelIt,
      },
      record,
      style,
    ),
  step(step, style) {
    const { num, percent, date } = style;
    switch (step.kind) {
      case "counterfactual":
        return `Controfattuale: ${step.metric} è valutato rispetto al controfattuale misurato ${num(step.counterfactual)} (${estimatorIt(step.estimator)}, evento ${step.eventId}) invece del valore di riferimento del contratto ${num(step.contractBaseline)}`;
      case "significance": {
        const direction = step.better === "higher" ? "un aumento" : "una diminuzione";
        const verdict = step.met ? "soddisfatta" : "non soddisfatta: la tranche non paga nulla";
        return `Soglia di significatività (${step.test === "one-sided" ? "a una coda" : "a due code"}): p ${pRelation(step.pValue, style)} < ${num(step.level)} e l'effetto ${num(step.effect)} è ${direction}? ${verdict}`;
      }
      case "conservative-bound": {
        const from =
          step.counterfactual !== undefined
            ? `controfattuale ${num(step.counterfactual)} + estremo dell'effetto ${num(step.effectBound)}`
            : `estremo ${num(step.effectBound)}`;
        return `Estremo prudenziale: si paga sull'estremo dell'intervallo al ${percent(step.confidence)} meno favorevole al fornitore, non sulla stima ${num(step.estimate)}: ${from} = ${num(step.value)}`;
      }
      case "missing-measurement": {
        const what =
          step.missing === "measurement"
            ? "Nessuna misurazione"
            : step.missing === "counterfactual"
              ? "Nessun controfattuale nella misurazione"
              : "Nessun p-value nella misurazione";
        return `${what} per ${step.metric}${step.eventId !== undefined ? ` (evento ${step.eventId})` : ""}: le opzioni statistiche della tranche non si possono applicare, quindi non paga nulla`;
      }
      case "cohort-fallback":
        return `Ripiego: la coorte ${step.cohort} non ha superato la propria regola, quindi è pagata sul risultato aggregato della coorte ${step.pooledCohort} (dal ${date(step.dueDate)}), mai su entrambi`;
    }
  },
};

/**
 * The measurement words in a language: what `explainMeasurement` writes, and the settlement's phrasebook under a
 * measured result and for the measurement steps.
 */
export function measurementWordsOf(locale: ReportLocale): MeasurementWords {
  return locale === "it" ? measurementIt : measurementEn;
}

/** The lines under a result step that carries a measurement, indented as the result's history is. */
export function measuredResultLines(step: ResultStep, words: MeasurementWords, style: Style): string {
  return step.measurement === undefined
    ? ""
    : words
        .lines(step.measurement, style)
        .map((line) => `\n      ${line}`)
        .join("");
}

/** True for the steps this module renders. */
export function isMeasurementStep(step: Step): step is MeasurementStep {
  return (
    step.kind === "counterfactual" ||
    step.kind === "significance" ||
    step.kind === "conservative-bound" ||
    step.kind === "missing-measurement" ||
    step.kind === "cohort-fallback"
  );
}

/**
 * For a tranche paid (or to be paid) on a pooled cohort: the fallback step and the pooled results that follow
 * it in the trace, so a report can say what the tranche now waits for.
 */
export function fallbackOf(
  trace: readonly Step[],
): { readonly step: CohortFallbackStep; readonly results: readonly ResultStep[] } | undefined {
  const index = trace.findIndex((step) => step.kind === "cohort-fallback");
  if (index < 0) return undefined;
  const results: ResultStep[] = [];
  for (const step of trace.slice(index + 1)) {
    if (step.kind !== "result") break;
    results.push(step);
  }
  return { step: trace[index] as CohortFallbackStep, results };
}
