import type { Contract } from "../contract/types.js";
import { isIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { readDecimal } from "../money/decimal.js";
import { deepFreeze } from "../util/freeze.js";
import {
  detectionPower,
  minimumDetectableEffect,
  requiredSample,
  type DesignOutcome,
  type DesignRequest,
  type DetectableEffect,
  type RequiredSample,
} from "./power.js";

/** What a contract's measurement plan can detect, and what its expected effect needs. */
export interface PlanAssessment {
  readonly metric: string;
  /** The design question the plan asks, as `minimumDetectableEffect` reads it. */
  readonly request: DesignRequest;
  readonly sample: { readonly treatment: number; readonly comparison?: number };
  /** The smallest improvement the planned sample detects with the planned power. */
  readonly minimumDetectableEffect: DetectableEffect;
  /** With an `expectedEffect`: the power the planned sample has for it, and the sample it needs. */
  readonly expected?: {
    readonly effect: number;
    readonly power: number;
    readonly requiredSample: RequiredSample;
    readonly sufficient: boolean;
  };
}

const OUTCOMES: Readonly<Record<string, DesignOutcome>> = { rate: "binary", frequency: "count", mean: "continuous" };

/**
 * Answers the feasibility study's question from the contract itself: is the primary indicator measurable with
 * the sample the plan will have? The metric's kind gives the outcome (`rate` → a proportion, `frequency` → an
 * event rate, `mean` → a mean), its baseline and direction the rest; the plan gives the sample, the
 * significance level, the power, the alternative, the scale and the standard deviation.
 *
 * @example
 * const assessment = assessPlan(parseContract(design));
 * assessment.minimumDetectableEffect.effect; // 3.93 (points) for 1,500 + 1,500 pupils at a 20% baseline
 * assessment.expected?.sufficient; // true: the expected 4 points need 1,447 per group, the plan has 1,500
 * @throws OptionsError when the contract has no measurement plan, or its metric is a count or an amount (no
 * per-participant variance to plan on); DesignError when the plan's figures make no design question.
 */
export function assessPlan(contractInput: Contract): PlanAssessment {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const plan = contract.measurementPlan;
  if (plan === undefined)
    throw new OptionsError([
      issue(["measurementPlan"], "missing_measurement_plan", "the contract has no measurementPlan to assess"),
    ]);
  const metric = contract.metrics.find((entry) => entry.id === plan.metric)!;
  const outcome = OUTCOMES[metric.kind];
  if (outcome === undefined) {
    throw new OptionsError([
      issue(
        ["measurementPlan", "metric"],
        "not_plannable",
        `metric "${metric.id}" is a ${metric.kind}: power is planned for a rate, a frequency or a mean`,
      ),
    ]);
  }
  const number = (text: string | number) => readDecimal(String(text))!.toNumber();
  const request: DesignRequest = {
    outcome,
    better: metric.better,
    baseline: number(metric.baseline.value),
    ...(plan.scale !== undefined && outcome !== "continuous" ? { scale: plan.scale } : {}),
    ...(plan.standardDeviation !== undefined ? { standardDeviation: number(plan.standardDeviation) } : {}),
    significance: number(plan.significance),
    power: number(plan.power),
    alternative: plan.alternative ?? "two-sided",
  };
  const sample =
    plan.sampleSize.comparison === undefined
      ? { treatment: plan.sampleSize.treatment }
      : { treatment: plan.sampleSize.treatment, comparison: plan.sampleSize.comparison };
  const detectable = minimumDetectableEffect({ ...request, sample });
  let expected: PlanAssessment["expected"];
  if (plan.expectedEffect !== undefined) {
    const effect = number(plan.expectedEffect);
    const ratio = sample.comparison === undefined ? {} : { ratio: sample.comparison / sample.treatment };
    expected = {
      effect,
      power: detectionPower({ ...request, sample, effect }),
      requiredSample: requiredSample({
        ...request,
        effect,
        comparisonGroup: sample.comparison !== undefined,
        ...ratio,
      }),
      sufficient: detectable.effect <= effect,
    };
  }
  return deepFreeze({
    metric: metric.id,
    request,
    sample,
    minimumDetectableEffect: detectable,
    ...(expected !== undefined ? { expected } : {}),
  });
}
