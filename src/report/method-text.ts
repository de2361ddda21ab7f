import type { DetectableEffect, RequiredSample } from "../design/power.js";
import { describeValue } from "../errors/describe-value.js";
import { ISSUED_MEASUREMENT, requireIssued } from "../errors/argument-error.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { Measurement } from "../measure/measurement.js";
import { methodWords, powerTestWords, type PowerTestFigures } from "../measure/method-words.js";
import { throwIfAny } from "./charts/chart-arguments.js";
import { textOptions, type TextOptions } from "./report-locale.js";
import { quantityStyle } from "./style.js";

/**
 * A measurement's statistical method in words, in English or Italian, from its figures (`method`,
 * `degreesOfFreedom`, `continuityCorrection`, `normalUnsafe`), numbers in the neutral notation of `explain`
 * (`1,234.5`; `1.234,5` in Italian). In English it is the measurement's `methodText` (with thousands separated).
 *
 * @example
 * methodText(measure(request));                   // "two-proportion z-test (pooled proportion for the test, …)"
 * methodText(measure(request), { locale: "it" }); // "test z per due proporzioni (proporzione comune per il test, …)"
 * @throws ArgumentError (`not_a_measurement`, at `$.measurement`) for anything but a measurement `measure`,
 * `measureRecords`, `measureCohorts`, `blend` or `poolCohorts` returned.
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function methodText(measurement: Measurement, options?: TextOptions): string {
  requireIssued(measurement, ISSUED_MEASUREMENT, "methodText", "measurement");
  const { locale } = textOptions(options);
  const style = quantityStyle(locale);
  return methodWords(
    {
      method: measurement.method,
      degreesOfFreedom: measurement.degreesOfFreedom,
      continuityCorrection: measurement.continuityCorrection,
      normalUnsafe: measurement.normalUnsafe,
    },
    locale,
    style.num,
  );
}

const POWER_TESTS: readonly PowerTestFigures["test"][] = ["proportions-z", "rates-z", "means-t", "means-z"];
const ALTERNATIVES: readonly PowerTestFigures["alternative"][] = ["one-sided", "two-sided"];

/** The issues of a design result's `powerTest` figures, at `$.result.powerTest…`. */
function powerTestIssues(result: unknown): InputIssue[] {
  const at = ["result", "powerTest"];
  const figures = (result as { powerTest?: unknown } | null | undefined)?.powerTest;
  if (figures === null || typeof figures !== "object")
    return [
      issue(
        at,
        "invalid_type",
        `expected a result of minimumDetectableEffect or requiredSample, with its powerTest; got ${describeValue(figures)}`,
      ),
    ];
  const { test, alternative, significance, power } = figures as Record<string, unknown>;
  const fraction = (value: unknown) => typeof value === "number" && value > 0 && value < 1;
  return [
    ...(POWER_TESTS.includes(test as PowerTestFigures["test"])
      ? []
      : [issue([...at, "test"], "invalid_choice", `expected ${POWER_TESTS.join(", ")}; got ${describeValue(test)}`)]),
    ...(ALTERNATIVES.includes(alternative as PowerTestFigures["alternative"])
      ? []
      : [
          issue(
            [...at, "alternative"],
            "invalid_choice",
            `expected one-sided or two-sided; got ${describeValue(alternative)}`,
          ),
        ]),
    ...(fraction(significance)
      ? []
      : [
          issue(
            [...at, "significance"],
            "out_of_range",
            `expected a fraction between 0 and 1; got ${describeValue(significance)}`,
          ),
        ]),
    ...(fraction(power)
      ? []
      : [issue([...at, "power"], "out_of_range", `expected a fraction between 0 and 1; got ${describeValue(power)}`)]),
  ];
}

/**
 * The test a design powers, in words, in English or Italian, from a result's `powerTest` figures, e.g. "a z-test
 * of proportions, two-sided, significance 0.05, power 0.8" or "un test z di proporzioni, a due code,
 * significatività 0,05, potenza 0,8". In English it is the result's `methodText`.
 *
 * @example
 * const detectable = minimumDetectableEffect({ ...request, sample: { treatment: 1500, comparison: 1500 } });
 * powerTestText(detectable, { locale: "it" }); // "un test z di proporzioni, a due code, significatività 0,05, …"
 * @throws ArgumentError listing every problem of the result's `powerTest` figures (`invalid_type`,
 * `invalid_choice`, `out_of_range`, at `$.result.powerTest…`).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function powerTestText(
  result: Pick<DetectableEffect | RequiredSample, "powerTest">,
  options?: TextOptions,
): string {
  throwIfAny(powerTestIssues(result));
  const { locale } = textOptions(options);
  return powerTestWords(result.powerTest, locale, quantityStyle(locale).num);
}
