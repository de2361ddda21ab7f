import type { Settlement } from "../engine/settlement-types.js";
import { escapeXml, paymentCurveSvg } from "./charts/svg.js";
import { distributionSvg } from "./charts/distribution.js";
import { reportModel, type ReportOptions, type Table } from "./report-model.js";

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #e5e7eb; padding-bottom: 0.25rem; }
h3 { font-size: 1rem; } .subtitle { color: #4b5563; margin-top: 0; }
.status { padding: 0.5rem 0.75rem; background: #f3f4f6; border-left: 4px solid #1d4ed8; }
.status.owed-back { border-left-color: #b91c1c; } p.clawback { color: #7f1d1d; font-weight: 600; }
ul.steps { font-size: 0.92rem; } ul.steps li { margin: 0.15rem 0; white-space: pre-wrap; } ul.steps li.part { list-style: circle; margin-left: 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.92rem; } th, td { border: 1px solid #d1d5db; padding: 0.3rem 0.6rem; }
th { background: #f9fafb; text-align: left; } td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0; } figcaption { color: #4b5563; font-size: 0.85rem; } footer { margin-top: 2rem; color: #6b7280; font-size: 0.85rem; }
svg { max-width: 100%; height: auto; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  .keep, figure, table, tr, .status, ul.steps li { break-inside: avoid; page-break-inside: avoid; }
  h2 + *, h3 + * { break-before: avoid; page-break-before: avoid; }
}
`;

/** Blocks printed on one page: a heading with its table, so that no heading ends a page alone. */
const keep = (...blocks: string[]) => `<div class="keep">\n${blocks.join("\n")}\n</div>`;

function table({ headers, rows }: Table): string {
  const amountFrom = headers[0] === "" ? 1 : headers.length - 3;
  const head = headers.map((header) => `<th>${escapeXml(header)}</th>`).join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((value, index) => `<td${index >= amountFrom ? ' class="amount"' : ""}>${escapeXml(value)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/**
 * A settlement as a self-contained HTML page (inline CSS and SVG, no scripts, no external resources), in English
 * or Italian, printable: per tranche the status and reason, every step of the computation, the payment curve
 * with the measured result and the cap (when the contract is given), who pays whom; then the totals.
 *
 * @example
 * writeFileSync("liquidazione.html", renderHtml(settlement, { locale: "it", contract }));
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON; settle again).
 * @throws OptionsError for options that are not an object (`invalid_options`), a locale other than "en" and "it"
 * (`unknown_locale`), a `contract` the settlement is not of (`settlement_mismatch`), a `simulation` that `simulate`
 * did not return (`not_a_simulation`) or in another currency than the settlement's (`currency_mismatch`).
 * @throws ContractError for a `contract` given as plain data that is not a valid contract.
 */
export function renderHtml(settlement: Settlement, options?: ReportOptions): string {
  const model = reportModel(settlement, options, "renderHtml");
  const { labels } = model.phrases;
  const words = model.reportLabels;
  const out = [
    "<!doctype html>",
    `<html lang="${model.locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(model.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeXml(model.title)}</h1>`,
    `<p class="subtitle">${model.subtitle.map(escapeXml).join(" · ")}</p>`,
  ];
  for (const tranche of model.tranches) {
    out.push(`<section id="tranche-${escapeXml(tranche.id)}">`);
    // the heading, the status and the chart printed on one page (A4, see STYLE), then the steps, then the lines
    const head = [
      `<h2>${escapeXml(tranche.heading)}</h2>`,
      `<p class="status${tranche.clawback !== undefined ? " owed-back" : ""}"><strong>${escapeXml(labels.status)}:</strong> ${escapeXml(tranche.status)}</p>`,
    ];
    if (tranche.curve !== undefined) {
      const svg = paymentCurveSvg(tranche.curve, model.style, {
        title: `${words.chart}: ${tranche.heading}`,
        baseline: words.baselineMark,
        cap: words.capMark,
      });
      head.push(
        `<figure>\n${svg}\n<figcaption>${escapeXml(words.chartCaption(tranche.curve.metric))}</figcaption>\n</figure>`,
      );
    }
    out.push(keep(...head));
    out.push(
      `<h3>${escapeXml(words.computation)}</h3>`,
      `<ul class="steps">\n${tranche.steps.map((step) => `<li${/^\s/.test(step) ? ' class="part"' : ""}>${escapeXml(step.trim())}</li>`).join("\n")}\n</ul>`,
      keep(
        `<h3>${escapeXml(words.lines)}</h3>`,
        table(tranche.lines),
        `<p><strong>${escapeXml(tranche.summary)}</strong></p>`,
      ),
    );
    if (tranche.clawback !== undefined) out.push(`<p class="clawback">${escapeXml(tranche.clawback)}</p>`);
    out.push("</section>");
  }
  out.push(
    "<section>",
    keep(
      `<h2>${escapeXml(labels.totals)}</h2>`,
      `<p><strong>${escapeXml(model.totals.summary)}</strong></p>`,
      `<p><em>${escapeXml(words.totalsNote)}</em></p>`,
      ...(model.totals.pending !== undefined ? [`<p>${escapeXml(model.totals.pending)}</p>`] : []),
    ),
    keep(`<h3>${escapeXml(words.byPayer)}</h3>`, table(model.totals.byPayer)),
    keep(`<h3>${escapeXml(words.byRecipient)}</h3>`, table(model.totals.byRecipient)),
  );
  if (model.totals.caps.length > 0)
    out.push(
      keep(
        `<h3>${escapeXml(labels.capsThatBit)}</h3>`,
        `<ul>${model.totals.caps.map((line) => `<li>${escapeXml(line)}</li>`).join("")}</ul>`,
      ),
    );
  out.push("</section>");
  if (model.simulation !== undefined) {
    const { simulation } = model;
    out.push(
      "<section>",
      keep(
        `<h2>${escapeXml(simulation.heading)}</h2>`,
        `<p><em>${escapeXml(words.simulationNote)}</em></p>`,
        table(simulation.table),
      ),
    );
    for (const { title, summary } of simulation.distributions) {
      const svg = distributionSvg(summary, model.style, {
        title,
        amount: `${title} (${settlement.currency})`,
        mean: words.mean,
      });
      out.push(`<figure>\n${svg}\n<figcaption>${escapeXml(title)}</figcaption>\n</figure>`);
    }
    out.push("</section>");
  }
  out.push(`<footer>${escapeXml(words.generatedBy)}</footer>`, "</body>", "</html>", "");
  return out.join("\n");
}
