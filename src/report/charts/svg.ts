import { ISSUED_PAYMENT_CURVE, ISSUED_STYLE, issuedIssue } from "../../errors/argument-error.js";
import type { Style } from "../style.js";
import { throwIfAny, wordsIssues } from "./chart-arguments.js";
import type { PaymentCurve } from "./payment-curve.js";
import { reportLabelsOf } from "../phrases/phrasebooks.js";

/** Text for SVG and HTML: the five characters that XML reserves, escaped. */
export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * A plotting coordinate from an exact decimal string: its nearest double, held within the finite doubles (an
 * amount of 400 digits is drawn at the edge of the range, never as Infinity or NaN). Labels use the exact text.
 */
export function coordinateOf(text: string): number {
  const number = Number(text);
  if (Number.isFinite(number)) return number;
  return number > 0 ? Number.MAX_VALUE : number < 0 ? -Number.MAX_VALUE : 0;
}

/**
 * About five round numbers spanning [low, high], for axis ticks. Finite for any finite range, even one as wide
 * as the doubles allow (a span that overflows is taken in fifths).
 */
function ticks(low: number, high: number, count = 5): number[] {
  const span = high - low;
  const raw = (Number.isFinite(span) ? span / count : high / count - low / count) || 1 / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 2.5, 5, 10]
      .map((factor) => factor * magnitude)
      .find((candidate) => candidate >= raw && Number.isFinite(candidate)) ?? raw;
  const first = Math.ceil(low / step) * step;
  const values: number[] = [];
  for (let index = 0; index <= 2 * count + 2; index += 1) {
    const value = first + index * step;
    if (!(value <= high + step / 1e9) || !Number.isFinite(value)) break;
    values.push(Number(value.toPrecision(12)));
  }
  return values;
}

/** The words drawn on a chart, in the report's language. */
export interface ChartWords {
  readonly title?: string;
  readonly baseline: string;
  readonly cap: string;
}

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { left: 92, right: 24, top: 20, bottom: 52 };

/** What a chart's frame needs: its title, the ranges of both axes, and how to label their ticks. */
export interface FrameOptions {
  readonly title: string;
  readonly xLow: number;
  readonly xHigh: number;
  readonly yLow: number;
  readonly yHigh: number;
  readonly xLabel: string;
  xTick(value: number): string;
  yTick(value: number): string;
}

/**
 * The frame every chart shares: the SVG element with its title, a white background, grid lines with labelled
 * ticks on both axes, and the x axis' label; and the scales from data to drawing. Close `parts` with `</svg>`.
 */
export function plotFrame(frame: FrameOptions): {
  parts: string[];
  sx(x: number): number;
  sy(y: number): number;
  at(value: number): string;
  plotWidth: number;
  plotHeight: number;
} {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  // Halves before differences: the same result, bit for bit, but no overflow when the range spans the doubles.
  const sx = (x: number) =>
    MARGIN.left + ((x / 2 - frame.xLow / 2) / (frame.xHigh / 2 - frame.xLow / 2 || 0.5)) * plotWidth;
  const sy = (y: number) =>
    MARGIN.top + plotHeight - ((y / 2 - frame.yLow / 2) / (frame.yHigh / 2 - frame.yLow / 2 || 0.5)) * plotHeight;
  const at = (value: number) => value.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(frame.title)}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  parts.push(`<title>${escapeXml(frame.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  for (const tick of ticks(frame.yLow, frame.yHigh)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${at(sy(tick))}" y2="${at(sy(tick))}" stroke="#e5e7eb"/>`,
    );
    parts.push(
      `<text x="${MARGIN.left - 8}" y="${at(sy(tick) + 4)}" text-anchor="end" fill="#374151">${escapeXml(frame.yTick(tick))}</text>`,
    );
  }
  for (const tick of ticks(frame.xLow, frame.xHigh)) {
    parts.push(
      `<line x1="${at(sx(tick))}" x2="${at(sx(tick))}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight + 5}" stroke="#374151"/>`,
    );
    parts.push(
      `<text x="${at(sx(tick))}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle" fill="#374151">${escapeXml(frame.xTick(tick))}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}" stroke="#374151"/>`,
  );
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#374151"/>`,
  );
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 10}" text-anchor="middle" fill="#111827">${escapeXml(frame.xLabel)}</text>`,
  );
  return { parts, sx, sy, at, plotWidth, plotHeight };
}

