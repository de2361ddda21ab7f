/**
 * fast-check generators of valid contracts that use every feature at once, with a history and a settlement date,
 * for the property that every consumer of a settlement agrees with it (test/properties/consumers-agree.test.ts).
 * Everything generated is plain JSON-like data, as a user would write it, and passes `parseContract` /
 * `parseEvents`.
 *
 * Each feature is present or absent at random:
 * - pricing: rate, threshold (a fixed amount or an inner rule), tiers (with gaps and an open last band), linear,
 *   savings share, weighted (one to three parts of any rule) and formula rules, on every basis (value,
 *   improvement, relative improvement, with `%` quantities where the basis allows them) and both metrics
 *   ("dropout", lower is better; "attendance", higher is better);
 * - caps per tranche, per metric, per payer and for the contract; floors; both rounding places, every mode;
 * - tranches on periods or cohorts; cohort tranches with a pooled `fallback` to the cohort "all" (due on or after
 *   the tranche), and, when no tranche falls back, a tranche of its own for "all";
 * - `statistics` options (measured baseline, a significance gate, the conservative bound), with results that
 *   carry a measurement made by `measure(...)` and `measurementEvent(...)` (comparison groups, levels, fixed
 *   baselines);
 * - a formula kit: parameters (decimals and texts), named formulas, a decision table read by `lookup` (with a
 *   catch-all row and rows valid from and to a date), read by formula rules that also use `previous`, `lastYear`,
 *   `window`, `interpolate`, `tiers`, `safeDiv`, `round`, `clamp`; formula rules without the kit too;
 * - amendments changing parameters, named formulas and tranches' pricing, cap and floor, agreed before or after
 *   the settlement date;
 * - a `finance` section: one or two investors with dated drawdowns, a pool of recipients, a waterfall of
 *   principal (together or one step each), returns with a rate and/or a cap, a management fee and a performance
 *   fee in any order, the excess shared among parties, and guarantees;
 * - histories: for each metric and each period or cohort the contract can read, a chain of one to three events
 *   (reported, verified, disputed, rejected, restated with a new value or a new measurement, or inheriting
 *   them), payments and refunds, some recorded after they were paid; and a settlement date around the due dates
 *   or after every event;
 * - verified results for `runScenarios` and the simulation's compiled path, one per metric and scope, a few left
 *   out.
 */
import fc from "fast-check";
import {
  type Amendment,
  type AmendmentChange,
  type Contract,
  type ContractEvent,
  type DecisionTable,
  type Finance,
  type Guarantee,
  measure,
  type MeasureRequest,
  measurementEvent,
  type NamedFormula,
  type ParameterValue,
  type Party,
  type PaymentEvent,
  type PricingRule,
  type ResultEvent,
  type ResultStatus,
  type Scenario,
  type StatisticsOptions,
  type Tranche,
  type WaterfallStep,
} from "../../src/index.js";
import { sharesOf } from "./arbitraries.js";
import { metric, PERIODS } from "./contract-builder.js";

export const METRIC_IDS = ["dropout", "attendance"] as const;
type MetricId = (typeof METRIC_IDS)[number];
type Basis = "value" | "improvement" | "relative-improvement";
const BASES: readonly Basis[] = ["value", "improvement", "relative-improvement"];

export const PAYERS = ["fis", "comune"] as const;
export const RECIPIENTS = ["provider", "investor", "sib"] as const;
/** The cohorts: two of participants, and "all", the pool of both that fallbacks price on. */
export const COHORT_IDS = ["c1", "c2", "all"] as const;
export const POOL = "all";
/** Every scope a result can be for: the three periods and the three cohorts. */
export const SCOPES: readonly ({ readonly period: string } | { readonly cohort: string })[] = [
  ...PERIODS.map((period) => ({ period: period.id })),
  ...COHORT_IDS.map((cohort) => ({ cohort })),
];

const DUE_DATES = ["2027-11-30", "2028-03-31", "2028-11-30", "2029-06-30"] as const;
const FALLBACK_DUE_DATES = ["2029-06-30", "2029-11-30", "2030-03-31"] as const;
/** Dates events are recorded and paid on, spread around the due dates. */
export const EVENT_DATES = [
  "2027-09-15",
  "2027-10-15",
  "2027-12-31",
  "2028-02-15",
  "2028-06-30",
  "2028-10-15",
  "2029-01-15",
  "2029-07-31",
  "2029-12-15",
  "2030-04-30",
] as const;
/** Settlement dates: around the due dates half of the time, after every event the other half. */
const AS_OF = fc.oneof(fc.constantFrom(...EVENT_DATES), fc.constantFrom("2029-12-31", "2030-06-30", "2031-12-31"));
const DRAWDOWN_DATES = ["2026-09-01", "2027-01-15", "2027-09-01", "2028-09-01"] as const;
const GUARANTEE_DATES = ["2028-12-31", "2029-12-31", "2030-06-30"] as const;
const EFFECTIVE_DATES = ["2026-09-01", "2027-01-01", "2027-09-01", "2028-09-01"] as const;

