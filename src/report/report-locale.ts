/**
 * The checks of a report's options: the options object itself and its language. A report collects these issues
 * with the others of its options and throws them together as one `OptionsError`.
 */
import { quoted } from "../errors/describe-value.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import type { ReportLocale } from "./style.js";

/**
 * The issue for a report's language that is not one of the languages `known`, or undefined. The language is
 * looked up in the list itself, so `"constructor"` or `"toString"` is no language, not a property of the
 * phrasebooks' object.
 */
export function localeIssue(locale: unknown, known: readonly string[]): InputIssue | undefined {
  if (typeof locale === "string" && known.includes(locale)) return undefined;
  return issue(["locale"], "unknown_locale", `unknown locale ${quoted(locale)}: use ${known.join(" or ")}`);
}

/**
 * Checks a report's language against the languages `known` (see `localeIssue`).
 * @throws OptionsError (`unknown_locale`) for any other value.
 */
export function checkLocale(locale: unknown, known: readonly string[]): void {
  const found = localeIssue(locale, known);
  if (found !== undefined) throw new OptionsError([found]);
}

import { optionsObject } from "../errors/options-object.js";

export { optionsObject };

/** Options of the texts the library writes (`explain`, `explainCashFlows`, the tables, the claims texts…). */
export interface TextOptions {
  /** The language of the text: `"en"` (the default) or `"it"`. */
  readonly locale?: ReportLocale;
}

/**
 * Reads the options of a text: its language, English by default.
 * @throws OptionsError when the options are not an object (`invalid_options`) or the locale is not "en" or "it"
 * (`unknown_locale`), both listed when both are wrong.
 */
export function textOptions(options: unknown): { readonly locale: ReportLocale } {
  const { fields, issue: notAnObject } = optionsObject(options, '{ locale: "it" }');
  const locale = fields.locale ?? "en";
  const issues = [notAnObject, localeIssue(locale, TEXT_LOCALES)].filter(
    (found): found is InputIssue => found !== undefined,
  );
  if (issues.length > 0) throw new OptionsError(issues);
  return { locale: locale as ReportLocale };
}

/** The languages of the texts: the reports' (`REPORT_LOCALES`, not imported here: style.ts imports this module). */
const TEXT_LOCALES: readonly ReportLocale[] = ["en", "it"];
