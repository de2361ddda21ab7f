import type { Measurement } from "../measure/measurement.js";
import { measurementRecord } from "../measure/measurement-record.js";
import { ISSUED_MEASUREMENT, requireIssued } from "../errors/argument-error.js";
import { textOptions, type TextOptions } from "./report-locale.js";
import { measurementWordsOf } from "./measurement-text.js";
import { quantityStyle } from "./style.js";

/**
 * A measurement as text, in English or Italian: the estimator, each group's figures, the effect and its interval,
 * the test of no effect and the method — the lines a report shows under a measured result, with the figures a
 * result event would carry (`measurementRecord`), in the neutral notation of `explain` (`1,234.5`; `1.234,5` in
 * Italian).
 *
 * @example
 * console.log(explainMeasurement(measure(request)));
 * console.log(explainMeasurement(measure(request), { locale: "it" }));
 * @throws ArgumentError (`not_a_measurement`, at `$.measurement`) for anything but a measurement `measure`,
 * `measureRecords`, `measureCohorts`, `blend` or `poolCohorts` returned (a copy, or one read back from JSON, is
 * refused: measure again).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function explainMeasurement(measurement: Measurement, options?: TextOptions): string {
  requireIssued(measurement, ISSUED_MEASUREMENT, "explainMeasurement", "measurement");
  const { locale } = textOptions(options);
  const [head = "", ...lines] = measurementWordsOf(locale).lines(measurementRecord(measurement), quantityStyle(locale));
  return [head.charAt(0).toUpperCase() + head.slice(1), ...lines].join("\n");
}