const PARTIES: readonly Party[] = [
  { id: "fis", name: "Fondo per l'Innovazione Sociale", roles: ["outcome-payer"] },
  { id: "comune", name: "Comune di Palermo", roles: ["outcome-payer", "beneficiary"] },
  { id: "provider", name: "Cooperativa sociale (ETS)", roles: ["provider"] },
  { id: "investor", name: "Investitore sociale", roles: ["investor"] },
  { id: "bank", name: "Banca etica", roles: ["investor"] },
  { id: "sib", name: "Veicolo SIB", roles: ["intermediary"] },
  { id: "garante", name: "Fondo di garanzia", roles: ["beneficiary"] },
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

const COHORTS = [
  { id: "c1", label: "Pupils enrolled in 2026/27", enrolledFrom: "2026-09-01", enrolledTo: "2027-06-30" },
  { id: "c2", label: "Pupils enrolled in 2027/28", enrolledFrom: "2027-09-01" },
  { id: "all", label: "cohorts c1 and c2 pooled" },
];

/** Money in cents between `min` and `max`, as a decimal string (`"1234.56"`). */
const money = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((value) => (value / 100).toFixed(2));
const percent = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((value) => `${value}%`);
/** `arbitrary` one time in `times` (else `undefined`, which shrinks first). */
const oneIn = <T>(times: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: times - 1 }, { arbitrary, weight: 1 });
/** A non-empty subset of `items`, in their order. */
const subset = <T>(items: readonly T[]): fc.Arbitrary<T[]> => fc.subarray([...items], { minLength: 1 });
/** A record whose keys that may be `undefined` become optional keys that are left out instead. */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
/** The record without its `undefined` values (optional keys are left out, not set to undefined). */
const defined = <T extends object>(record: T): Defined<T> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Defined<T>;

/**
 * The range of a quantity on each metric and basis, in integer steps of `1 / scale`: the measured values of
 * "dropout" lie around 5 to 30 (baseline 20, lower is better), those of "attendance" around 60 to 160 (baseline
 * 100, higher is better).
 */
const QUANTITIES: Record<MetricId, Record<Basis, { min: number; max: number; digits: number }>> = {
  dropout: {
    value: { min: 50, max: 300, digits: 1 },
    improvement: { min: -100, max: 150, digits: 1 },
    "relative-improvement": { min: -500, max: 750, digits: 3 },
  },
  attendance: {
    value: { min: 60, max: 160, digits: 0 },
    improvement: { min: -40, max: 60, digits: 0 },
    "relative-improvement": { min: -400, max: 600, digits: 3 },
  },
};

/** Steps of a quantity on a metric and basis, as integers (to sort and keep distinct before writing them). */
const steps = (metricId: MetricId, basis: Basis) =>
  fc.integer({ min: QUANTITIES[metricId][basis].min, max: QUANTITIES[metricId][basis].max });

/** A step written as a user would: a decimal string, a JSON number, or a percentage on the relative basis. */
function writeQuantity(
  metricId: MetricId,
  basis: Basis,
  step: number,
  form: "string" | "number" | "percent",
): string | number {
  const { digits } = QUANTITIES[metricId][basis];
  const text = (step / 10 ** digits).toFixed(digits);
  if (form === "number") return Number(text);
  if (form === "percent" && basis === "relative-improvement")
    return `${(step / 10 ** (digits - 2)).toFixed(digits - 2)}%`;
  return text;
}
const quantityForm = fc.constantFrom("string", "string", "number", "percent" as const);

const metricBasis = fc.record({ metric: fc.constantFrom(...METRIC_IDS), basis: fc.constantFrom(...BASES) });

/** A price per unit of the basis: larger on the relative basis (a unit is 100%), sometimes with a tenth of a cent. */
const pricePerUnit = (basis: Basis) =>
  basis === "relative-improvement"
    ? money(0, 200_000_000)
    : fc.oneof(
        money(0, 5_000_000),
        fc.integer({ min: 0, max: 5_000_000 }).map((value) => (value / 1000).toFixed(3)),
      );

const rateRule: fc.Arbitrary<PricingRule> = metricBasis.chain(({ metric: metricId, basis }) =>
  pricePerUnit(basis).map((price): PricingRule => ({ type: "rate", metric: metricId, basis, pricePerUnit: price })),
);

const tiersRule: fc.Arbitrary<PricingRule> = metricBasis.chain(({ metric: metricId, basis }) =>
  fc
    .record({
      bounds: fc.uniqueArray(steps(metricId, basis), { minLength: 1, maxLength: 5 }),
      keep: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      open: fc.boolean(),
      amounts: fc.array(money(0, 30_000_000), { minLength: 5, maxLength: 5 }),
      form: quantityForm,
    })
    .map(({ bounds, keep, open, amounts, form }): PricingRule => {
      const sorted = [...bounds].sort((a, b) => a - b);
      const write = (step: number) => writeQuantity(metricId, basis, step, form);
      // closed bands between neighbouring bounds (some left out: gaps), and maybe an open band from the last
      const closed = sorted
        .slice(0, -1)
        .map((from, index) => ({ from: write(from), to: write(sorted[index + 1]!), amount: amounts[index]! }))
        .filter((_, index) => keep[index]);
      const last = { from: write(sorted[sorted.length - 1]!), amount: amounts[4]! };
      const tiers = open || closed.length === 0 ? [...closed, last] : closed;
      return { type: "tiers", metric: metricId, basis, tiers };
    }),
);

