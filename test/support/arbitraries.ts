/**
 * fast-check generators of valid contracts and event histories, for the property tests. Everything generated
 * is plain JSON-like data, as a user would write it, and always passes `parseContract` / `parseEvents`.
 *
 * The generated contracts use two metrics — "dropout" (a rate in %, lower is better, baseline 20.0) and
 * "attendance" (a count, higher is better, baseline 100) — three periods, payers "fis", "comune" and
 * "fondazione", recipients "provider" and "investor", and one to four tranches, each priced by a rule that
 * never pays less for a better result (see `monotoneRule`). Caps, floors and the rounding policy vary.
 */
import fc from "fast-check";
import type {
  Contract,
  ContractEvent,
  Party,
  PaymentEvent,
  PricingRule,
  ResultEvent,
  Share,
  Tranche,
} from "../../src/index.js";
import { metric, PERIODS } from "./contract-builder.js";

export const PAYERS = ["fis", "comune", "fondazione"] as const;
export const RECIPIENTS = ["provider", "investor"] as const;
export const METRIC_IDS = ["dropout", "attendance"] as const;
export const PERIOD_IDS = ["p1", "p2", "p3"] as const;
export const DUE_DATES = ["2027-11-30", "2028-03-31", "2028-11-30", "2029-06-30"] as const;
/** Dates events are recorded on, and settlement dates, spread around the due dates. */
export const DATES = [
  "2027-09-15",
  "2027-10-15",
  "2027-12-31",
  "2028-02-15",
  "2028-06-30",
  "2028-10-15",
  "2029-01-15",
  "2029-07-31",
] as const;

const PARTIES: readonly Party[] = [
  { id: "fis", name: "Fondo per l'Innovazione Sociale", roles: ["outcome-payer"] },
  { id: "comune", name: "Comune di Palermo", roles: ["outcome-payer", "beneficiary"] },
  { id: "fondazione", name: "Fondazione di comunità", roles: ["outcome-payer", "investor"] },
  { id: "provider", name: "Cooperativa sociale (ETS)", roles: ["provider"] },
  { id: "investor", name: "Investitore sociale", roles: ["investor"] },
  { id: "evaluator", name: "Valutatore indipendente", roles: ["verifier"] },
];

const METRICS = [
  metric(),
  metric({
    id: "attendance",
    name: "Pupils attending at least 90% of school days",
    unit: "pupils",
    kind: "count",
    better: "higher",
    baseline: { value: "100", period: { start: "2022-09-01", end: "2025-08-31" }, source: "school registers" },
  }),
];

/** A money amount in whole units and cents, as a decimal string (`"1234.56"`). */
export const cents = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((value) => (value / 100).toFixed(2));

/** A measured value of a metric, as a user would send it: a decimal string or a JSON number. */
export function measuredValue(metricId: string): fc.Arbitrary<string | number> {
  // dropout in tenths of a point between 8.0 and 30.0; attendance as a count between 60 and 160
  const tenths = fc.integer({ min: 80, max: 300 }).map((value) => (value / 10).toFixed(1));
  return metricId === "dropout"
    ? fc.oneof(tenths, tenths.map(Number))
    : fc.oneof(fc.integer({ min: 60, max: 160 }), fc.integer({ min: 60, max: 160 }).map(String));
}

/** Shares adding up to exactly 100%, as percentages with two decimals (e.g. `"33.33%"`), one per party. */
export function sharesOf(parties: readonly string[]): fc.Arbitrary<Share[]> {
  return fc
    .array(fc.integer({ min: 1, max: 100 }), { minLength: parties.length, maxLength: parties.length })
    .map((weights) => {
      const total = weights.reduce((acc, weight) => acc + weight, 0);
      const basisPoints = weights.map((weight) => Math.floor((weight * 10000) / total));
      basisPoints[0]! += 10000 - basisPoints.reduce((acc, value) => acc + value, 0);
      return parties.map((party, index) => ({ party, share: `${(basisPoints[index]! / 100).toFixed(2)}%` }));
    });
}

/** A non-empty subset of `items`, in their order. */
const subset = <T>(items: readonly T[]): fc.Arbitrary<T[]> => fc.subarray([...items], { minLength: 1 });

/**
 * A pricing rule that never pays less for a better result: on the improvement basis, a rate, a threshold
 * (fixed amount or a rate above it), a step table with non-decreasing amounts, a piecewise-linear curve with
 * non-decreasing amounts, a share of savings, or a weighted mix of these over both metrics.
 */
