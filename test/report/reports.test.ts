import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  distributionSvg,
  distributionVegaLite,
  parseContract,
  parseEvents,
  paymentCurve,
  paymentCurveSvg,
  paymentCurveVegaLite,
  renderHtml,
  renderMarkdown,
  settle,
  simulate,
  type ReportLocale,
} from "../../src/index.js";
import { reportStyle } from "../../src/report/style.js";

/**
 * The Markdown and HTML reports of the FIS example, in Italian and English, compared with golden files
 * (test/report/golden; regenerate with UPDATE_GOLDEN=1 after a deliberate change and review the diff). The
 * suite runs under five time zones, so the goldens also prove that dates do not move with the clock's zone.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const contract = parseContract(JSON.parse(readFileSync(here("../../examples/fis-dispersione/contract.json"), "utf8")));
const events = parseEvents(JSON.parse(readFileSync(here("../../examples/fis-dispersione/events.json"), "utf8")), {
  contract,
});
const settlement = settle(contract, events, { asOf: "2028-03-31" });

function golden(name: string, actual: string): void {
  const path = here(`golden/${name}`);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe.each<ReportLocale>(["it", "en"])("reports in %s", (locale) => {
  it("Markdown matches the golden file", () =>
    golden(`fis-2028-03-31.${locale}.md`, renderMarkdown(settlement, { locale })));
  it("HTML matches the golden file", () =>
    golden(`fis-2028-03-31.${locale}.html`, renderHtml(settlement, { locale, contract })));

  it("HTML is self-contained: no scripts, no external resources, one chart per tranche", () => {
    const html = renderHtml(settlement, { locale, contract });
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain(`<html lang="${locale}">`);
  });
});

// Intl writes a no-break space (U+00A0) between the amount and the euro sign, as Italian typography wants.
describe("the Italian report", () => {
  const markdown = renderMarkdown(settlement, { locale: "it" });

  it("writes money and dates the Italian way, with the same figures as the settlement", () => {
    expect(markdown).toContain("Situazione nota al 31 marzo 2028");
    expect(markdown).toContain("**Maturato 186.000,00\u00a0€ · Pagato 204.000,00\u00a0€ · Saldo -18.000,00\u00a0€**");
    expect(markdown).toContain("> **DA RESTITUIRE: 18.000,00\u00a0€**");
    expect(markdown).toContain("| -2.520,00\u00a0€ |");
  });

  it("explains the status in Italian, from the settlement's figures", () => {
    expect(markdown).toContain(
      "**Stato:** pagata — pagati 204.000,00\u00a0€ a fronte di 186.000,00\u00a0€ ora maturati: 18.000,00\u00a0€ vanno restituiti",
    );
    expect(markdown).toContain(
      "**Stato:** non ancora dovuta — scadenza il 30 novembre 2028; dropout-rate (periodo as-2027-28): nessun risultato comunicato",
    );
    const early = renderMarkdown(settle(contract, events, { asOf: "2027-10-10" }), { locale: "it" });
    expect(early).toContain("**Stato:** contestata — il risultato di dropout-rate (periodo as-2026-27) è contestato");
  });

  it("formats money exactly, however large, without passing it through a binary float", () => {
    const style = reportStyle("it", "EUR");
    expect(style.money("12345678901234567.89")).toBe("12.345.678.901.234.567,89\u00a0€");
    expect(style.money("3333.3333333333")).toBe("≈3.333,333333\u00a0€");
    expect(reportStyle("en", "EUR").money("1234.5")).toBe("€1,234.50");
    expect(reportStyle("it", "JPY").money("1234")).toContain("1.234");
  });
});

describe("payment curves", () => {
  const t1 = settlement.tranches.find((tranche) => tranche.id === "t1")!;
  const curve = paymentCurve(contract, "t1", t1)!;

  it("mark the verified result at the amount the rule priced it", () => {
    // 17.9% against a 20.0% baseline: a 10.5% reduction → 186,000.00
    expect(curve.measured).toMatchObject({ x: 17.9, value: "17.9", priced: "186000" });
    expect(curve.cap).toEqual({ amount: 240000, value: "240000.00" });
    expect(curve.baseline).toBe(20);
  });

  it("follow the rule: nothing above 19% (less than a 5% reduction), 240,000 from 17% down, a straight line between", () => {
    const at = (x: number) => curve.points.find((point) => Math.abs(point.x - x) < 1e-9)?.amount;
    expect(at(19)).toBe(120000); // exactly at 5%: the first point
    expect(curve.points.filter((point) => point.x > 19.001).every((point) => point.amount === 0)).toBe(true);
    expect(curve.points.filter((point) => point.x <= 17).every((point) => point.amount === 240000)).toBe(true);
    // lower is better: the curve never rises as the dropout rate rises
    for (let index = 1; index < curve.points.length; index += 1)
      expect(curve.points[index]!.amount).toBeLessThanOrEqual(curve.points[index - 1]!.amount);
  });

  it("draw as SVG with escaped text and the words of the report's language", () => {
    const svg = paymentCurveSvg(curve, reportStyle("it", "EUR"), {
      title: 't1 <prima> & "unica"',
      baseline: "valore di riferimento",
      cap: "massimale",
    });
    expect(svg).toContain("<title>t1 &lt;prima&gt; &amp; &quot;unica&quot;</title>");
    expect(svg).toContain("massimale 240.000,00\u00a0€");
    expect(svg).toContain("17,9 → 186.000,00\u00a0€");
    expect(svg).not.toContain("NaN");
  });

  it("export as a Vega-Lite spec with the curve, the baseline, the cap and the measured point", () => {
    const spec = paymentCurveVegaLite(curve, "EUR") as { layer: { mark: { type: string } }[] };
    expect(spec.layer.map((layer) => layer.mark.type)).toEqual(["line", "rule", "rule", "point"]);
  });

  it("are not drawn for a rule over several metrics", () => {
    const json = JSON.parse(readFileSync(here("../../examples/fis-dispersione/contract.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const weighted = parseContract({
      ...json,
      metrics: [...contract.metrics, { ...contract.metrics[0]!, id: "attendance", better: "higher" }],
      tranches: [
        {
          ...contract.tranches[0]!,
          pricing: {
            type: "weighted",
            parts: [
              { weight: "50%", rule: contract.tranches[0]!.pricing },
              {
                weight: "50%",
                rule: { type: "rate", metric: "attendance", basis: "improvement", pricePerUnit: "1000.00" },
              },
            ],
          },
        },
      ],
    });
    expect(paymentCurve(weighted, "t1")).toBeUndefined();
  });
});

describe("a simulation in the report", () => {
  const investors = parseContract(JSON.parse(readFileSync(here("../../examples/fis-investors/contract.json"), "utf8")));
  const simulation = simulate(investors, {
    runs: 2_000,
    seed: 5,
    percentiles: [5, 50, 95],
    results: [
      { metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 }, decimals: 1 },
    ],
  });
  const settled = settle(investors, [], { asOf: "2027-12-31" });

  it("adds a table of percentiles and one distribution chart per amount, in the report's language", () => {
    const html = renderHtml(settled, { locale: "it", contract: investors, simulation });
    expect(html).toContain("<h2>Simulazione: 2.000 estrazioni, seme 5</h2>");
    // three payment curves, then the total and each of the two payers' costs
    expect(html.match(/<svg /g)).toHaveLength(6);
    const markdown = renderMarkdown(settled, { locale: "en", simulation });
    expect(markdown).toContain("## Simulation: 2,000 runs, seed 5");
    expect(markdown).toContain(
      `| Total outcome payments | ${reportStyle("en", "EUR").money(simulation.totalPayments.mean.amount)} |`,
    );
  });

  it("draws the cumulative share of runs, from 0% at the minimum to 100% at the maximum, with the mean", () => {
    const svg = distributionSvg(simulation.totalPayments, reportStyle("en", "EUR"), {
      title: "Total",
      amount: "total (EUR)",
      mean: "mean",
    });
    expect(svg).toContain(`mean ${reportStyle("en", "EUR").money(simulation.totalPayments.mean.amount)}`);
    expect(svg).toContain(">100%<");
    expect(svg).not.toContain("NaN");
    const spec = distributionVegaLite(simulation.totalPayments, "total (EUR)") as {
      layer: { data: { values: { amount: number; share: number }[] } }[];
    };
    // from the runs when the simulation keeps them (see one-style.test.ts), else through the summary's percentiles
    const points = spec.layer[0]!.data.values;
    expect(points[0]).toEqual({ amount: Number(simulation.totalPayments.min.amount), share: 0 });
    expect(points.at(-1)).toEqual({ amount: Number(simulation.totalPayments.max.amount), share: 1 });
    points.forEach((point, index) => {
      if (index > 0) expect(point.share).toBeGreaterThanOrEqual(points[index - 1]!.share);
    });
  });
});
