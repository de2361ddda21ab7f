import type { Settlement } from "../engine/settlement-types.js";
import { reportModel, type ReportOptions, type Table } from "./report-model.js";

/**
 * Text in Markdown as text: the characters HTML reserves as entities (a party named `<img src=x onerror=…>` is
 * shown, not run), and no link or image made of a name (`](` becomes `]\(`). Other Markdown marks are left: the
 * worst they do is emphasis.
 */
export function markdownText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("](", "]\\(");
}

/** A table cell: text escaped, pipes escaped, line breaks as `<br>`. */
const cell = (text: string) => markdownText(text).replaceAll("|", "\\|").replaceAll("\n", "<br>");

function table({ headers, rows }: Table): string[] {
  // Amount columns are right-aligned: the last three, or all but the first when the first has no heading.
  const right = headers.map((_, index) => (headers[0] === "" ? index > 0 : index >= headers.length - 3));
  return [
    `| ${headers.map(cell).join(" | ")} |`,
    `| ${right.map((alignRight) => (alignRight ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

/**
 * A settlement as a Markdown report in English or Italian: per tranche its status and reason, every step of the
 * computation, who pays whom, and the totals. Built from the same structured explanation as `explain`, so the
 * words always match the numbers.
 *
 * @example
 * writeFileSync("liquidazione.md", renderMarkdown(settlement, { locale: "it" }));
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON; settle again).
 * @throws OptionsError for options that are not an object (`invalid_options`), a locale other than "en" and "it"
 * (`unknown_locale`), a `contract` the settlement is not of (`settlement_mismatch`), a `simulation` that `simulate`
 * did not return (`not_a_simulation`) or in another currency than the settlement's (`currency_mismatch`).
 * @throws ContractError for a `contract` given as plain data that is not a valid contract.
 */
export function renderMarkdown(settlement: Settlement, options?: ReportOptions): string {
  const model = reportModel(settlement, options, "renderMarkdown");
  const { labels } = model.phrases;
  const words = model.reportLabels;
  const md = markdownText;
  const out = [`# ${md(model.title)}`, "", md(model.subtitle.join(" · ")), ""];
  for (const tranche of model.tranches) {
    out.push(
      `## ${md(tranche.heading)}`,
      "",
      `**${labels.status}:** ${md(tranche.status)}`,
      "",
      `${words.computation}:`,
      "",
    );
    for (const step of tranche.steps) {
      // A line indented by the phrasebook (a payer's cap, a recipient's part of a payer's part) is nested under
      // the payer's line before it.
      const [first, ...more] = step.split("\n");
      out.push(
        `${/^\s/.test(first!) ? "  " : ""}- ${md(first!.trim())}`,
        ...more.map((line) => `  - ${md(line.trim())}`),
      );
    }
    out.push("", `${words.lines}:`, "", ...table(tranche.lines), "", `**${md(tranche.summary)}**`);
    if (tranche.clawback !== undefined) out.push("", `> **${md(tranche.clawback)}**`);
    out.push("");
  }
  out.push(`## ${labels.totals}`, "", `**${md(model.totals.summary)}**`, "", `_${words.totalsNote}_`, "");
  if (model.totals.pending !== undefined) out.push(md(model.totals.pending), "");
  out.push(
    `### ${words.byPayer}`,
    "",
    ...table(model.totals.byPayer),
    "",
    `### ${words.byRecipient}`,
    "",
    ...table(model.totals.byRecipient),
    "",
  );
  if (model.totals.caps.length > 0)
    out.push(`### ${labels.capsThatBit}`, "", ...model.totals.caps.map((line) => `- ${md(line)}`), "");
  if (model.simulation !== undefined) {
    out.push(
      `## ${md(model.simulation.heading)}`,
      "",
      `_${words.simulationNote}_`,
      "",
      ...table(model.simulation.table),
      "",
    );
  }
  out.push("---", "", `_${words.generatedBy}_`, "");
  return out.join("\n");
}