export function monotoneRule(depth = 0): fc.Arbitrary<PricingRule> {
  const metricId = fc.constantFrom(...METRIC_IDS);
  const improvement = fc.integer({ min: -50, max: 120 }).map((tenths) => (tenths / 10).toFixed(1));
  const rate = fc
    .record({ metric: metricId, pricePerUnit: cents(0, 5_000_000) })
    .map(({ metric, pricePerUnit }): PricingRule => ({ type: "rate", metric, basis: "improvement", pricePerUnit }));
  const threshold = fc
    .record({
      metric: metricId,
      threshold: improvement,
      amount: cents(0, 50_000_000),
      useThen: fc.boolean(),
      price: cents(0, 5_000_000),
    })
    .map(
      ({ metric, threshold, amount, useThen, price }): PricingRule =>
        useThen
          ? {
              type: "threshold",
              metric,
              basis: "improvement",
              threshold,
              then: { type: "rate", metric, basis: "improvement", pricePerUnit: price },
            }
          : { type: "threshold", metric, basis: "improvement", threshold, amount },
    );
  // Strictly increasing improvements (in tenths) paired with non-decreasing amounts (in cents).
  const rising = (minLength: number) =>
    fc
      .record({
        metric: metricId,
        steps: fc
          .uniqueArray(fc.integer({ min: -30, max: 150 }), { minLength, maxLength: 4 })
          .map((list) => list.sort((a, b) => a - b)),
        raises: fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 4, maxLength: 4 }),
      })
      .map(({ metric, steps, raises }) => {
        let amount = 0;
        const points = steps.map((at, index) => {
          amount += raises[index]!;
          return { at: (at / 10).toFixed(1), amount: (amount / 100).toFixed(2) };
        });
        return { metric, points };
      });
  const tiers = rising(1).map(
    ({ metric, points }): PricingRule => ({
      type: "tiers",
      metric,
      basis: "improvement",
      tiers: points.map(({ at, amount }, index) => {
        const to = points[index + 1]?.at;
        return { from: at, ...(to !== undefined ? { to } : {}), amount };
      }),
    }),
  );
  const linear = rising(2).map(
    ({ metric, points }): PricingRule => ({ type: "linear", metric, basis: "improvement", points }),
  );
  const savings = fc
    .record({ metric: metricId, saving: cents(0, 3_000_000), share: fc.integer({ min: 0, max: 100 }) })
    .map(
      ({ metric, saving, share }): PricingRule => ({
        type: "savings-share",
        metric,
        basis: "improvement",
        savingPerUnit: saving,
        share: `${share}%`,
      }),
    );
  const leaf = fc.oneof(rate, threshold, tiers, linear, savings);
  if (depth > 0) return leaf;
  const weighted = fc.tuple(monotoneRule(1), monotoneRule(1), fc.integer({ min: 0, max: 100 })).map(
    ([first, second, weight]): PricingRule => ({
      type: "weighted",
      parts: [
        { weight: `${weight}%`, rule: first },
        { weight: `${100 - weight}%`, rule: second },
      ],
    }),
  );
  return fc.oneof({ arbitrary: leaf, weight: 4 }, { arbitrary: weighted, weight: 1 });
}

export interface ContractShape {
  /** Include cumulative caps per payer (they cut a payer's split part, so a cent may move between payers). */
  readonly payerCaps?: boolean;
  /** Include caps per metric. */
  readonly metricCaps?: boolean;
}

function trancheArb(id: string): fc.Arbitrary<Tranche> {
  return fc
    .record({
      period: fc.constantFrom(...PERIOD_IDS),
      dueDate: fc.constantFrom(...DUE_DATES),
      pricing: monotoneRule(),
      cap: fc.option(fc.integer({ min: 0, max: 30_000_000 }), { nil: undefined }),
      floor: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
      payers: subset(PAYERS).chain(sharesOf),
      recipients: subset(RECIPIENTS).chain(sharesOf),
    })
    .map(({ period, dueDate, pricing, cap, floor, payers, recipients }) => {
      const money = (value: number) => (value / 100).toFixed(2);
      const safeFloor = floor !== undefined && cap !== undefined ? Math.min(floor, cap) : floor;
      return {
        id,
        covers: { period },
        dueDate,
        pricing,
        ...(cap !== undefined ? { cap: money(cap) } : {}),
        ...(safeFloor !== undefined ? { floor: money(safeFloor) } : {}),
        payers,
        recipients,
      };
    });
}

/** A valid contract as plain data. */
export function contractArb(shape: ContractShape = {}): fc.Arbitrary<Contract> {
  const optionalCap = (max: number) =>
    fc.option(
      fc.integer({ min: 0, max }).map((value) => (value / 100).toFixed(2)),
      { nil: undefined },
    );
  return fc
    .record({
      tranches: fc
        .integer({ min: 1, max: 4 })
        .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => trancheArb(`t${index + 1}`)))),
      mode: fc.constantFrom("half-even", "half-up", "half-down", "down", "up", "floor", "ceiling" as const),
      at: fc.constantFrom("tranche", "metric" as const),
      contractCap: optionalCap(60_000_000),
      metricCaps: shape.metricCaps
        ? fc.record({ dropout: optionalCap(40_000_000), attendance: optionalCap(40_000_000) })
        : fc.constant({}),
      payerCaps: shape.payerCaps
        ? fc.record({
            fis: optionalCap(40_000_000),
            comune: optionalCap(20_000_000),
            fondazione: optionalCap(20_000_000),
          })
        : fc.constant({}),
    })
    .map(({ tranches, mode, at, contractCap, metricCaps, payerCaps }) => {
      const defined = (record: Record<string, string | undefined>) =>
        Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<string, string>;
      const perMetric = defined(metricCaps);
      const perPayer = defined(payerCaps);
      const caps = {
        ...(contractCap !== undefined ? { contract: contractCap } : {}),
        ...(Object.keys(perMetric).length > 0 ? { perMetric } : {}),
        ...(Object.keys(perPayer).length > 0 ? { perPayer } : {}),
      };
      return {
        id: "generated",
        title: "Generated contract",
        currency: "EUR",
        rounding: { mode: mode as Contract["rounding"]["mode"], at: at as Contract["rounding"]["at"] },
        term: { start: "2026-09-01", end: "2029-12-31" },
        parties: PARTIES,
        metrics: METRICS,
        periods: PERIODS,
        tranches,
        ...(Object.keys(caps).length > 0 ? { caps } : {}),
      } satisfies Contract;
    });
}

