import { Dec, isDecimalString, plain, readMeasure } from "../../money/decimal.js";
import type { Basis, Contract, Metric, PricingRule, Tranche } from "../../contract/types.js";
import type { TrancheSettlement } from "../../engine/settlement-types.js";
import { fromDec, toDec } from "../../formula/exact-dec.js";
import { evaluateRule, metricsOf, pricedForQuantity } from "../../pricing/evaluate-rule.js";
import { formulaRules } from "../../contract/check-formulas.js";
import { parseContract } from "../../contract/parse-contract.js";
import { describeValue, quoted } from "../../errors/describe-value.js";
import { issue, type InputIssue } from "../../errors/validation-error.js";
import { deepFreeze } from "../../util/freeze.js";
import { isIssued, markIssued } from "../../util/issued.js";
import { throwIfAny } from "./chart-arguments.js";

/**
 * The payment curve of a tranche: what its rule pays (before caps) for each possible result of its metric,
 * with the measured result and the tranche's cap, as plain data for a chart. The x axis is the measured value
 * in the metric's own unit (what an officer knows), not the rule's basis. Plotting coordinates are JavaScript
 * numbers: they place points on a drawing and are never used as money.
 */
export interface PaymentCurve {
  readonly trancheId: string;
  readonly metric: string;
  readonly unit: string;
  readonly better: "higher" | "lower";
  readonly baseline: number;
  /** Sampled points, in increasing x, with the jumps of step rules kept (two points at one x). */
  readonly points: readonly { readonly x: number; readonly amount: number }[];
  /** The verified result and what the rule priced it at (exact decimal strings alongside the plot values). */
  readonly measured?: { readonly x: number; readonly amount: number; readonly value: string; readonly priced: string };
  readonly cap?: { readonly amount: number; readonly value: string };
}

const quantity = (value: string | number): Dec => readMeasure(value) ?? new Dec(0);

/**
 * A plotting coordinate: the decimal as a JavaScript number, held within the finite doubles (an amount of
 * 400 digits is drawn at the edge of the range, never as Infinity or NaN). Labels use the exact decimals.
 */
