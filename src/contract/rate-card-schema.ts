import { z } from "zod";
import { calendarDateSchema, idSchema, moneyAmountSchema, shareSchema } from "./primitives.js";

/** The structure of a contract's `rateCard` section; references and arithmetic are checked by `checkRateCard`. */

const countSchema = (what: string, least: number) =>
  z
    .number({ error: `expected ${what} as a whole number, e.g. 1` })
    .int(`expected ${what} as a whole number`)
    .min(least, `${what} must be at least ${least}`);

export const rateCardSchema = z.strictObject({
  claimPeriod: z.enum(["month", "quarter"], { error: "expected a claim period: month or quarter" }),
  outcomes: z
    .array(
      z.strictObject({
        code: idSchema,
        name: z.string().min(1, "give the outcome a name"),
        price: moneyAmountSchema,
        priceChanges: z.array(z.strictObject({ from: calendarDateSchema, price: moneyAmountSchema })).optional(),
        requires: idSchema.optional(),
        maxClaimsPerParticipant: countSchema("the number of claims per participant", 1).optional(),
        window: z
          .strictObject({
            months: countSchema("the window in months", 1),
            from: z.enum(["enrolment", "prerequisite"], {
              error: "expected where the window starts: enrolment or prerequisite",
            }),
          })
          .optional(),
        maxVolume: countSchema("the volume cap", 0).optional(),
      }),
    )
    .min(1, "a rate card needs at least one outcome"),
  exclusiveGroups: z
    .array(
      z.strictObject({
        id: idSchema,
        outcomes: z.array(idSchema).min(2, "an exclusive group needs at least two outcomes"),
      }),
    )
    .optional(),
  caps: z
    .strictObject({
      perParticipant: moneyAmountSchema.optional(),
      perPeriod: moneyAmountSchema.optional(),
      contract: moneyAmountSchema.optional(),
    })
    .optional(),
  payers: z.array(z.strictObject({ party: idSchema, share: shareSchema })).min(1, "list at least one party"),
});