/** One verified result for every metric and period: the history that prices every tranche. */
export function verifiedResultsArb(): fc.Arbitrary<ResultEvent[]> {
  const scopes = METRIC_IDS.flatMap((metricId) => PERIOD_IDS.map((period) => ({ metricId, period })));
  return fc.tuple(...scopes.map(({ metricId }) => measuredValue(metricId))).map((values) =>
    scopes.map(({ metricId, period }, index) => ({
      type: "result" as const,
      id: `r-${metricId}-${period}`,
      metric: metricId,
      period,
      value: values[index]!,
      status: "verified" as const,
      verifier: "evaluator",
      recordedAt: "2027-10-15",
    })),
  );
}

/**
 * A full, valid history for a contract: for some metric × period scopes, a chain of one to three events
 * (a report, then restatements that verify, dispute, reject or correct it, recorded on non-decreasing
 * dates), and payments (some of them refunds) on the contract's tranches.
 */
export function historyArb(contract: Contract): fc.Arbitrary<ContractEvent[]> {
  const scopes = METRIC_IDS.flatMap((metricId) => PERIOD_IDS.map((period) => ({ metricId, period })));
  const link = (metricId: string) =>
    fc.record({
      status: fc.constantFrom(
        "reported",
        "verified",
        "verified",
        "verified",
        "verified",
        "verified",
        "disputed",
        "rejected" as const,
      ),
      value: fc.option(measuredValue(metricId), { nil: undefined }),
      day: fc.integer({ min: 0, max: DATES.length - 1 }),
    });
  const chains = fc.tuple(
    ...scopes.map(({ metricId }) =>
      fc.option(fc.array(link(metricId), { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 8 }),
    ),
  );
  const paymentArb = fc.record({
    tranche: fc.constantFrom(...contract.tranches),
    amount: fc.integer({ min: -50_000_00, max: 300_000_00 }).filter((value) => value !== 0),
    day: fc.integer({ min: 0, max: DATES.length - 1 }),
    pick: fc.nat(),
  });
  return fc
    .tuple(chains, fc.array(paymentArb, { maxLength: 5 }), measuredValue("dropout"), measuredValue("attendance"))
    .map(([chainList, payments, firstDropout, firstAttendance]) => {
      const events: ContractEvent[] = [];
      chainList.forEach((chain, index) => {
        if (chain === undefined) return;
        const { metricId, period } = scopes[index]!;
        const days = chain.map((entry) => entry.day).sort((a, b) => a - b);
        chain.forEach((entry, position) => {
          const id = `r-${metricId}-${period}-${position}`;
          const base = {
            type: "result" as const,
            id,
            status: entry.status,
            recordedAt: DATES[days[position]!]!,
            ...(entry.status === "verified" ? { verifier: "evaluator" } : {}),
          };
          if (position === 0) {
            events.push({
              ...base,
              metric: metricId,
              period,
              value: entry.value ?? (metricId === "dropout" ? firstDropout : firstAttendance),
            });
          } else {
            events.push({
              ...base,
              restates: `r-${metricId}-${period}-${position - 1}`,
              ...(entry.value !== undefined ? { value: entry.value } : {}),
            });
          }
        });
      });
      payments.forEach((entry, index) => {
        const payer = entry.tranche.payers[entry.pick % entry.tranche.payers.length]!.party;
        const recipient = entry.tranche.recipients[entry.pick % entry.tranche.recipients.length]!.party;
        const event: PaymentEvent = {
          type: "payment",
          id: `pay-${index}`,
          tranche: entry.tranche.id,
          payer,
          recipient,
          amount: (entry.amount / 100).toFixed(2),
          paidOn: DATES[entry.day]!,
        };
        events.push(event);
      });
      return events;
    });
}

/** A contract with a valid history for it and a settlement date. */
export function scenarioArb(
  shape: ContractShape = { payerCaps: true, metricCaps: true },
): fc.Arbitrary<{ contract: Contract; events: ContractEvent[]; asOf: string }> {
  return contractArb(shape).chain((contract) =>
    fc.record({
      contract: fc.constant(contract),
      events: historyArb(contract),
      asOf: fc.constantFrom(...DATES, "2029-12-31", "2029-12-31", "2029-12-31"),
    }),
  );
}

/** How many runs each property makes: enough to find counter-examples, few enough for a quick `npm test`. */
export const RUNS = { numRuns: 150 } as const;
