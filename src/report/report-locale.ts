import { OptionsError, issue } from "../errors/validation-error.js";

/**
 * Checks a report's language against the languages `known`, by the list itself (so `"constructor"` or
 * `"toString"` is no language, not a property of the phrasebooks' object).
 * @throws OptionsError (`unknown_locale`) for any other value.
 */
export function checkLocale(locale: unknown, known: readonly string[]): void {
  if (typeof locale !== "string" || !known.includes(locale))
    throw new OptionsError([
      issue(["locale"], "unknown_locale", `unknown locale "${String(locale)}": use ${known.join(" or ")}`),
    ]);
}
