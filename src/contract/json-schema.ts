import * as z from "./structural-schema.js";
import { ArgumentError } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { markIssued } from "../util/issued.js";
import { MAX_STATED_MINOR_UNITS } from "../money/currency.js";
import {
  contractSchema,
  currencyMinorUnitsSchema,
  currencySchema,
  trancheQuantityValueSchema,
} from "./contract-schema.js";
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
 * JSON Schemas (draft 2020-12) of the contract and events files, generated from the same structural schemas that
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

/** What each leaf schema adds for editors: a pattern where its own check is code, and a description. */
const LEAVES = new Map<z.Schema, JsonSchema>([
  [
    currencySchema,
    {
      pattern: "^[A-Z]{3}$",
      description:
        'An ISO 4217 currency code in capitals, e.g. "EUR". A code the library does not know needs currencyMinorUnits.',
    },
  ],
  [
    currencyMinorUnitsSchema,
    {
      minimum: 0,
      maximum: MAX_STATED_MINOR_UNITS,
      description:
        "The minor units (digits after the point) of a currency the library does not know, 0 to 4; leave it out for a code it knows.",
    },
  ],
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
    trancheQuantityValueSchema,
    { description: 'A positive count as a number or a decimal string, e.g. 1000 or "1000"; without "%".' },
  ],
  [
    measureSchema,
    { description: 'A measured value in the metric\'s own unit: a number or a decimal string, without "%".' },
  ],
]);

function generate(schema: z.Schema, title: string, description: string): JsonSchema {
  const generated = z.toJSONSchema(schema, (leaf, json) => {
    const extra = LEAVES.get(leaf);
    if (extra === undefined) return;
    // A quantity or measure is a number or a string: the pattern applies to the string form only.
    if (Array.isArray(json.type) || json.anyOf !== undefined) Object.assign(json, { description: extra.description });
    else Object.assign(json, extra);
  });
  const { $schema, ...rest } = generated;
  // The recursive pricing rule is written once, as "__schema0"; give it a name an editor can show.
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
  // neither (docs/rate-cards.md); the schema says the same with a condition the structural schema does not write.
  return markIssued(
    {
      ...schema,
      if: { not: { required: ["rateCard"] } },
      then: { properties: { metrics: { minItems: 1 }, tranches: { minItems: 1 } } },
    },
    "json-schema",
  );
}

/**
 * The JSON Schema of an events file (verification results and payments).
 *
 * @example
 * writeFileSync("events.schema.json", jsonSchemaText(eventsJsonSchema()));
 */
export function eventsJsonSchema(): JsonSchema {
  return markIssued(
    generate(
      eventsSchema,
      "pay-by-results events",
      "The append-only history of a contract: verification results (reported, verified, disputed, rejected, restated) and payments. See docs/contract-format.md.",
    ),
    "json-schema",
  );
}

/** How deep a schema may nest: far beyond any schema's (the library's nest about 30 deep), well within the stack's. */
const MAX_JSON_DEPTH = 1000;
/** The most issues one check lists. */
const MAX_JSON_ISSUES = 20;

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/**
 * The problems of `value` as JSON data, each with its path from `root`: every value a string, a finite number,
 * true, false, null, a list or a plain object, nothing inside itself (`cyclic_value`), at most 1,000 levels deep
 * (`too_deep`); anything else — a bigint, undefined, a function, a symbol, NaN or ±Infinity (which JSON would
 * write as null), a Date, a Map, a hole in a list — is `not_json`.
 */
function jsonDataIssues(value: unknown, root: readonly (string | number)[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const open = new Set<object>();
  const visit = (item: unknown, path: readonly (string | number)[], depth: number): void => {
    if (issues.length >= MAX_JSON_ISSUES) return;
    if (item === null || typeof item === "string" || typeof item === "boolean") return;
    if (typeof item === "number" && Number.isFinite(item)) return;
    const notJson = () =>
      issues.push(
        issue(
          path,
          "not_json",
          `expected JSON data (text, a finite number, true, false, null, a list or a plain object), got ${describeValue(item)}`,
        ),
      );
    if (typeof item !== "object" || !(Array.isArray(item) || isPlainObject(item))) {
      notJson();
      return;
    }
    if (open.has(item)) {
      issues.push(issue(path, "cyclic_value", "this value contains itself: JSON cannot write a cycle"));
      return;
    }
    if (depth > MAX_JSON_DEPTH) {
      issues.push(issue(path, "too_deep", `the schema nests deeper than ${MAX_JSON_DEPTH} levels`));
      return;
    }
    open.add(item);
    if (Array.isArray(item))
      // Array.from: a hole in a sparse list is undefined, not skipped
      Array.from(item as unknown[]).forEach((inner, index) => visit(inner, [...path, index], depth + 1));
    else for (const key of Object.keys(item)) visit((item as Record<string, unknown>)[key], [...path, key], depth + 1);
    open.delete(item);
  };
  visit(value, root, 1);
  return issues;
}

/**
 * A schema as the text of a `.json` file: two-space indentation and a final newline. The schema is one of the
 * library's, or any schema as plain JSON data (e.g. one of them with an `$id` added).
 *
 * @example
 * jsonSchemaText(contractJsonSchema()).endsWith("}\n"); // true
 * @throws ArgumentError when `schema` is not a plain object (`not_a_json_schema` at `$.schema`), or holds what
 * JSON cannot write, with the path of each such value (`$.schema.properties.x`): a bigint, undefined, a
 * function, NaN or ±Infinity, a class instance (`not_json`), a value inside itself (`cyclic_value`), nesting
 * deeper than 1,000 levels (`too_deep`).
 */
export function jsonSchemaText(schema: JsonSchema): string {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema) || !isPlainObject(schema as object))
    throw new ArgumentError([
      issue(
        ["schema"],
        "not_a_json_schema",
        `jsonSchemaText takes a JSON Schema as a plain object, such as contractJsonSchema() returns; got ${describeValue(schema)}`,
      ),
    ]);
  const issues = jsonDataIssues(schema, ["schema"]);
  if (issues.length > 0) throw new ArgumentError(issues);
  return `${JSON.stringify(schema, null, 2)}\n`;
}
