import * as z from "./structural-schema.js";
import { exactOfText } from "../formula/exact.js";
import { isDecimalString } from "../money/decimal-text.js";
import { ROUNDING_MODES } from "../money/rounding-modes.js";
import {
  calendarDateSchema,
  idSchema,
  measureSchema,
  moneyAmountSchema,
  priceSchema,
  quantitySchema,
  shareSchema,
} from "./primitives.js";
import { cohortFallbackSchema, statisticsOptionsSchema } from "./measurement-format.js";
import { financeSchema } from "./finance-schema.js";
import { stageFormatSchema } from "./stage-format.js";
import { rateCardSchema } from "./rate-card-schema.js";

/**
 * The structure of a contract file. Cross-references and arithmetic rules (unknown ids, shares adding up to
 * 100%, overlapping tiers, ...) are checked afterwards by `checkContract`, which needs the whole document.
 * Objects are strict: an unknown key is reported, because in a contract a misspelt key is a silent error.
 */

const roleSchema = z.choice("a role", [
  "outcome-payer",
  "provider",
  "investor",
  "intermediary",
  "verifier",
  "beneficiary",
]);

const basisSchema = z.choice("a basis", ["value", "improvement", "relative-improvement"]);

const metricRule = { metric: idSchema, basis: basisSchema };

export const pricingRuleSchema: z.Schema = z.lazy(() =>
  z.discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("rate"), ...metricRule, pricePerUnit: priceSchema }),
      z.strictObject({
        type: z.literal("threshold"),
        ...metricRule,
        threshold: quantitySchema,
        amount: z.optional(moneyAmountSchema),
        then: z.optional(pricingRuleSchema),
      }),
      z.strictObject({
        type: z.literal("tiers"),
        ...metricRule,
        tiers: z
          .array(z.strictObject({ from: quantitySchema, to: z.optional(quantitySchema), amount: moneyAmountSchema }))
          .check(z.minLength(1, "a tier table needs at least one tier")),
      }),
      z.strictObject({
        type: z.literal("linear"),
        ...metricRule,
        points: z
          .array(z.strictObject({ at: quantitySchema, amount: moneyAmountSchema }))
          .check(z.minLength(1, "linear interpolation needs at least one point")),
      }),
      z.strictObject({
        type: z.literal("savings-share"),
        ...metricRule,
        savingPerUnit: priceSchema,
        share: shareSchema,
      }),
      z.strictObject({
        type: z.literal("weighted"),
        parts: z
          .array(z.strictObject({ weight: shareSchema, rule: pricingRuleSchema }))
          .check(z.minLength(1, "a weighted rule needs at least one part")),
      }),
      z.strictObject({
        type: z.literal("formula"),
        expression: z.string({ error: "expected the formula as a string" }),
        metric: z.optional(idSchema),
      }),
    ],
    {
      error: "expected a pricing rule whose type is rate, threshold, tiers, linear, savings-share, weighted or formula",
    },
  ),
);

const parameterValueSchema = z.union(
  [
    z.string().check(
      z.refine((text) => exactOfText(text) !== undefined, {
        error: 'expected a decimal string such as "12.50" or "5%"',
        params: { code: "invalid_decimal" },
      }),
    ),
    z.strictObject({ text: z.string() }),
  ],
  { error: 'expected a parameter: a decimal string such as "12.50", or a text as { "text": "north" }' },
);

const inputTypeSchema = z.choice("an input type", ["number", "text"]);