function coordinate(value: Dec): number {
  const number = value.toNumber();
  if (Number.isFinite(number)) return number;
  return number > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/** The measured value at which the rule's basis equals `x`. */
function measuredAt(metric: Metric, basis: Basis, x: Dec): Dec {
  const baseline = quantity(metric.baseline.value);
  const sign = metric.better === "higher" ? 1 : -1;
  if (basis === "value") return x;
  if (basis === "improvement") return baseline.plus(x.times(sign));
  return baseline.plus(x.times(baseline.abs()).times(sign));
}

/** The places where the rule changes shape, on the measured scale. */
function breakpoints(rule: PricingRule, metric: Metric): Dec[] {
  if (rule.type === "weighted") return rule.parts.flatMap((part) => breakpoints(part.rule, metric));
  if (rule.type === "formula") return [];
  const at = (value: string | number) => measuredAt(metric, rule.basis, quantity(value));
  switch (rule.type) {
    case "threshold":
      return [at(rule.threshold), ...(rule.then !== undefined ? breakpoints(rule.then, metric) : [])];
    case "tiers":
      return rule.tiers.flatMap((tier) => [at(tier.from), ...(tier.to !== undefined ? [at(tier.to)] : [])]);
    case "linear":
      return rule.points.map((point) => at(point.at));
    default:
      return [];
  }
}

/** The most points a curve is sampled at (besides the points either side of each breakpoint). */
const MOST_SAMPLES = 10_000;
/** The most tranche ids a message lists. */
const IDS_LISTED = 5;

/** The verified results a tranche's settlement holds, by metric (the first of each), read. */
type VerifiedValues = ReadonlyMap<string, { readonly value: string; readonly quantity: Dec }>;

/**
 * Adds to `issues` those of a tranche's settlement given to draw its measured result: an object of the tranche
 * `trancheId` (when that is known) whose `results` is a list, each verified result's value a decimal string.
 * Returns its verified values.
 */
function settledIssues(settled: unknown, trancheId: string | undefined, issues: InputIssue[]): VerifiedValues {
  const values = new Map<string, { value: string; quantity: Dec }>();
  if (settled === undefined) return values;
  if (settled === null || typeof settled !== "object" || Array.isArray(settled)) {
    issues.push(
      issue(
        ["settled"],
        "invalid_type",
        `settled is the tranche's entry in a settlement (settlement.tranches[i]), or nothing; got ${describeValue(settled)}`,
      ),
    );
    return values;
  }
  const { id, results } = settled as { id?: unknown; results?: unknown };
  if (trancheId !== undefined && id !== trancheId)
    issues.push(
      issue(
        ["settled", "id"],
        "tranche_mismatch",
        `settled is the settlement of tranche ${quoted(id)}, not of ${quoted(trancheId)}: pass the settlement's entry for ${quoted(trancheId)}`,
      ),
    );
  if (!Array.isArray(results)) {
    issues.push(
      issue(
        ["settled", "results"],
        "invalid_type",
        `settled.results is a list of results; got ${describeValue(results)}`,
      ),
    );
    return values;
  }
  results.forEach((entry: unknown, index) => {
    if (entry === null || typeof entry !== "object") {
      issues.push(
        issue(["settled", "results", index], "invalid_type", `a result is an object; got ${describeValue(entry)}`),
      );
      return;
    }
    const { metric, status, value } = entry as { metric?: unknown; status?: unknown; value?: unknown };
    if (status !== "verified" || value === undefined) return;
    if (typeof value !== "string" || !isDecimalString(value)) {
      issues.push(
        issue(
          ["settled", "results", index, "value"],
          "invalid_value",
          `a verified result's value is a decimal string such as "17.9"; got ${describeValue(value)}`,
        ),
      );
      return;
    }
    if (typeof metric === "string" && !values.has(metric)) values.set(metric, { value, quantity: new Dec(value) });
  });
  return values;
}

/**
 * The tranche to draw and the verified values to mark on it, from checked arguments.
 * @throws ArgumentError listing every argument that is not what it should be.
 */
function curveArguments(
  contract: Contract,
  trancheId: unknown,
  settled: unknown,
  samples: unknown,
): { tranche: Tranche; verified: VerifiedValues } {
  const issues: InputIssue[] = [];
  let tranche: Tranche | undefined;
  if (typeof trancheId !== "string") {
    issues.push(
      issue(["trancheId"], "invalid_type", `trancheId is the id of a tranche; got ${describeValue(trancheId)}`),
    );
  } else {
    tranche = contract.tranches.find((entry) => entry.id === trancheId);
    if (tranche === undefined) {
      const ids = contract.tranches.slice(0, IDS_LISTED).map((entry) => quoted(entry.id));
      const more = contract.tranches.length > IDS_LISTED ? ", …" : "";
      issues.push(
        issue(
          ["trancheId"],
          "unknown_tranche",
          `contract ${quoted(contract.id)} has no tranche ${quoted(trancheId)}: its tranches are ${ids.join(", ")}${more}`,
        ),
      );
    }
  }
  const verified = settledIssues(settled, typeof trancheId === "string" ? trancheId : undefined, issues);
  if (!Number.isInteger(samples) || (samples as number) < 1 || (samples as number) > MOST_SAMPLES)
    issues.push(
      issue(
        ["samples"],
        "invalid_samples",
        `samples is a whole number of points from 1 to ${MOST_SAMPLES.toLocaleString("en-GB")}; got ${describeValue(samples)}`,
      ),
    );
  throwIfAny(issues);
  return { tranche: tranche!, verified };
}

/**
 * The payment curve of a tranche priced on a single metric, or `undefined` when its rule combines several
 * metrics (a curve would need one axis per metric) or is a formula. The contract is taken as `settle` takes it:
 * one `parseContract` returned, or a plain one, parsed first. The curve is frozen, and the library knows it as
 * its own: `paymentCurveSvg` and `paymentCurveVegaLite` take it (and no copy of it).
 *
 * @example
 * const curve = paymentCurve(contract, "t1", settlement.tranches[0]);
 * writeFileSync("t1.svg", paymentCurveSvg(curve!, reportStyle("it", "EUR")));
 * @throws ContractError when a plain contract is not valid. ArgumentError listing every other argument that is
 * not what it should be: `trancheId` not a text (`invalid_type`) or no tranche of the contract
 * (`unknown_tranche`); `settled` not a tranche's entry in a settlement (`invalid_type` at `$.settled` or
 * `$.settled.results[i]`), the entry of another tranche (`tranche_mismatch`, at `$.settled.id`), or a verified
 * result's value not a decimal string (`invalid_value`); `samples` not a whole number from 1 to 10,000
 * (`invalid_samples`).
 */
export function paymentCurve(
  contractInput: Contract,
  trancheId: string,
  settled?: TrancheSettlement,
  samples = 160,
): PaymentCurve | undefined {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const { tranche, verified } = curveArguments(contract, trancheId, settled, samples);
  const ids = metricsOf(tranche.pricing);
  // A formula may read parameters, tables and other periods: no curve over one metric describes it.
  if (formulaRules(tranche.pricing, []).length > 0) return undefined;
  const metric = contract.metrics.find((entry) => entry.id === ids[0]);
  if (ids.length !== 1 || metric === undefined) return undefined;
  const metrics = new Map([[metric.id, metric]]);
  // what the rule pays for x, times the tranche's quantity when its prices are per head (before caps, as settle)
  const price = (x: Dec) =>
    toDec(
      pricedForQuantity(
        evaluateRule(tranche.pricing, metrics, new Map([[metric.id, fromDec(x)]])),
        tranche.quantity,
        false,
      ).priced.amount,
    );

  const result = verified.get(metric.id);
  const measuredValue = result?.quantity;
  const baseline = quantity(metric.baseline.value);
  const marks = [
    baseline,
    ...breakpoints(tranche.pricing, metric),
    ...(measuredValue !== undefined ? [measuredValue] : []),
  ];
  let low = Dec.min(...marks);
  let high = Dec.max(...marks);
  const span = high.minus(low);
  const pad = span.isZero() ? Dec.max(baseline.abs().times("0.25"), 1) : span.times("0.15");
  low = low.minus(pad);
  high = high.plus(pad);
  if (low.isNegative() && !baseline.isNegative() && metric.kind !== "amount") low = new Dec(0);

  // Even samples, plus each breakpoint approached from both sides so that steps stay vertical.
  const step = high.minus(low).div(samples);
  const epsilon = step.div(1000);
  const xs = new Map<string, Dec>();
  for (let index = 0; index <= samples; index += 1)
    xs.set(low.plus(step.times(index)).toString(), low.plus(step.times(index)));
  for (const mark of marks) {
    for (const x of [mark.minus(epsilon), mark, mark.plus(epsilon)])
      if (x.greaterThanOrEqualTo(low) && x.lessThanOrEqualTo(high)) xs.set(x.toString(), x);
  }
  const points = [...xs.values()]
    .sort((a, b) => a.comparedTo(b))
    .map((x) => ({ x: coordinate(x), amount: coordinate(price(x)) }));

  const curve: PaymentCurve = {
    trancheId: tranche.id,
    metric: metric.id,
    unit: metric.unit,
    better: metric.better,
    baseline: coordinate(baseline),
    points,
    ...(measuredValue !== undefined && result !== undefined
      ? {
          measured: {
            x: coordinate(measuredValue),
            amount: coordinate(price(measuredValue)),
            value: result.value,
            priced: plain(price(measuredValue)),
          },
        }
      : {}),
    ...(tranche.cap !== undefined ? { cap: { amount: coordinate(new Dec(tranche.cap)), value: tranche.cap } } : {}),
  };
  return markIssued(deepFreeze(curve), "payment-curve");
}
