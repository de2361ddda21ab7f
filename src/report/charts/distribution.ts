import type { MoneySummary } from "../../finance/simulate.js";
import { runDistributionOf } from "../../finance/run-distribution.js";
import { textOptions, type TextOptions } from "../report-locale.js";
import { reportLabelsOf } from "../phrases/phrasebooks.js";
import { ISSUED_MONEY_SUMMARY, ISSUED_STYLE, issuedIssue } from "../../errors/argument-error.js";
import type { Style } from "../style.js";
import { textIssues, throwIfAny, wordsIssues } from "./chart-arguments.js";
import { coordinateOf, escapeXml, plotFrame } from "./svg.js";

/**
 * The distribution of an amount over a simulation's runs, as its cumulative curve: for each amount, the share
 * of runs that paid at most that much, from 0 below the smallest run to 1 at the largest. Drawn from the runs'
 * own amounts (up to 1,001 of them, kept beside the summary by the simulation: finance/run-distribution.ts); for a
 * summary without them, from its minimum, percentiles and maximum. Plotting coordinates are numbers; the labels
 * are the exact amounts.
 */
function cumulativePoints(summary: MoneySummary): { amount: number; share: number }[] {
  const runs = runDistributionOf(summary);
  if (runs !== undefined)
    return [
      { amount: runs.amounts[0]!, share: 0 },
      ...runs.amounts.map((amount, index) => ({ amount, share: runs.shares[index]! })),
    ];
  return [
    { amount: coordinateOf(summary.min.amount), share: 0 },
    ...summary.percentiles.map((entry) => ({ amount: coordinateOf(entry.amount.amount), share: entry.p / 100 })),
    { amount: coordinateOf(summary.max.amount), share: 1 },
  ];
}

/** The words drawn on a distribution chart, in the report's language. */
export interface DistributionWords {
  readonly title: string;
  /** The x axis, e.g. "total outcome payments (EUR)". */
  readonly amount: string;
  /** The mean's marker, e.g. "mean". */
  readonly mean: string;
}

/**
 * A simulated distribution as a self-contained SVG: the cumulative share of runs against the amount, with the
 * median and the mean marked.
 *
 * @example
 * const svg = distributionSvg(simulate(contract, options).totalPayments, reportStyle("it", "EUR"), words);
 * @throws ArgumentError listing every argument that is not what it should be: `summary` not one of the summaries
 * of a simulation `simulate` returned (`not_a_money_summary`: a copy or one read back from JSON is refused),
 * `style` not one `reportStyle` or `plainTextStyle` returned (`not_a_style`), `words` not an object whose `title`,
 * `amount` and `mean` are texts (`invalid_type`, at `$.words` or `$.words.title`…).
 */
export function distributionSvg(summary: MoneySummary, style: Style, words: DistributionWords): string {
  throwIfAny([
    issuedIssue(summary, ISSUED_MONEY_SUMMARY, "distributionSvg", "summary"),
    issuedIssue(style, ISSUED_STYLE, "distributionSvg", "style"),
    ...wordsIssues(words, "words", { required: ["title", "amount", "mean"] }),
  ]);
  return drawDistributionSvg(summary, style, words);
}

/** @internal `distributionSvg` on arguments already checked (or built by a test). */
export function drawDistributionSvg(summary: MoneySummary, style: Style, words: DistributionWords): string {
  const points = cumulativePoints(summary);
  const low = points[0]!.amount;
  const high = points[points.length - 1]!.amount;
  const pad = (high / 2 - low / 2) * 0.08 || 1; // the span's 4%, halved first so that it never overflows
  const { parts, sx, sy, at } = plotFrame({
    title: words.title,
    xLow: Math.max(low - pad, -Number.MAX_VALUE),
    xHigh: Math.min(high + pad, Number.MAX_VALUE),
    yLow: 0,
    yHigh: 1,
    xLabel: words.amount,
    xTick: (tick) => style.money(tick.toFixed(0)),
    yTick: (tick) => style.percent(String(tick)),
  });
  // A step curve: the share stays flat until the next percentile's amount, then rises.
  const path = points
    .map((point, index) => {
      const previous = points[index - 1];
      const step = previous === undefined ? "" : `L${at(sx(point.amount))} ${at(sy(previous.share))} `;
      return `${index === 0 ? "M" : step + "L"}${at(sx(point.amount))} ${at(sy(point.share))}`;
    })
    .join(" ");
  parts.push(`<path d="${path}" fill="none" stroke="#1d4ed8" stroke-width="2"/>`);
  const mean = coordinateOf(summary.mean.amount);
  parts.push(
    `<line x1="${at(sx(mean))}" x2="${at(sx(mean))}" y1="${at(sy(0))}" y2="${at(sy(1))}" stroke="#f59e0b" stroke-dasharray="4 3"/>`,
  );
  parts.push(
    `<text x="${at(sx(mean) + 4)}" y="${at(sy(0.04))}" fill="#92400e">${escapeXml(`${words.mean} ${style.money(summary.mean.amount)}`)}</text>`,
  );
  parts.push("</svg>");
  return parts.join("\n");
}

/**
 * A simulated distribution as a Vega-Lite (v5) spec for notebooks: the cumulative step curve and the mean, its
 * y axis named in English or Italian.
 *
 * @example
 * const spec = distributionVegaLite(result.totalPayments, "total outcome payments (EUR)");
 * const spec = distributionVegaLite(result.totalPayments, "pagamenti totali (EUR)", { locale: "it" });
 * @throws ArgumentError when `summary` is not one of the summaries of a simulation `simulate` returned
 * (`not_a_money_summary`), or `title` is not a text (`invalid_type`, at `$.title`).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function distributionVegaLite(
  summary: MoneySummary,
  title: string,
  options?: TextOptions,
): Record<string, unknown> {
  throwIfAny([
    issuedIssue(summary, ISSUED_MONEY_SUMMARY, "distributionVegaLite", "summary"),
    ...textIssues(title, ["title"], "the title"),
  ]);
  return distributionSpec(summary, title, reportLabelsOf(textOptions(options).locale).shareOfRuns);
}

/** @internal `distributionVegaLite` on arguments already checked (or built by a test). */
export function distributionSpec(
  summary: MoneySummary,
  title: string,
  shareOfRuns = "share of runs",
): Record<string, unknown> {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 560,
    height: 260,
    layer: [
      {
        data: { values: cumulativePoints(summary) },
        mark: { type: "line", interpolate: "step-after" },
        encoding: {
          x: { field: "amount", type: "quantitative", title },
          y: { field: "share", type: "quantitative", title: shareOfRuns, axis: { format: "%" } },
        },
      },
      {
        data: { values: [{ mean: coordinateOf(summary.mean.amount) }] },
        mark: { type: "rule", strokeDash: [4, 3], color: "#f59e0b" },
        encoding: { x: { field: "mean", type: "quantitative" } },
      },
    ],
  };
}
