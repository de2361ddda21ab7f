import * as z from "./structural-schema.js";
import { calendarDateSchema, idSchema, moneyAmountSchema, shareSchema } from "./primitives.js";

/** The structure of a contract's `rateCard` section; references and arithmetic are checked by `checkRateCard`. */

const countSchema = (what: string, least: number) =>
  z
    .number({ error: `expected ${what} as a whole number, e.g. 1` })
    .check(z.int(`expected ${what} as a whole number`), z.gte(least, `${what} must be at least ${least}`));

/** A holding period's length: any whole number here, checked to be positive by `checkRateCard` (with its code). */
const lengthSchema = (unit: string) =>
  z
    .number({ error: `expected the holding period in ${unit} as a whole number, e.g. 13` })
    .check(z.int(`expected the holding period in ${unit} as a whole number`));

export const rateCardSchema = z.strictObject({
  claimPeriod: z.choice("a claim period", ["month", "quarter"]),
  outcomes: z
    .array(
      z.strictObject({
        code: idSchema,
        name: z.string().check(z.minLength(1, "give the outcome a name")),
        price: moneyAmountSchema,
        priceChanges: z.optional(z.array(z.strictObject({ from: calendarDateSchema, price: moneyAmountSchema }))),
        requires: z.optional(idSchema),
        requiresAllOf: z.optional(z.array(idSchema).check(z.minLength(1, "list at least one outcome"))),
        requiresAnyOf: z.optional(z.array(idSchema).check(z.minLength(1, "list at least one outcome"))),
        maxClaimsPerParticipant: z.optional(countSchema("the number of claims per participant", 1)),
        window: z.optional(
          z.strictObject({
            months: countSchema("the window in months", 1),
            from: z.choice("where the window starts", ["enrolment", "prerequisite"]),
          }),
        ),
        holdingPeriod: z.optional(
          z.strictObject({
            days: z.optional(lengthSchema("days")),
            weeks: z.optional(lengthSchema("weeks")),
            months: z.optional(lengthSchema("months")),
            from: z.choice("where the holding period starts", ["enrolment", "prerequisite"]),
          }),
        ),
        maxVolume: z.optional(countSchema("the volume cap", 0)),
      }),
    )
    .check(z.minLength(1, "a rate card needs at least one outcome")),
  exclusiveGroups: z.optional(
    z.array(
      z.strictObject({
        id: idSchema,
        outcomes: z.array(idSchema).check(z.minLength(2, "an exclusive group needs at least two outcomes")),
      }),
    ),
  ),
  caps: z.optional(
    z.strictObject({
      perParticipant: z.optional(moneyAmountSchema),
      perPeriod: z.optional(moneyAmountSchema),
      contract: z.optional(moneyAmountSchema),
    }),
  ),
  payers: z
    .array(z.strictObject({ party: idSchema, share: shareSchema }))
    .check(z.minLength(1, "list at least one party")),
});