const formulaPartsSchema = {
  parameters: z.optional(z.record(z.string(), parameterValueSchema)),
  inputs: z.optional(z.record(z.string(), inputTypeSchema)),
  formulas: z.optional(
    z.array(
      z.strictObject({
        id: idSchema,
        expression: z.string({ error: "expected the formula as a string" }),
        description: z.optional(z.string()),
      }),
    ),
  ),
  tables: z.optional(
    z.array(
      z.strictObject({
        id: idSchema,
        label: z.optional(z.string()),
        inputs: z
          .array(z.string().check(z.minLength(1, "name the input column")))
          .check(z.minLength(1, "a table needs at least one input column")),
        rows: z
          .array(
            z.strictObject({
              when: z.array(z.string()),
              then: z.string().check(
                z.refine((text) => exactOfText(text) !== undefined, {
                  error: 'expected the output as a decimal string such as "12.50"',
                  params: { code: "invalid_decimal" },
                }),
              ),
              validFrom: z.optional(calendarDateSchema),
              validTo: z.optional(calendarDateSchema),
            }),
          )
          .check(z.minLength(1, "a table needs at least one row")),
      }),
    ),
  ),
  amendments: z.optional(
    z.array(
      z.strictObject({
        id: idSchema,
        description: z.string().check(z.minLength(1, "say what the amendment changes")),
        agreedOn: calendarDateSchema,
        effectiveFrom: calendarDateSchema,
        changes: z
          .array(
            z.union(
              [
                z.strictObject({ parameter: z.string(), value: parameterValueSchema }),
                z.strictObject({ formula: idSchema, expression: z.string() }),
                z.strictObject({
                  tranche: idSchema,
                  pricing: z.optional(pricingRuleSchema),
                  cap: z.optional(moneyAmountSchema),
                  floor: z.optional(moneyAmountSchema),
                }),
              ],
              {
                error:
                  "expected a change: { parameter, value }, { formula, expression } or { tranche, pricing / cap / floor }",
              },
            ),
          )
          .check(z.minLength(1, "an amendment needs at least one change")),
      }),
    ),
  ),
};

const shareListSchema = z
  .array(z.strictObject({ party: idSchema, share: shareSchema }))
  .check(z.minLength(1, "list at least one party"));

const periodRangeSchema = z.strictObject({ start: calendarDateSchema, end: calendarDateSchema });

/**
 * How many of something a tranche's prices are per: a number or a plain decimal string (`"1000"`, no "%").
 * That it is positive is `checkContract`'s to say (`quantity_not_positive`).
 */
export const trancheQuantityValueSchema = z
  .union([z.number(), z.string()], { error: 'expected a number or a decimal string, e.g. 1000 or "1000"' })
  .check(
    z.refine((value) => typeof value === "number" || isDecimalString(value), {
      error: 'expected a number or a plain decimal string such as "1000" (no "%" sign, no thousands separator)',
      params: { code: "invalid_decimal" },
    }),
  );

/** A tranche's quantity: `{ "value": "1000", "unit": "offenders", "pricedPer": "100" }` (types.ts, `TrancheQuantity`). */
const trancheQuantitySchema = z.strictObject({
  value: trancheQuantityValueSchema,
  unit: z.string().check(z.minLength(1, 'say what is counted, e.g. "offenders"')),
  pricedPer: z.optional(trancheQuantityValueSchema),
});

/**
 * The records of a contract: objects whose keys are the user's names (parameters, inputs) or ids (caps per
 * metric and per payer), with the schema of their values. A record's own key `__proto__` is read as no key at
 * all (it is never assigned, to keep prototypes safe), so `parseContract` reads that key of these records itself:
 * a parameter really called `__proto__` is an ordinary parameter, and a cap keyed `__proto__` is reported as
 * naming no party or metric instead of vanishing.
 */
export const CONTRACT_RECORDS: readonly { readonly path: readonly string[]; readonly value: z.Schema }[] = [
  { path: ["parameters"], value: parameterValueSchema },
  { path: ["inputs"], value: inputTypeSchema },
  { path: ["caps", "perMetric"], value: moneyAmountSchema },
  { path: ["caps", "perPayer"], value: moneyAmountSchema },
];

/** The contract's currency: a text here; `checkContract` checks that it is a code it knows or states its minor units. */
export const currencySchema = z.string({ error: 'expected an ISO 4217 currency code such as "EUR"' });

/**
 * The minor units a contract states for a currency the library does not know: a whole number here; `checkContract`
 * checks that it is 0 to 4 and agrees with ISO 4217 for a code the library knows.
 */
export const currencyMinorUnitsSchema = z
  .number({ error: "expected the currency's minor units as a whole number, e.g. 2" })
  .check(z.int("expected the currency's minor units as a whole number, e.g. 2"));

