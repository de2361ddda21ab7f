import * as z from "zod/mini";
import { contractSchema } from "./contract-schema.js";
import { eventsSchema } from "./events-schema.js";
import {
  calendarDateSchema,
  measureSchema,
  moneyAmountSchema,
  priceSchema,
  quantitySchema,
  shareSchema,
} from "./primitives.js";

/**
 * JSON Schemas (draft 2020-12) of the contract and events files, generated from the same zod schemas that
 * `parseContract` and `parseEvents` use, so an editor can check a file as it is typed. The shipped copies live
 * in the package as `pay-by-results/schema/contract.json` and `pay-by-results/schema/events.json`.
 *
 * A JSON Schema checks the shape of a file: keys, types, enumerations, the syntax of dates, money and shares.
 * What it cannot express — that a date exists in the calendar, that shares add up to 100%, that a rule names a
 * declared metric — is still checked by `parseContract` and `parseEvents`.
 */

/** A JSON Schema document, as plain JSON data. */
export type JsonSchema = Record<string, unknown>;

/** Plain decimal syntax (`"1500.00"`, `"-2.5"`): the same as the library's reader. */
const DECIMAL = "^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$";
/** A decimal, or a percentage of one (`"12.5%"`). */
const DECIMAL_OR_PERCENT = "^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)\\s*%?\\s*$";

/** What each leaf schema adds for editors: a pattern where zod's own check is code, and a description. */
const LEAVES = new Map<z.ZodMiniType, JsonSchema>([
  [
    calendarDateSchema,
    { format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "A calendar date, YYYY-MM-DD." },
  ],
  [
    moneyAmountSchema,
    {
      pattern: DECIMAL,
      description: 'Money as a decimal string in the contract\'s currency, e.g. "1500.00"; never a JSON number.',
    },
  ],
  [
    priceSchema,
    { pattern: DECIMAL, description: 'A price per unit as a decimal string, e.g. "2500.00"; never a JSON number.' },
  ],
  [
    shareSchema,
    { pattern: DECIMAL_OR_PERCENT, description: 'A share as a fraction or a percentage, e.g. "0.6" or "60%".' },
  ],
  [
    quantitySchema,
    {
      description:
        'A number, or a decimal string ("12.5"), or a percentage on the relative-improvement basis ("12.5%").',
    },
  ],
  [
    measureSchema,
    { description: 'A measured value in the metric\'s own unit: a number or a decimal string, without "%".' },
  ],
]);

function generate(schema: z.ZodMiniType, title: string, description: string): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    override: (context) => {
      const extra = LEAVES.get(context.zodSchema as unknown as z.ZodMiniType);
      if (extra === undefined) return;
      const json = context.jsonSchema as JsonSchema;
      // A quantity or measure is a number or a string: the pattern applies to the string form only.
      if (Array.isArray(json.type) || json.anyOf !== undefined) Object.assign(json, { description: extra.description });
      else Object.assign(json, extra);
    },
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  // zod names the recursive pricing rule "__schema0"; give it a name an editor can show.
  const named = JSON.parse(JSON.stringify(rest).replaceAll("__schema0", "PricingRule")) as JsonSchema;
  return { $schema, title, description, ...named };
}

/**
 * The JSON Schema of a contract file.
 *
 * @example
 * writeFileSync("contract.schema.json", jsonSchemaText(contractJsonSchema()));
 */
export function contractJsonSchema(): JsonSchema {
  const schema = generate(
    contractSchema,
    "pay-by-results contract",
    "An outcome-based (pay-by-results) contract: parties, outcome metrics with baselines, periods, tranches with their pricing rules, caps and splits. See docs/contract-format.md.",
  );
  // "At least one metric and one tranche" is checked by checkContract, because a rate card contract may have
  // neither (docs/rate-cards.md); the schema says the same with a condition zod cannot express.
  return {
    ...schema,
    if: { not: { required: ["rateCard"] } },
    then: { properties: { metrics: { minItems: 1 }, tranches: { minItems: 1 } } },
  };
}

/**
 * The JSON Schema of an events file (verification results and payments).
 *
 * @example
 * writeFileSync("events.schema.json", jsonSchemaText(eventsJsonSchema()));
 */
export function eventsJsonSchema(): JsonSchema {
  return generate(
    eventsSchema,
    "pay-by-results events",
    "The append-only history of a contract: verification results (reported, verified, disputed, rejected, restated) and payments. See docs/contract-format.md.",
  );
}

/**
 * A schema as the text of a `.json` file: two-space indentation and a final newline.
 *
 * @example
 * jsonSchemaText(contractJsonSchema()).endsWith("}\n"); // true
 */
export function jsonSchemaText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