const linearRule: fc.Arbitrary<PricingRule> = metricBasis.chain(({ metric: metricId, basis }) =>
  fc
    .record({
      ats: fc.uniqueArray(steps(metricId, basis), { minLength: 1, maxLength: 4 }),
      amounts: fc.array(money(0, 30_000_000), { minLength: 4, maxLength: 4 }),
      form: quantityForm,
    })
    .map(
      ({ ats, amounts, form }): PricingRule => ({
        type: "linear",
        metric: metricId,
        basis,
        points: [...ats]
          .sort((a, b) => a - b)
          .map((at, index) => ({ at: writeQuantity(metricId, basis, at, form), amount: amounts[index]! })),
      }),
    ),
);

const savingsRule: fc.Arbitrary<PricingRule> = metricBasis.chain(({ metric: metricId, basis }) =>
  fc
    .record({ saving: pricePerUnit(basis), share: fc.oneof(percent(0, 100), fc.constantFrom("0.95", "1", "0.333")) })
    .map(
      ({ saving, share }): PricingRule => ({
        type: "savings-share",
        metric: metricId,
        basis,
        savingPerUnit: saving,
        share,
      }),
    ),
);

/** Formula rules that need nothing but the metrics: every function the language has, on either metric. */
const plainExpression = (m: MetricId, k: number): string[] => [
  `improvement.${m} * ${k}`,
  `if(relativeImprovement.${m} >= 0.05, ${k * 10}, 0)`,
  `interpolate(improvement.${m}, [0, 0], [5, ${k * 5}], [15, ${k * 12}])`,
  `tiers(relativeImprovement.${m}, [0, ${k}], [0.05, ${k * 4}], [0.1, ${k * 9}])`,
  `round(safeDiv(improvement.${m}, baseline.${m}, 0) * ${k * 40}, 2)`,
  `(improvement.${m} - previous(improvement.${m}, 0)) * ${k}`,
  `sum(window(improvement.${m}, 2)) * ${k} / 3`,
  `(metric.${m} - lastYear(metric.${m}, baseline.${m})) * ${k}`,
  `max(improvement.dropout, 0) * ${k} + max(improvement.attendance, 0) * ${k} / 7`,
  `clamp(improvement.${m} * ${k}, 0, ${k * 8})`,
];
/** Formula rules that read the formula kit: parameters, named formulas and the decision table. */
const kitExpression = (m: MetricId): string[] => [
  `improvement.${m} * pricePerPoint`,
  `improvement.${m} * pricePerPoint * (1 + bonus)`,
  `if(relativeImprovement.${m} >= 0.05, bonusAmount, 0)`,
  `clamp(improvement.${m} * unitPrice * 1000, 0, 400000)`,
  `lookup("price", region, kind) * abs(metric.${m} - baseline.${m}) * 100`,
];

function formulaRule(kit: boolean): fc.Arbitrary<PricingRule> {
  return fc
    .record({
      m: fc.constantFrom(...METRIC_IDS),
      k: fc.integer({ min: 100, max: 20_000 }),
      pick: fc.nat(),
      fromKit: fc.boolean(),
      metricOf: fc.option(fc.constantFrom(...METRIC_IDS), { nil: undefined }),
    })
    .map(({ m, k, pick, fromKit, metricOf }): PricingRule => {
      const choices = kit && fromKit ? kitExpression(m) : plainExpression(m, k);
      return defined({ type: "formula" as const, expression: choices[pick % choices.length]!, metric: metricOf });
    });
}

/**
 * A pricing rule of any shape. At depth 0 a threshold may gate an inner rule and a weighted rule mixes one to
 * three rules; below, rules are leaves.
 */
export function ruleArb(kit: boolean, depth = 0): fc.Arbitrary<PricingRule> {
  const threshold = metricBasis.chain(({ metric: metricId, basis }) =>
    fc
      .record({
        at: steps(metricId, basis),
        form: quantityForm,
        amount: money(0, 30_000_000),
        then: depth === 0 ? fc.option(ruleArb(kit, 1), { nil: undefined }) : fc.constant(undefined),
      })
      .map(
        ({ at, form, amount, then }): PricingRule => ({
          type: "threshold",
          metric: metricId,
          basis,
          threshold: writeQuantity(metricId, basis, at, form),
          ...(then !== undefined ? { then } : { amount }),
        }),
      ),
  );
  const leaves = [rateRule, threshold, tiersRule, linearRule, savingsRule, formulaRule(kit)];
  if (depth > 0) return fc.oneof(...leaves);
  const weighted = fc
    .integer({ min: 1, max: 3 })
    .chain((count) =>
      fc.tuple(
        fc.array(ruleArb(kit, 1), { minLength: count, maxLength: count }),
        sharesOf(Array.from({ length: count }, (_, index) => `part${index}`)),
      ),
    )
    .map(
      ([rules, weights]): PricingRule => ({
        type: "weighted",
        parts: rules.map((rule, index) => ({ weight: weights[index]!.share, rule })),
      }),
    );
  return fc.oneof(...leaves.map((arbitrary) => ({ arbitrary, weight: 2 })), { arbitrary: weighted, weight: 2 });
}

