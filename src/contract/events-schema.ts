import * as z from "./structural-schema.js";
import { calendarDateSchema, idSchema, measureSchema, moneyAmountSchema } from "./primitives.js";
import { measurementRecordSchema } from "./measurement-format.js";

/** The structure of one event; references to the contract and between events are checked by `buildHistory` (src/ledger/history.ts). */
export const eventSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("result"),
      id: idSchema,
      metric: z.optional(idSchema),
      period: z.optional(idSchema),
      cohort: z.optional(idSchema),
      value: z.optional(measureSchema),
      status: z.choice("a status", ["reported", "verified", "disputed", "rejected"]),
      recordedAt: calendarDateSchema,
      verifier: z.optional(idSchema),
      evidence: z.optional(z.string()),
      restates: z.optional(idSchema),
      note: z.optional(z.string()),
      measurement: z.optional(measurementRecordSchema),
    }),
    z.strictObject({
      type: z.literal("payment"),
      id: idSchema,
      tranche: idSchema,
      payer: idSchema,
      recipient: idSchema,
      amount: moneyAmountSchema,
      currency: z.optional(z.string()),
      paidOn: calendarDateSchema,
      recordedAt: z.optional(calendarDateSchema),
      reference: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  ],
  { error: "expected an event whose type is result or payment" },
);

export const eventsSchema = z.array(eventSchema, { error: "expected a list (JSON array) of events" });
