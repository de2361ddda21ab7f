import { ArgumentError } from "../../errors/argument-error.js";
import { describeValue } from "../../errors/describe-value.js";
import { issue, type InputIssue } from "../../errors/validation-error.js";
import { isKnownCurrency } from "../../money/currency.js";

/**
 * The checks the charts and tables share on the arguments they are handed besides the library's own values:
 * a text, an object of words, a currency code. Each returns the issues found (none when the argument is good),
 * so that a function reports every problem of a call at once with `throwIfAny`.
 */

/** The issue for `value` unless it is a string; `what` says what the text is, e.g. "the chart's title". */
export function textIssues(value: unknown, path: readonly (string | number)[], what: string): InputIssue[] {
  if (typeof value === "string") return [];
  return [issue(path, "invalid_type", `${what} is a text; got ${describeValue(value)}`)];
}

/** The words a chart draws: those it needs, and those it can do without. */
export interface WordFields {
  readonly required: readonly string[];
  readonly optional?: readonly string[];
}

/**
 * The issues of an object of words (`{ title, baseline, cap }`), at `$.<name>` and `$.<name>.<field>`: it must be
 * an object whose `required` fields are texts, and whose `optional` fields, when given, are texts too. Other
 * fields are not read.
 */
export function wordsIssues(value: unknown, name: string, fields: WordFields): InputIssue[] {
  const listed = [...fields.required, ...(fields.optional ?? []).map((field) => `${field}?`)].join(", ");
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return [
      issue([name], "invalid_type", `the ${name} are an object of texts ({ ${listed} }); got ${describeValue(value)}`),
    ];
  const words = value as Readonly<Record<string, unknown>>;
  return [
    ...fields.required.flatMap((field) => textIssues(words[field], [name, field], `the word ${field}`)),
    ...(fields.optional ?? []).flatMap((field) =>
      words[field] === undefined ? [] : textIssues(words[field], [name, field], `the word ${field}, when given,`),
    ),
  ];
}

/** The issue for `value` unless it is a currency code the library knows (see `isKnownCurrency`). */
export function currencyIssues(value: unknown, path: readonly (string | number)[]): InputIssue[] {
  if (isKnownCurrency(value as string)) return [];
  return [
    issue(
      path,
      "unknown_currency",
      `expected an ISO 4217 currency code the library knows, e.g. "EUR"; got ${describeValue(value)}`,
    ),
  ];
}

/** Throws one ArgumentError listing every issue, when there is any. */
export function throwIfAny(issues: readonly (InputIssue | undefined)[]): void {
  const found = issues.filter((entry): entry is InputIssue => entry !== undefined);
  if (found.length > 0) throw new ArgumentError(found);
}