const statisticsArb: fc.Arbitrary<StatisticsOptions> = fc
  .record({
    baseline: fc.option(fc.constantFrom("contract", "measurement" as const), { nil: undefined }),
    significance: fc.option(
      fc.record({
        level: fc.constantFrom("5%", "10%", "0.01", "20%"),
        test: fc.constantFrom("one-sided", "two-sided" as const),
      }),
      { nil: undefined },
    ),
    priceOn: fc.option(fc.constantFrom("estimate", "conservative-bound" as const), { nil: undefined }),
  })
  .map(defined);

/** Floors and caps are drawn from ranges that never cross, so that any floor is at most any cap, amended or not. */
const floorArb = money(0, 2_000_000);
const capArb = money(2_000_000, 40_000_000);

function trancheArb(id: string, kit: boolean): fc.Arbitrary<Tranche> {
  return fc
    .record({
      label: fc.option(fc.constantFrom("Prima tranche", "Tranche, second year", 'The "pooled" one'), {
        nil: undefined,
      }),
      covers: fc.constantFrom<Tranche["covers"]>(...SCOPES),
      dueDate: fc.constantFrom(...DUE_DATES),
      pricing: ruleArb(kit),
      cap: fc.option(capArb, { nil: undefined, freq: 3 }),
      floor: fc.option(floorArb, { nil: undefined, freq: 3 }),
      payers: subset(PAYERS).chain(sharesOf),
      recipients: subset(RECIPIENTS).chain(sharesOf),
      statistics: oneIn(3, statisticsArb),
      fallback: fc.option(fc.record({ dueDate: fc.constantFrom(...FALLBACK_DUE_DATES), pricing: ruleArb(kit, 1) }), {
        nil: undefined,
        freq: 3,
      }),
    })
    .map(({ label, covers, dueDate, pricing, cap, floor, payers, recipients, statistics, fallback }) =>
      defined({
        id,
        label,
        covers,
        dueDate,
        pricing,
        cap,
        floor,
        payers,
        recipients,
        statistics,
        // a fallback is for a cohort of participants, to the pool, due no earlier than the tranche
        fallback:
          fallback !== undefined && "cohort" in covers && covers.cohort !== POOL
            ? {
                cohort: POOL,
                dueDate: fallback.dueDate < dueDate ? dueDate : fallback.dueDate,
                pricing: fallback.pricing,
              }
            : undefined,
      }),
    );
}

/** The formula kit: parameters, named formulas and a decision table of prices by region and kind of school. */
interface FormulaKit {
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly formulas: readonly NamedFormula[];
  readonly tables: readonly DecisionTable[];
}

const REGIONS = ["north", "south", "east"] as const;
const KINDS = ["school", "clinic"] as const;
const tableOutput = fc.integer({ min: 100, max: 2_000 }).map((value) => (value / 100).toFixed(2));

const kitArb: fc.Arbitrary<FormulaKit> = fc
  .record({
    pricePerPoint: money(100_000, 3_000_000),
    bonusRate: percent(0, 50),
    bonusAmount: money(0, 20_000_000),
    region: fc.constantFrom(...REGIONS),
    kind: fc.constantFrom(...KINDS),
    bonusAt: fc.integer({ min: 80, max: 130 }),
    anyRow: tableOutput,
    northRow: fc.option(tableOutput, { nil: undefined }),
    southRow: fc.option(tableOutput, { nil: undefined }),
    // the most specific row: none, one, or two valid before and from the second school year
    northSchool: fc.oneof(
      fc.constant([] as string[]),
      fc.tuple(tableOutput),
      fc.tuple(tableOutput, tableOutput).map((pair) => [...pair]),
    ),
    reversed: fc.boolean(),
  })
  .map(
    ({
      pricePerPoint,
      bonusRate,
      bonusAmount,
      region,
      kind,
      bonusAt,
      anyRow,
      northRow,
      southRow,
      northSchool,
      reversed,
    }) => {
      const rows: DecisionTable["rows"][number][] = [
        { when: ["*", "*"], then: anyRow },
        ...(northRow !== undefined ? [{ when: ["north", "*"], then: northRow }] : []),
        ...(southRow !== undefined ? [{ when: ["south", "*"], then: southRow }] : []),
        ...(northSchool.length === 1 ? [{ when: ["north", "school"], then: northSchool[0]! }] : []),
        ...(northSchool.length === 2
          ? [
              { when: ["north", "school"], then: northSchool[0]!, validTo: "2027-08-31" },
              { when: ["north", "school"], then: northSchool[1]!, validFrom: "2027-09-01" },
            ]
          : []),
      ];
      return {
        parameters: { pricePerPoint, bonusRate, bonusAmount, region: { text: region }, kind: { text: kind } },
        formulas: [
          {
            id: "bonus",
            expression: `if(metric.attendance >= ${bonusAt}, bonusRate, 0)`,
            description: "quality bonus",
          },
          { id: "unitPrice", expression: 'lookup("price", region, kind)' },
        ],
        tables: [
          {
            id: "price",
            label: "Price per point by region and kind",
            inputs: ["region", "kind"],
            rows: reversed ? rows.reverse() : rows,
          },
        ],
      };
    },
  );