export const contractSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    id: idSchema,
    title: z.string().check(z.minLength(1, "give the contract a title")),
    currency: currencySchema,
    currencyMinorUnits: z.optional(currencyMinorUnitsSchema),
    rounding: z.strictObject({
      mode: z.enum(ROUNDING_MODES as [string, ...string[]], {
        error: `expected a rounding mode: ${ROUNDING_MODES.join(", ")}`,
      }),
      at: z.choice("where rounding applies", ["tranche", "metric"]),
    }),
    term: periodRangeSchema,
    parties: z
      .array(
        z.strictObject({
          id: idSchema,
          name: z.string().check(z.minLength(1, "give the party a name")),
          roles: z.array(roleSchema).check(z.minLength(1, "a party needs at least one role")),
        }),
      )
      .check(z.minLength(1, "a contract needs parties")),
    metrics: z.array(
      z.strictObject({
        id: idSchema,
        name: z.string().check(z.minLength(1, "give the metric a name")),
        unit: z
          .string()
          .check(z.minLength(1, 'give the unit the values are in, e.g. "%", "pupils" or "events per 100"')),
        kind: z.choice("a metric kind", ["rate", "count", "frequency", "mean", "amount"]),
        better: z.choice("which direction is better", ["higher", "lower"]),
        baseline: z.strictObject({
          value: measureSchema,
          period: periodRangeSchema,
          source: z.string().check(z.minLength(1, "say where the baseline comes from")),
        }),
      }),
    ),
    // "at least one metric / tranche" is checked at the end of the schema: a rate card contract may have neither.
    periods: z.array(
      z.strictObject({
        id: idSchema,
        label: z.optional(z.string()),
        start: calendarDateSchema,
        end: calendarDateSchema,
      }),
    ),
    cohorts: z.optional(
      z.array(
        z.strictObject({
          id: idSchema,
          label: z.optional(z.string()),
          enrolledFrom: z.optional(calendarDateSchema),
          enrolledTo: z.optional(calendarDateSchema),
        }),
      ),
    ),
    // A design or an experiment may leave its tranches out (parseContract then gives `tranches: []`);
    // a pay-by-results contract needs at least one (stage-format.ts, `tranchesRequired`).
    tranches: z.optional(
      z.array(
        z.strictObject({
          id: idSchema,
          label: z.optional(z.string()),
          covers: z.union([z.strictObject({ period: idSchema }), z.strictObject({ cohort: idSchema })], {
            error: 'a tranche covers either { "period": id } or { "cohort": id }',
          }),
          dueDate: calendarDateSchema,
          pricing: pricingRuleSchema,
          quantity: z.optional(trancheQuantitySchema),
          cap: z.optional(moneyAmountSchema),
          floor: z.optional(moneyAmountSchema),
          payers: shareListSchema,
          recipients: shareListSchema,
          statistics: z.optional(statisticsOptionsSchema),
          fallback: z.optional(cohortFallbackSchema(pricingRuleSchema)),
        }),
      ),
    ),
    caps: z.optional(
      z.strictObject({
        contract: z.optional(moneyAmountSchema),
        perMetric: z.optional(z.record(z.string(), moneyAmountSchema)),
        perPayer: z.optional(z.record(z.string(), moneyAmountSchema)),
      }),
    ),
    finance: z.optional(financeSchema),
    ...formulaPartsSchema,
    ...stageFormatSchema,
    rateCard: z.optional(rateCardSchema),
  })
  .check(
    z.superRefine((contract, context) => {
      // A rate card contract may have no metrics and no tranches (docs/rate-cards.md); any other needs one of each.
      // Checked here, as part of the structure (run only when the rest of the structure is sound).
      if (contract.rateCard !== undefined) return;
      const needed = [
        ["metrics", "a contract needs at least one outcome metric"],
        ["tranches", "a contract needs at least one payment tranche"],
      ] as const;
      for (const [key, message] of needed) {
        const list = contract[key];
        // Tranches left out (a design, an experiment) are the stage checks' to judge (stage-format.ts).
        if (list === undefined || (key === "tranches" && (contract.stage ?? "pay-by-results") !== "pay-by-results"))
          continue;
        if (list.length === 0) context.addIssue({ code: "too_small", path: [key], message });
      }
    }),
  );