/**
 * A payment curve as a self-contained SVG drawing (no scripts, no external resources): the amount the rule
 * pays against the measured result, the baseline and the measured result marked, the tranche's cap dashed.
 * Labels are written in the style's language and number format; the words of the marks, unless given, are the
 * style's language's ("baseline" and "cap"; "valore di riferimento" and "massimale" in Italian).
 *
 * @example
 * const svg = paymentCurveSvg(paymentCurve(contract, "t1", settled)!, reportStyle("en", "EUR"));
 * const svg = paymentCurveSvg(curve, reportStyle("it", "EUR")); // marks in Italian
 * @throws ArgumentError listing every argument that is not what it should be: `curve` not a curve `paymentCurve`
 * returned (`not_a_payment_curve`: a copy or one read back from JSON is refused), `style` not one `reportStyle` or
 * `plainTextStyle` returned (`not_a_style`), `words` not an object whose `baseline` and `cap` (and `title`, when
 * given) are texts (`invalid_type`, at `$.words` or `$.words.cap`…).
 */
export function paymentCurveSvg(curve: PaymentCurve, style: Style, words?: ChartWords): string {
  throwIfAny([
    issuedIssue(curve, ISSUED_PAYMENT_CURVE, "paymentCurveSvg", "curve"),
    issuedIssue(style, ISSUED_STYLE, "paymentCurveSvg", "style"),
    ...(words === undefined ? [] : wordsIssues(words, "words", { required: ["baseline", "cap"], optional: ["title"] })),
  ]);
  const marks = reportLabelsOf(style.locale);
  return drawPaymentCurve(curve, style, words ?? { baseline: marks.baselineMark, cap: marks.capMark });
}

/** `paymentCurveSvg` once the style and words are checked. */
function drawPaymentCurve(curve: PaymentCurve, style: Style, words: ChartWords): string {
  const title = words.title ?? `${curve.trancheId}: ${curve.metric}`;
  const xs = curve.points.map((point) => point.x);
  const amounts = [...curve.points.map((point) => point.amount), curve.cap?.amount ?? 0, 0];
  const xLow = Math.min(...xs);
  const xHigh = Math.max(...xs);
  const yHigh = Math.min(Math.max(...amounts) * 1.08, Number.MAX_VALUE) || 1;
  const { parts, sx, sy, at, plotWidth, plotHeight } = plotFrame({
    title,
    xLow,
    xHigh,
    yLow: 0,
    yHigh,
    xLabel: `${curve.metric} (${curve.unit})`,
    xTick: (tick) => style.num(String(tick)),
    yTick: (tick) => style.money(tick.toFixed(0)),
  });

  const baselineX = sx(curve.baseline);
  parts.push(
    `<line x1="${at(baselineX)}" x2="${at(baselineX)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#9ca3af" stroke-dasharray="2 3"/>`,
  );
  // Labels sit inside the plot, on the side with room: the baseline's at the foot of its line, the cap's at the left.
  const baselineOnRight = baselineX > MARGIN.left + plotWidth * 0.6;
  parts.push(
    `<text x="${at(baselineX + (baselineOnRight ? -4 : 4))}" y="${MARGIN.top + plotHeight - 6}" text-anchor="${baselineOnRight ? "end" : "start"}" fill="#6b7280">${escapeXml(words.baseline)} ${escapeXml(style.num(String(curve.baseline)))}</text>`,
  );
  if (curve.cap !== undefined) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${at(sy(curve.cap.amount))}" y2="${at(sy(curve.cap.amount))}" stroke="#b91c1c" stroke-dasharray="6 4"/>`,
    );
    parts.push(
      `<text x="${MARGIN.left + 6}" y="${at(sy(curve.cap.amount) - 5)}" text-anchor="start" fill="#b91c1c">${escapeXml(words.cap)} ${escapeXml(style.money(curve.cap.value))}</text>`,
    );
  }
  const path = curve.points
    .map((point, index) => `${index === 0 ? "M" : "L"}${at(sx(point.x))} ${at(sy(point.amount))}`)
    .join(" ");
  parts.push(`<path d="${path}" fill="none" stroke="#1d4ed8" stroke-width="2"/>`);
  if (curve.measured !== undefined) {
    const x = sx(curve.measured.x);
    const y = sy(curve.measured.amount);
    const anchor = x > MARGIN.left + plotWidth * 0.6 ? "end" : "start";
    const dx = anchor === "end" ? -10 : 10;
    parts.push(`<circle cx="${at(x)}" cy="${at(y)}" r="5" fill="#f59e0b" stroke="#92400e"/>`);
    parts.push(
      `<text x="${at(x + dx)}" y="${at(y - 8)}" text-anchor="${anchor}" fill="#92400e">${escapeXml(`${style.num(curve.measured.value)} → ${style.money(curve.measured.priced)}`)}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}