function amendmentChangeArb(trancheIds: readonly string[], kit: boolean): fc.Arbitrary<AmendmentChange> {
  const trancheChange = fc
    .record({
      tranche: fc.constantFrom(...trancheIds),
      pricing: fc.option(ruleArb(kit, 1), { nil: undefined }),
      cap: fc.option(capArb, { nil: undefined }),
      floor: fc.option(floorArb, { nil: undefined }),
      fallbackPricing: ruleArb(kit, 1),
    })
    .map(
      ({ tranche, pricing, cap, floor, fallbackPricing }): AmendmentChange =>
        // a tranche change gives at least one of pricing, cap and floor
        defined({
          tranche,
          pricing: pricing ?? (cap === undefined && floor === undefined ? fallbackPricing : undefined),
          cap,
          floor,
        }),
    );
  if (!kit) return trancheChange;
  const parameterChange = fc.oneof(
    money(100_000, 3_000_000).map((value): AmendmentChange => ({ parameter: "pricePerPoint", value })),
    percent(0, 50).map((value): AmendmentChange => ({ parameter: "bonusRate", value })),
    money(0, 20_000_000).map((value): AmendmentChange => ({ parameter: "bonusAmount", value })),
    fc.constantFrom(...REGIONS).map((text): AmendmentChange => ({ parameter: "region", value: { text } })),
    fc.constantFrom(...KINDS).map((text): AmendmentChange => ({ parameter: "kind", value: { text } })),
  );
  const formulaChange = fc.oneof(
    fc
      .integer({ min: 80, max: 130 })
      .map((at): AmendmentChange => ({ formula: "bonus", expression: `if(metric.attendance >= ${at}, bonusRate, 0)` })),
    fc.constant<AmendmentChange>({ formula: "bonus", expression: "bonusRate / 2" }),
    fc.constant<AmendmentChange>({ formula: "bonus", expression: "if(improvement.dropout >= 1, bonusRate, 0)" }),
    fc.constant<AmendmentChange>({ formula: "unitPrice", expression: 'lookup("price", region, kind) * 2' }),
  );
  return fc.oneof(
    { arbitrary: trancheChange, weight: 2 },
    { arbitrary: parameterChange, weight: 1 },
    { arbitrary: formulaChange, weight: 1 },
  );
}

