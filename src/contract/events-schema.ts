import { z } from "zod";
import { calendarDateSchema, idSchema, measureSchema, moneyAmountSchema } from "./primitives.js";
import { measurementRecordSchema } from "./measurement-format.js";

/** The structure of one event; references to the contract and between events are checked by `buildHistory` (src/ledger/history.ts). */
export const eventSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("result"),
      id: idSchema,
      metric: idSchema.optional(),
      period: idSchema.optional(),
      cohort: idSchema.optional(),
      value: measureSchema.optional(),
      status: z.enum(["reported", "verified", "disputed", "rejected"], {
        error: "expected a status: reported, verified, disputed or rejected",
      }),
      recordedAt: calendarDateSchema,
      verifier: idSchema.optional(),
      evidence: z.string().optional(),
      restates: idSchema.optional(),
      note: z.string().optional(),
      measurement: measurementRecordSchema.optional(),
    }),
    z.strictObject({
      type: z.literal("payment"),
      id: idSchema,
      tranche: idSchema,
      payer: idSchema,
      recipient: idSchema,
      amount: moneyAmountSchema,
      currency: z.string().optional(),
      paidOn: calendarDateSchema,
      recordedAt: calendarDateSchema.optional(),
      reference: z.string().optional(),
      note: z.string().optional(),
    }),
  ],
  { error: "expected an event whose type is result or payment" },
);

export const eventsSchema = z.array(eventSchema, { error: "expected a list (JSON array) of events" });
