import * as z from "./structural-schema.js";
import { calendarDateSchema, idSchema, moneyAmountSchema, shareSchema } from "./primitives.js";

/** The structure of the optional `finance` section; references and sums are checked by `checkFinance`. */

const investorList = z.array(idSchema).check(z.minLength(1, "list at least one investor"));

const waterfallStepSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("principal"), investors: investorList }),
    z.strictObject({
      type: z.literal("return"),
      investors: investorList,
      rate: z.optional(shareSchema),
      cap: z.optional(moneyAmountSchema),
    }),
    z.strictObject({ type: z.literal("management-fee"), party: idSchema, rate: shareSchema }),
    z.strictObject({ type: z.literal("performance-fee"), party: idSchema, share: shareSchema }),
  ],
  { error: "expected a waterfall step whose type is principal, return, management-fee or performance-fee" },
);

export const financeSchema = z.strictObject({
  investors: z
    .array(
      z.strictObject({
        party: idSchema,
        commitment: moneyAmountSchema,
        fundedParty: idSchema,
        drawdowns: z
          .array(z.strictObject({ date: calendarDateSchema, amount: moneyAmountSchema }))
          .check(z.minLength(1, "list at least one drawdown")),
      }),
    )
    .check(z.minLength(1, "list at least one investor")),
  waterfall: z.strictObject({
    pool: z.array(idSchema).check(z.minLength(1, "list at least one party whose outcome payments enter the waterfall")),
    steps: z.array(waterfallStepSchema),
    excess: z
      .array(z.strictObject({ party: idSchema, share: shareSchema }))
      .check(z.minLength(1, "say who gets the excess")),
  }),
  guarantees: z.optional(
    z.array(
      z.strictObject({
        guarantor: idSchema,
        covers: investorList,
        share: shareSchema,
        limit: moneyAmountSchema,
        payOn: z.optional(calendarDateSchema),
      }),
    ),
  ),
});