function amendmentsArb(trancheIds: readonly string[], kit: boolean): fc.Arbitrary<Amendment[]> {
  return fc
    .array(
      fc.record({
        agreedOn: fc.constantFrom(...EVENT_DATES),
        effectiveFrom: fc.constantFrom(...EFFECTIVE_DATES),
        changes: fc.array(amendmentChangeArb(trancheIds, kit), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 2 },
    )
    .map((list) =>
      list.map(({ agreedOn, effectiveFrom, changes }, index) => ({
        id: `A${index + 1}`,
        description: `amendment ${index + 1}`,
        agreedOn,
        effectiveFrom,
        changes,
      })),
    );
}

/** The investors' side, for a contract whose tranches pay `recipients`. */
function financeArb(recipients: readonly string[]): fc.Arbitrary<Finance> {
  const investorArb = (party: string) =>
    fc
      .record({
        commitment: fc.integer({ min: 10_000_000, max: 100_000_000 }),
        fundedParty: fc.constantFrom("provider", "sib"),
        dates: fc.uniqueArray(fc.constantFrom(...DRAWDOWN_DATES), { minLength: 1, maxLength: 3 }),
        weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 }),
      })
      .map(({ commitment, fundedParty, dates, weights }) => ({
        party,
        commitment: (commitment / 100).toFixed(2),
        fundedParty,
        // at most a third of the commitment each: together within it
        drawdowns: [...dates].sort().map((date, index) => ({
          date,
          amount: (Math.floor((commitment * weights[index]!) / 300) / 100).toFixed(2),
        })),
      }));
  return subset(["investor", "bank"]).chain((investors) =>
    fc
      .record({
        commitments: fc.tuple(...investors.map(investorArb)),
        pool: subset(recipients),
        together: fc.boolean(),
        returns: fc.array(
          fc.record({
            investors: subset(investors),
            rate: fc.option(
              fc.integer({ min: 0, max: 150 }).map((tenths) => `${(tenths / 10).toFixed(1)}%`),
              { nil: undefined },
            ),
            cap: fc.option(money(0, 20_000_000), { nil: undefined }),
          }),
          { maxLength: 2 },
        ),
        managementFee: fc.option(
          fc.record({ party: fc.constantFrom("sib", "provider"), rate: fc.constantFrom("1%", "1.5%", "0.025") }),
          { nil: undefined },
        ),
        performanceFee: fc.option(fc.record({ party: fc.constantFrom("sib", "provider"), share: percent(0, 50) }), {
          nil: undefined,
        }),
        order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        excess: subset(["provider", "fis", "comune", "investor"]).chain(sharesOf),
        guarantees: fc.array(
          fc.record({
            guarantor: fc.constantFrom("garante", "fis"),
            covers: subset(investors),
            share: percent(1, 100),
            limit: money(0, 50_000_000),
            payOn: fc.option(fc.constantFrom(...GUARANTEE_DATES), { nil: undefined }),
          }),
          { maxLength: 2 },
        ),
      })
      .map(({ commitments, pool, together, returns, managementFee, performanceFee, order, excess, guarantees }) => {
        const principal: WaterfallStep[] = together
          ? [{ type: "principal", investors }]
          : investors.map((party): WaterfallStep => ({ type: "principal", investors: [party] }));
        const steps: WaterfallStep[] = [
          ...principal,
          ...returns.map(
            ({ investors: paid, rate, cap }): WaterfallStep =>
              // a return step needs a rate, a cap, or both
              defined({
                type: "return" as const,
                investors: paid,
                rate: rate ?? (cap === undefined ? "5%" : undefined),
                cap,
              }),
          ),
          ...(managementFee !== undefined ? [{ type: "management-fee" as const, ...managementFee }] : []),
          ...(performanceFee !== undefined ? [{ type: "performance-fee" as const, ...performanceFee }] : []),
        ];
        // any order: senior and subordinate steps, fees before or after the investors
        const ranked = steps
          .map((step, index) => ({ step, rank: order[index] ?? 0, index }))
          .sort((a, b) => a.rank - b.rank || a.index - b.index)
          .map(({ step }) => step);
        return defined({
          investors: commitments,
          waterfall: { pool, steps: ranked, excess },
          guarantees: guarantees.length === 0 ? undefined : guarantees.map((entry): Guarantee => defined(entry)),
        });
      }),
  );
}

/** The contract as plain data, every feature present or absent at random. */
export function featureContractArb(): fc.Arbitrary<Contract> {
  return fc
    .record({ kit: fc.boolean(), count: fc.integer({ min: 1, max: 4 }) })
    .chain(({ kit, count }) => {
      const ids = Array.from({ length: count }, (_, index) => `t${index + 1}`);
      return fc.record({
        kit: kit ? kitArb.map((value): FormulaKit | undefined => value) : fc.constant(undefined),
        tranches: fc.tuple(...ids.map((id) => trancheArb(id, kit))),
        mode: fc.constantFrom("half-even", "half-up", "half-down", "down", "up", "floor", "ceiling" as const),
        at: fc.constantFrom("tranche", "metric" as const),
        contractCap: fc.option(money(0, 60_000_000), { nil: undefined }),
        perMetric: fc.record({
          dropout: fc.option(money(0, 40_000_000), { nil: undefined }),
          attendance: fc.option(money(0, 40_000_000), { nil: undefined }),
        }),
        perPayer: fc.record({
          fis: fc.option(money(0, 40_000_000), { nil: undefined }),
          comune: fc.option(money(0, 20_000_000), { nil: undefined }),
        }),
        amendments: amendmentsArb(ids, kit),
      });
    })
    .chain(({ kit, tranches: generated, mode, at, contractCap, perMetric, perPayer, amendments }) => {
      // The pooled cohort is paid through the fallbacks or through a tranche of its own, never both.
      const fallsBack = generated.some((tranche) => tranche.fallback !== undefined);
      const tranches = generated.map((tranche) =>
        fallsBack && "cohort" in tranche.covers && tranche.covers.cohort === POOL
          ? { ...tranche, covers: { cohort: "c1" } }
          : tranche,
      );
      const metricCaps = defined(perMetric) as Record<string, string>;
      const payerCaps = defined(perPayer) as Record<string, string>;
      const caps = defined({
        contract: contractCap,
        perMetric: Object.keys(metricCaps).length > 0 ? metricCaps : undefined,
        perPayer: Object.keys(payerCaps).length > 0 ? payerCaps : undefined,
      });
      const base: Contract = defined({
        id: "features",
        title: "Every feature, generated",
        currency: "EUR",
        rounding: { mode, at },
        term: { start: "2026-09-01", end: "2029-12-31" },
        parties: PARTIES,
        metrics: METRICS,
        periods: PERIODS,
        cohorts: COHORTS,
        tranches,
        caps: Object.keys(caps).length > 0 ? caps : undefined,
        parameters: kit?.parameters,
        formulas: kit?.formulas,
        tables: kit?.tables,
        amendments: amendments.length > 0 ? amendments : undefined,
      });
      const recipients = [...new Set(tranches.flatMap((tranche) => tranche.recipients.map((entry) => entry.party)))];
      return fc
        .option(financeArb(recipients), { nil: undefined, freq: 4 })
        .map((finance): Contract => (finance === undefined ? base : { ...base, finance }));
    });
}

