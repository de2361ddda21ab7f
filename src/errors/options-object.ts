import { describeValue } from "./describe-value.js";
import { issue, type InputIssue } from "./validation-error.js";

/**
 * The options of a call as an object to read fields from, with the issue when they are not one (`invalid_options`,
 * at the root of the options): `undefined` stands for no options. A list is no options object. `example` shows
 * what the options look like, e.g. `{ locale: "it" }`.
 */
export function optionsObject(
  options: unknown,
  example: string,
): { readonly fields: Readonly<Record<string, unknown>>; readonly issue?: InputIssue } {
  if (options === undefined) return { fields: {} };
  if (options !== null && typeof options === "object" && !Array.isArray(options))
    return { fields: options as Readonly<Record<string, unknown>> };
  return {
    fields: {},
    issue: issue([], "invalid_options", `the options are an object such as ${example}, got ${describeValue(options)}`),
  };
}
