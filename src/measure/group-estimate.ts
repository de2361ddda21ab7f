import type { GroupAggregate, OutcomeKind } from "./inputs.js";
import type { GroupSummary } from "./measurement.js";

/**
 * A group reduced to what the estimators need. Continuous outcomes carry their mean and variance (from
 * Welford's running update for records, which does not lose digits when the mean is large against the spread).
 */
export type GroupMoments =
  | { readonly outcome: "binary"; readonly n: number; readonly successes: number }
  | { readonly outcome: "count"; readonly events: number; readonly exposure: number; readonly n?: number }
  | { readonly outcome: "continuous"; readonly n: number; readonly mean: number; readonly variance: number };

/** One group's estimate (proportion, rate or mean) in the scaled unit, its standard error and degrees of freedom. */
export interface GroupEstimate {
  readonly outcome: OutcomeKind;
  readonly estimate: number;
  readonly standardError: number;
  /** `undefined` for proportions and rates (normal approximation); n − 1 for a mean. */
  readonly degreesOfFreedom: number | undefined;
  /** The group's size: participants (or exposure for a count without a head count). */
  readonly size: number;
  readonly summary: GroupSummary;
}

/** Moments of a validated aggregate: the variance of a continuous outcome from n, Σx and Σx² (never below 0). */
export function momentsOf(group: GroupAggregate): GroupMoments {
  if (group.outcome !== "continuous") return group;
  const mean = group.sum / group.n;
  const variance = Math.max(0, (group.sumOfSquares - group.sum * mean) / (group.n - 1));
  return { outcome: "continuous", n: group.n, mean, variance };
}

/** The default unit: events per 100 units of exposure for counts, the plain proportion or mean otherwise. */
export function defaultScale(outcome: OutcomeKind): number {
  return outcome === "count" ? 100 : 1;
}

/**
 * A group's estimate: a proportion s/n with SE √(p(1−p)/n); a Poisson rate e/E with SE √e/E; a mean with
 * SE s/√n and n − 1 degrees of freedom. All scaled by `scale`.
 */
export function estimateGroup(group: GroupMoments, label: string, scale: number): GroupEstimate {
  switch (group.outcome) {
    case "binary": {
      const p = group.successes / group.n;
      const se = Math.sqrt((p * (1 - p)) / group.n);
      return {
        outcome: "binary",
        estimate: p * scale,
        standardError: se * scale,
        degreesOfFreedom: undefined,
        size: group.n,
        summary: {
          label,
          outcome: "binary",
          n: group.n,
          successes: group.successes,
          estimate: p * scale,
          standardError: se * scale,
        },
      };
    }
    case "count": {
      const rate = group.events / group.exposure;
      const se = Math.sqrt(group.events) / group.exposure;
      return {
        outcome: "count",
        estimate: rate * scale,
        standardError: se * scale,
        degreesOfFreedom: undefined,
        size: group.n ?? group.exposure,
        summary: {
          label,
          outcome: "count",
          ...(group.n !== undefined ? { n: group.n } : {}),
          events: group.events,
          exposure: group.exposure,
          estimate: rate * scale,
          standardError: se * scale,
        },
      };
    }
    case "continuous": {
      const sd = Math.sqrt(group.variance);
      const se = sd / Math.sqrt(group.n);
      return {
        outcome: "continuous",
        estimate: group.mean * scale,
        standardError: se * scale,
        degreesOfFreedom: group.n - 1,
        size: group.n,
        summary: {
          label,
          outcome: "continuous",
          n: group.n,
          mean: group.mean * scale,
          standardDeviation: sd * scale,
          estimate: group.mean * scale,
          standardError: se * scale,
        },
      };
    }
  }
}
