import type { ReportLocale } from "../style.js";
import { en, lineLabelsEn, reportLabelsEn } from "./en.js";
import { it, lineLabelsIt, reportLabelsIt } from "./it.js";
import type { LineLabels, Phrasebook, ReportLabels } from "./phrasebook.js";

const PHRASEBOOKS: Readonly<Record<ReportLocale, Phrasebook>> = { en, it };
const REPORT_LABELS: Readonly<Record<ReportLocale, ReportLabels>> = { en: reportLabelsEn, it: reportLabelsIt };
const LINE_LABELS: Readonly<Record<ReportLocale, LineLabels>> = { en: lineLabelsEn, it: lineLabelsIt };

/** The settlement's phrasebook in a language the library writes in (checked by the caller). */
export function phrasebookOf(locale: ReportLocale): Phrasebook {
  return PHRASEBOOKS[locale];
}

/** The labels of the Markdown and HTML reports and of the charts, in a language (checked by the caller). */
export function reportLabelsOf(locale: ReportLocale): ReportLabels {
  return REPORT_LABELS[locale];
}

/** The labels of the plain text of priced lines, in a language (checked by the caller). */
export function lineLabelsOf(locale: ReportLocale): LineLabels {
  return LINE_LABELS[locale];
}
