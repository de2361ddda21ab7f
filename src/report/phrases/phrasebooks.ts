import type { ReportLocale } from "../style.js";
import { en } from "./en.js";
import { it } from "./it.js";
import type { Phrasebook } from "./phrasebook.js";

const PHRASEBOOKS: Readonly<Record<ReportLocale, Phrasebook>> = { en, it };

/** The phrasebook of a language the library writes in (checked by the caller). */
export function phrasebookOf(locale: ReportLocale): Phrasebook {
  return PHRASEBOOKS[locale];
}