/** A plain measured value of a metric: a decimal string or a JSON number. */
function plainValue(metricId: MetricId): fc.Arbitrary<string | number> {
  const text =
    metricId === "dropout"
      ? fc.integer({ min: 50, max: 300 }).map((tenths) => (tenths / 10).toFixed(1))
      : fc.integer({ min: 60, max: 160 }).map(String);
  return fc.oneof(text, text.map(Number));
}

/**
 * A measurement request for a metric, in its unit and direction: for "dropout" a binary outcome per 100
 * (5% to 30% of the pupils), for "attendance" events per 100 units of exposure (60 to 160); against a
 * comparison group, as a level, or against a fixed baseline.
 */
function measureRequestArb(metricId: MetricId): fc.Arbitrary<MeasureRequest> {
  const estimator = fc.constantFrom("comparison", "comparison", "level", "fixed-baseline" as const);
  if (metricId === "dropout") {
    const group = fc
      .record({ n: fc.integer({ min: 60, max: 800 }), perMille: fc.integer({ min: 40, max: 320 }) })
      .map(({ n, perMille }) => ({
        outcome: "binary" as const,
        n,
        successes: Math.min(n - 1, Math.max(1, Math.round((n * perMille) / 1000))),
      }));
    return fc
      .record({ estimator, treatment: group, comparison: group })
      .map(({ estimator: kind, treatment, comparison }): MeasureRequest => {
        const common = { better: "lower" as const, scale: 100, treatment };
        if (kind === "comparison") return { estimator: "comparison", ...common, comparison };
        if (kind === "level") return { estimator: "level", ...common };
        return { estimator: "fixed-baseline", ...common, baseline: 20 };
      });
  }
  const group = fc
    .integer({ min: 600, max: 1_600 })
    .map((events) => ({ outcome: "count" as const, events, exposure: 1_000 }));
  return fc
    .record({ estimator, treatment: group, comparison: group })
    .map(({ estimator: kind, treatment, comparison }): MeasureRequest => {
      const common = { better: "higher" as const, treatment };
      if (kind === "comparison") return { estimator: "comparison", ...common, comparison };
      if (kind === "level") return { estimator: "level", ...common };
      return { estimator: "fixed-baseline", ...common, baseline: 100 };
    });
}

type LinkValue =
  | { readonly kind: "plain"; readonly value: string | number }
  | { readonly kind: "measured"; readonly request: MeasureRequest }
  | { readonly kind: "inherit" };

const linkArb = (metricId: MetricId) =>
  fc.record({
    // mostly verified, so that most tranches are priced; the other statuses keep them pending
    status: fc.oneof(
      { arbitrary: fc.constant<ResultStatus>("verified"), weight: 10 },
      { arbitrary: fc.constantFrom<ResultStatus>("reported", "disputed", "rejected"), weight: 3 },
    ),
    value: fc.oneof(
      { arbitrary: plainValue(metricId).map((value): LinkValue => ({ kind: "plain", value })), weight: 3 },
      {
        arbitrary: measureRequestArb(metricId).map((request): LinkValue => ({ kind: "measured", request })),
        weight: 3,
      },
      { arbitrary: fc.constant<LinkValue>({ kind: "inherit" }), weight: 1 },
    ),
    day: fc.nat(EVENT_DATES.length - 1),
  });

const scopeName = (scope: (typeof SCOPES)[number]) => ("period" in scope ? scope.period : scope.cohort);

/**
 * The periods and cohorts whose results a contract can read: what its tranches cover, the pool when a tranche
 * falls back on it, and the periods before a covered period (formulas read them with previous, lastYear and
 * window). Results are generated for these only: others would change nothing but the time a run takes.
 */
function readable(contract: Contract): Set<string> {
  const names = new Set<string>();
  for (const tranche of contract.tranches) {
    if ("cohort" in tranche.covers) names.add(tranche.covers.cohort);
    else {
      const last = PERIODS.findIndex((period) => "period" in tranche.covers && period.id === tranche.covers.period);
      for (const period of PERIODS.slice(0, last + 1)) names.add(period.id);
    }
    if (tranche.fallback !== undefined) names.add(tranche.fallback.cohort);
  }
  return names;
}

/**
 * A valid history for a contract: for most metric × scope pairs a chain of one to three result events
 * (reported, verified, disputed, rejected; restatements with a new value, a new measurement, or neither),
 * recorded on non-decreasing dates, and up to five payments or refunds, some recorded after they were paid.
 */
export function historyArb(contract: Contract): fc.Arbitrary<ContractEvent[]> {
  const names = readable(contract);
  const pairs = METRIC_IDS.flatMap((metricId) =>
    SCOPES.filter((scope) => names.has(scopeName(scope))).map((scope) => ({ metricId, scope })),
  );
  const chains = fc.tuple(
    ...pairs.map(({ metricId }) =>
      fc.option(fc.tuple(plainValue(metricId), fc.array(linkArb(metricId), { minLength: 1, maxLength: 3 })), {
        nil: undefined,
        freq: 8,
      }),
    ),
  );
  const payments = fc.array(
    fc.record({
      tranche: fc.nat(),
      pick: fc.nat(),
      amount: fc.integer({ min: -2_000_000, max: 30_000_000 }).filter((value) => value !== 0),
      day: fc.nat(EVENT_DATES.length - 1),
      later: oneIn(3, fc.nat(3)),
    }),
    { maxLength: 5 },
  );
  return fc.tuple(chains, payments).map(([chainList, paymentList]) => {
    const events: ContractEvent[] = [];
    chainList.forEach((chain, index) => {
      if (chain === undefined) return;
      const [first, links] = chain;
      const { metricId, scope } = pairs[index]!;
      const days = links.map((link) => link.day).sort((a, b) => a - b);
      links.forEach((link, position) => {
        const id = `r-${metricId}-${scopeName(scope)}-${position}`;
        const recordedAt = EVENT_DATES[days[position]!]!;
        const verifier = link.status === "verified" ? { verifier: "evaluator" } : {};
        const restates = position === 0 ? {} : { restates: `r-${metricId}-${scopeName(scope)}-${position - 1}` };
        const value: LinkValue =
          position === 0 && link.value.kind === "inherit" ? { kind: "plain", value: first } : link.value;
        if (value.kind === "measured") {
          // a measured result names its metric and scope (the chain's own, when it restates)
          const event = measurementEvent(measure(value.request), {
            id,
            metric: metricId,
            ...scope,
            status: link.status,
            recordedAt,
            ...verifier,
          });
          events.push({ ...event, ...restates } as ResultEvent);
        } else if (position === 0) {
          events.push({
            type: "result",
            id,
            metric: metricId,
            ...scope,
            value: value.kind === "plain" ? value.value : first,
            status: link.status,
            recordedAt,
            ...verifier,
          } as ResultEvent);
        } else {
          events.push({
            type: "result",
            id,
            ...restates,
            ...(value.kind === "plain" ? { value: value.value } : {}),
            status: link.status,
            recordedAt,
            ...verifier,
          } as ResultEvent);
        }
      });
    });
    paymentList.forEach((entry, index) => {
      const tranche = contract.tranches[entry.tranche % contract.tranches.length]!;
      const payer = tranche.payers[entry.pick % tranche.payers.length]!.party;
      const recipient = tranche.recipients[Math.floor(entry.pick / 7) % tranche.recipients.length]!.party;
      const later =
        entry.later === undefined ? undefined : EVENT_DATES[Math.min(entry.day + entry.later, EVENT_DATES.length - 1)];
      const event: PaymentEvent = {
        type: "payment",
        id: `pay-${index}`,
        tranche: tranche.id,
        payer,
        recipient,
        amount: (entry.amount / 100).toFixed(2),
        paidOn: EVENT_DATES[entry.day]!,
        ...(later !== undefined ? { recordedAt: later } : {}),
      };
      events.push(event);
    });
    return events;
  });
}

/** Results for `runScenarios` and the compiled path: a plain value for each metric and scope, a few left out. */
export function scenarioResultsArb(): fc.Arbitrary<Scenario["results"][number][]> {
  const pairs = METRIC_IDS.flatMap((metricId) => SCOPES.map((scope) => ({ metricId, scope })));
  return fc
    .tuple(...pairs.map(({ metricId }) => fc.option(plainValue(metricId), { nil: undefined, freq: 10 })))
    .map((values) =>
      pairs.flatMap(({ metricId, scope }, index) => {
        const value = values[index];
        return value === undefined ? [] : [{ metric: metricId, ...scope, value }];
      }),
    );
}

/** A contract using any of the features, a valid history for it, a settlement date and scenario results. */
export interface FeatureCase {
  readonly contract: Contract;
  readonly events: readonly ContractEvent[];
  readonly asOf: string;
  readonly results: readonly Scenario["results"][number][];
}

export function featureCaseArb(): fc.Arbitrary<FeatureCase> {
  return featureContractArb().chain((contract) =>
    fc.record({
      contract: fc.constant(contract),
      events: historyArb(contract),
      asOf: AS_OF,
      results: scenarioResultsArb(),
    }),
  );
}

/** The parties of the generated contracts, by id, with their names (the reports name them). */
export const PARTY_NAMES: ReadonlyMap<string, string> = new Map(PARTIES.map((party) => [party.id, party.name]));
