import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  OptionsError,
  blend,
  distributionSvg,
  distributionVegaLite,
  explain,
  explainCashFlows,
  explainClaimDecision,
  explainClaims,
  explainLines,
  explainMeasurement,
  irrText,
  measure,
  priceLines,
  parseContract,
  parseEvents,
  paymentCurve,
  paymentCurveSvg,
  renderHtml,
  renderMarkdown,
  reportStyle,
  runScenarios,
  scenariosTable,
  settle,
  settleClaims,
  simulate,
  simulationTable,
  xirr,
  type Contract,
  type MeasureRequest,
} from "../../src/index.js";
import { rememberRunDistribution, runDistributionOf } from "../../src/finance/run-distribution.js";
import { claimsIt } from "../../src/report/phrases/claim-words.js";
import { financeEn, financeIt } from "../../src/report/phrases/finance-words.js";
import { basisWords, type WaterfallBasis } from "../../src/finance/basis-words.js";
import type { WaterfallStepRecord } from "../../src/finance/finance-steps.js";
import { codesAndPaths } from "../support/refusal.js";
import { generateClaims } from "../../examples/rate-card/generate-claims.js";

/**
 * One style per report, one language per text: money and dates written one way in a report (the reason of a
 * status included), parties named as the contract names them, the payer's cap nested under the payer, printed on
 * A4 with headings kept with what follows them, distribution charts drawn from the runs, Markdown that shows a
 * party's name and never runs it, and every text in English or Italian.
 */

const example = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));
const fisJson = example("fis-dispersione/contract.json") as Contract;
const fis = parseContract(fisJson);
const fisEvents = parseEvents(example("fis-dispersione/events.json"), { contract: fis });
const settlement = settle(fis, fisEvents, { asOf: "2028-03-31" });

describe("one style per report", () => {
  it("the English report writes every amount as €1,234.56 and every date in words, the reasons too", () => {
    const markdown = renderMarkdown(settlement, { locale: "en", contract: fis });
    expect(markdown).not.toMatch(/EUR [0-9]/);
    expect(markdown).not.toMatch(/\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b/);
    expect(markdown).toContain("**Status:** paid — €204,000.00 paid against €186,000.00 now earned");
    expect(markdown).toContain("**Status:** not yet due — due on 30 November 2028;");
  });

  it("the Italian report writes every amount as 1.234,56 € and every date in words", () => {
    const markdown = renderMarkdown(settlement, { locale: "it", contract: fis });
    expect(markdown).not.toMatch(/EUR [0-9]|€ ?[0-9]/);
    expect(markdown).not.toMatch(/\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b/);
  });

  it("the plain text keeps ISO dates and the code before the amount, with the language's marks", () => {
    const english = explain(settlement);
    const italian = explain(settlement, { locale: "it" });
    expect(english).toContain("Status: PAID — EUR 204,000.00 paid against EUR 186,000.00 now earned");
    expect(english).not.toMatch(/€|[0-9] (January|March|November)/);
    expect(italian).toContain(
      "Stato: PAGATA — pagati EUR 204.000,00 a fronte di EUR 186.000,00 ora maturati: EUR 18.000,00 vanno restituiti",
    );
    expect(italian).toContain("Maturato EUR 186.000,00; pagato EUR 204.000,00; saldo EUR -18.000,00");
    expect(italian).not.toMatch(/€|novembre/);
  });

  it("a status's reason says what the engine's says, in the report's style", () => {
    for (const asOf of ["2027-10-10", "2027-12-31", "2028-03-31", "2029-12-31"]) {
      const settled = settle(fis, fisEvents, { asOf });
      const text = explain(settled);
      for (const tranche of settled.tranches) expect(text).toContain(` — ${tranche.reason}\n`);
    }
  });
});

describe("parties by name, the payer's cap under the payer", () => {
  const markdown = renderMarkdown(settlement, { locale: "it" });

  it("names the verifier, payers and recipients as the contract does", () => {
    expect(markdown).toContain("verificato da Valutatore indipendente (Università degli Studi), registrato");
    expect(markdown).not.toMatch(/da evaluator|quota di (fis|comune)|→ (investor|coop)/);
  });

  it("nests the payer's cap and its recipients under the payer's line, in every format", () => {
    const lines = markdown.split("\n");
    const payer = lines.findIndex((line) => line.startsWith("- Ripartizione: Comune di Palermo"));
    expect(lines.slice(payer, payer + 4)).toEqual([
      "- Ripartizione: Comune di Palermo, quota 30% = 55.800,00\u00a0€",
      "  - Massimale: massimale del pagatore Comune di Palermo di 180.000,00\u00a0€: non incide",
      "  - di cui a Fondazione di comunità (investitore sociale): quota 80% = 44.640,00\u00a0€",
      "  - di cui a Cooperativa sociale Scuola Aperta (ETS): quota 20% = 11.160,00\u00a0€",
    ]);
    expect(renderHtml(settlement, { locale: "en" })).toContain(
      '<li class="part">Cap: payer cap Comune di Palermo of €180,000.00: does not bite</li>',
    );
    expect(explain(settlement)).toContain(
      "  Split: Comune di Palermo pays 30% = EUR 55,800.00\n      Cap: payer cap Comune di Palermo of EUR 180,000.00: does not bite\n      of which to",
    );
  });
});

describe("printing", () => {
  const html = renderHtml(settlement, { locale: "it", contract: fis });

  it("sets A4 pages and keeps headings on the page of what follows them", () => {
    expect(html).toContain("@page { size: A4;");
    expect(html).toMatch(/h1, h2, h3 \{ break-after: avoid;/);
    expect(html).toMatch(/\.keep, figure, table[^{]*\{ break-inside: avoid;/);
    // every heading of a table opens a block kept whole, with its table
    const tables = html.match(/<h3>[^<]*<\/h3>\n<table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(3);
    expect(html.match(/<div class="keep">\n<h3>[^<]*<\/h3>\n<table>/g)).toHaveLength(tables.length);
    // a tranche's heading is kept with its status and its chart
    expect(html).toMatch(/<div class="keep">\n<h2>Tranche t1[^<]*<\/h2>\n<p class="status[\s\S]*?<\/figure>\n<\/div>/);
  });
});

describe("Markdown shows the names it is given, and runs none of them", () => {
  it("escapes HTML and breaks links made of names", () => {
    const hostile = parseContract({
      ...fisJson,
      title: "[click](javascript:alert(1))",
      parties: fisJson.parties.map((party) =>
        party.id === "comune" ? { ...party, name: '<img src=x onerror="alert(1)"> & co' } : party,
      ),
    });
    const markdown = renderMarkdown(
      settle(hostile, parseEvents(example("fis-dispersione/events.json"), { contract: hostile }), {
        asOf: "2028-03-31",
      }),
      { locale: "en" },
    );
    expect(markdown).not.toContain("<img");
    expect(markdown).toContain('&lt;img src=x onerror="alert(1)"&gt; &amp; co (comune)');
    expect(markdown).toContain("# Settlement of fis-dispersione-2026 — [click]\\(javascript:alert(1))");
    expect(markdown).not.toContain("](");
  });
});

describe("words of the charts in the style's language", () => {
  const curve = paymentCurve(fis, "t1", settlement.tranches[0])!;

  it("a payment curve drawn in an Italian style says massimale and valore di riferimento", () => {
    const svg = paymentCurveSvg(curve, reportStyle("it", "EUR"));
    expect(svg).toContain(">massimale 240.000,00\u00a0€<");
    expect(svg).toContain(">valore di riferimento 20<");
    expect(svg).not.toMatch(/>(cap|baseline) /);
    expect(paymentCurveSvg(curve, reportStyle("en", "EUR"))).toContain(">cap €240,000.00<");
  });

  it("a distribution's Vega-Lite axis is named in the language asked", () => {
    const simulation = simulate(parseContract(example("fis-investors/contract.json")), {
      runs: 50,
      seed: 1,
      results: [{ metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 } }],
    });
    expect(JSON.stringify(distributionVegaLite(simulation.totalPayments, "t", { locale: "it" }))).toContain(
      '"title":"quota di estrazioni"',
    );
  });
});

describe("distribution charts from the runs' own amounts", () => {
  const simulation = simulate(parseContract(example("fis-investors/contract.json")), {
    runs: 20,
    seed: 3,
    results: [{ metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 } }],
  });
  // the runs of a summary, as the simulation remembers them: half paid nothing, 30% paid 120,000, 20% 240,000
  const units = Float64Array.from([
    ...Array(500).fill(0),
    ...Array(300).fill(12_000_000),
    ...Array(200).fill(24_000_000),
  ]);
  const summary = simulation.byPayer[0]!.cost;
  rememberRunDistribution(summary, units, 2);

  it("draw the share of runs at or below each amount, from the smallest run to the largest", () => {
    const spec = distributionVegaLite(summary, "t") as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0]!.data.values).toEqual([
      { amount: 0, share: 0 },
      { amount: 0, share: 0.5 },
      { amount: 120_000, share: 0.8 },
      { amount: 240_000, share: 1 },
    ]);
    const svg = distributionSvg(summary, reportStyle("en", "EUR"), { title: "t", amount: "EUR", mean: "mean" });
    expect(svg).toContain(">100%<");
  });

  it("keep at most 1,001 points, each the share of runs at or below it, the smallest and largest among them", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 3000 }), (values) => {
        const sorted = Float64Array.from(values).sort();
        const key = {};
        rememberRunDistribution(key, sorted, 2);
        const { amounts, shares } = runDistributionOf(key)!;
        expect(amounts.length).toBeLessThanOrEqual(1001);
        expect(amounts[0]).toBe(sorted[0]! / 100);
        expect(amounts.at(-1)).toBe(sorted.at(-1)! / 100);
        expect(shares.at(-1)).toBe(1);
        amounts.forEach((amount, index) => {
          if (index > 0) expect(amount).toBeGreaterThan(amounts[index - 1]!);
          const atOrBelow = sorted.filter((value) => value / 100 <= amount).length;
          expect(shares[index]).toBe(atOrBelow / sorted.length);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe("measurements", () => {
  const pilot = example("fis-three-stages/2-experiment-results.json") as MeasureRequest;
  const requests: MeasureRequest[] = [
    pilot,
    {
      estimator: "fixed-baseline",
      better: "lower",
      scale: 100,
      baseline: 10,
      treatment: { outcome: "binary", n: 30, successes: 0 },
    },
    {
      estimator: "fixed-baseline",
      better: "lower",
      scale: 100,
      baseline: 20,
      treatment: { outcome: "binary", n: 400, successes: 60 },
    },
    {
      estimator: "comparison",
      better: "lower",
      continuityCorrection: true,
      treatment: { outcome: "binary", n: 40, successes: 8 },
      comparison: { outcome: "binary", n: 40, successes: 17 },
    },
    {
      estimator: "comparison",
      better: "higher",
      treatment: { outcome: "continuous", n: 30, sum: 1500, sumOfSquares: 78_000 },
      comparison: { outcome: "continuous", n: 40, sum: 1800, sumOfSquares: 84_000 },
    },
    {
      estimator: "fixed-baseline",
      better: "higher",
      baseline: 45,
      treatment: { outcome: "continuous", n: 30, sum: 1500, sumOfSquares: 78_000 },
    },
    {
      estimator: "comparison",
      better: "lower",
      treatment: { outcome: "count", events: 440, exposure: 1000 },
      comparison: { outcome: "count", events: 2453, exposure: 5000 },
    },
  ];
  const measured = requests.map((request) => measure(request));

  it("the English method text is the measurement's own, figure for figure", () => {
    const methods = new Set<string>();
    for (const measurement of [
      ...measured,
      blend([
        { weight: "50%", measurement: measured[0]! },
        { weight: "50%", measurement: measured[0]! },
      ]),
    ]) {
      methods.add(measurement.method);
      expect(explainMeasurement(measurement)).toContain(`  method: ${measurement.method} — ${measurement.methodText}`);
    }
    expect(methods.size).toBeGreaterThanOrEqual(7);
  });

  it("a p-value below 0.0001 is p < 0.0001, never p = < 0.0001, in both languages", () => {
    const strong = measure({
      estimator: "comparison",
      better: "lower",
      treatment: { outcome: "binary", n: 10_000, successes: 1_000 },
      comparison: { outcome: "binary", n: 10_000, successes: 2_000 },
    });
    const english = explainMeasurement(strong);
    const italian = explainMeasurement(strong, { locale: "it" });
    expect(english).toContain("p < 0.0001 one-sided (toward lower), p < 0.0001 two-sided");
    expect(italian).toContain("p < 0,0001 a una coda (verso il più basso), p < 0,0001 a due code");
    expect(`${english}\n${italian}`).not.toContain("p = <");
  });

  it("the groups the measure layer names are named in Italian", () => {
    const text = explainMeasurement(measured[3]!, { locale: "it" });
    expect(text).toMatch(/^Misurato come gruppo trattato contro gruppo di confronto/);
    expect(text).toContain("\n  gruppo trattato: 8 su 40 → 0,2 (errore standard ");
    expect(text).toContain("\n  gruppo di confronto: 17 su 40 → 0,425 (errore standard ");
  });
});

describe("finance texts in Italian", () => {
  const investors = parseContract(example("fis-investors/contract.json"));
  const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
  const [outcome] = runScenarios(
    investors,
    [{ name: "base", results: years.map((period) => ({ metric: "dropout-rate", period, value: "17.8" })) }],
    { discountRate: "4%" },
  );

  it("the cash flows, the waterfall's bases and the guarantee, with Italian marks", () => {
    const text = explainCashFlows(outcome!.cashFlows!, { locale: "it" });
    expect(text).toMatch(/^Lato degli investitori di fis-dispersione-2026-investors, al /);
    expect(text).toContain("(capitale versato finora, meno il capitale già rimborsato)");
    expect(text).toContain("il rendimento che porta il TIR al 4% (annuo, composto, giorni effettivi/365)");
    expect(text).toContain("al più 25.000,00 in totale sul contratto");
    expect(scenariosTable([outcome!], { locale: "it" })).toMatch(
      /^scenario \(EUR\) +fis paga +comune paga +costo totale/,
    );
  });

  it("each basis the waterfall records is worded from its figures, in the language's marks", () => {
    const step = (basisFigures: WaterfallBasis) =>
      ({ basis: basisWords(basisFigures, "en"), basisFigures }) as unknown as WaterfallStepRecord;
    const fee = step({ rule: "management-fee", rate: "2%", from: "2026-09-01" });
    expect(fee.basis).toBe(
      "2% a year of the commitments, accrued day by day (actual/365) from 2026-09-01, less fees already paid",
    );
    expect(financeIt.basis(fee)).toBe(
      "2% annuo degli impegni, maturato giorno per giorno (giorni effettivi/365) dal 2026-09-01, meno le commissioni già pagate",
    );
    expect(financeIt.basis(step({ rule: "management-fee", rate: "0.015" }))).toBe(
      "0,015 annuo degli impegni, maturato giorno per giorno (giorni effettivi/365) dal primo versamento, meno le commissioni già pagate",
    );
    expect(financeIt.basis(step({ rule: "performance-fee", share: "0.2" }))).toBe("0,2 di quanto resta in cassa");
    expect(financeIt.basis(step({ rule: "excess" }))).toBe(
      "quanto resta dopo ogni passo, ripartito tra le parti dell'eccedenza secondo le loro quote",
    );
    const hurdle = step({ rule: "return", irr: "0.045", cap: "1250000.50" });
    expect(hurdle.basis).toBe(
      "the return that brings the IRR to 0.045 (annual, compounded, actual/365), less what was paid; at most 1,250,000.50 in total over the contract",
    );
    expect(financeIt.basis(hurdle)).toBe(
      "il rendimento che porta il TIR al 0,045 (annuo, composto, giorni effettivi/365), meno quanto già pagato; al più 1.250.000,50 in totale sul contratto",
    );
    expect(financeEn.basis(step({ rule: "return" }))).toBe("");
  });

  it("an IRR in words", () => {
    const several = xirr([
      { t: 0, amount: -1000 },
      { t: 1, amount: 4020 },
      { t: 2, amount: -4040 },
    ]);
    expect(irrText(several, { locale: "it" })).toBe("più d'uno (100,00%, 102,00%)");
    expect(irrText(xirr([{ t: 0, amount: 100 }]), { locale: "it" })).toBe("nessuno (flussi di un solo segno)");
  });
});

describe("claims texts in Italian", () => {
  // the claims layer's messages, as test/claims/rejections.test.ts pins them, and what the Italian text says
  const messages: [string, string][] = [
    [
      "claimed on 2016-01-05, after the settlement date 2015-12-31: not yet known",
      "richiesta il 2016-01-05, dopo la data della liquidazione 2015-12-31: non ancora nota",
    ],
    [
      'unknown outcome "ENTYR": the rate card has ATT, ENTRY, SUST',
      'esito sconosciuto "ENTYR": il tariffario prevede ATT, ENTRY, SUST',
    ],
    ['participant "P9" is not in the participant register', 'il partecipante "P9" non è nel registro dei partecipanti'],
    [
      "the claim says enrolled on 2012-09-02, the register says 2012-09-01",
      "la richiesta indica l'iscrizione il 2012-09-02, il registro il 2012-09-01",
    ],
    [
      "achieved on 2013-01-10, after it was claimed on 2013-01-09",
      "conseguito il 2013-01-10, dopo la richiesta del 2013-01-09",
    ],
    [
      "achieved on 2012-03-31, outside the contract term 2012-04-01 to 2015-09-30",
      "conseguito il 2012-03-31, fuori dalla durata del contratto, dal 2012-04-01 al 2015-09-30",
    ],
    [
      'claim id "x" is used by claims with different content: none of them is paid until one is withdrawn',
      'l\'identificativo "x" è usato da richieste con contenuti diversi: nessuna è pagata finché una non viene ritirata',
    ],
    [
      "achieved on 2012-08-31, before the participant was enrolled on 2012-09-01",
      "conseguito il 2012-08-31, prima dell'iscrizione del partecipante il 2012-09-01",
    ],
    [
      "outcome ATT must be achieved within 12 months of enrolment, and the enrolment date is not known",
      "l'esito ATT va conseguito entro 12 mesi dall'iscrizione, e la data di iscrizione non è nota",
    ],
    [
      "outcome SUST can only be claimed after ENTRY, which the participant has not achieved on or before 2013-01-10",
      "l'esito SUST si può richiedere solo dopo ENTRY, che il partecipante non ha conseguito entro il 2013-01-10",
    ],
    [
      "achieved on 2014-01-10, after the window of 12 months from enrolment closed on 2013-09-01",
      "conseguito il 2014-01-10, dopo la chiusura il 2013-09-01 della finestra di 12 mesi dall'iscrizione",
    ],
    [
      "outcome ENTRY is paid at most 1 time per participant, already reached",
      "l'esito ENTRY si paga al più 1 volta per partecipante: limite già raggiunto",
    ],
    [
      "exclusive group nqf: an outcome at or above L1 was already priced at GBP 3,300.00 for this participant, so L1 adds nothing",
      "gruppo esclusivo nqf: un esito pari o superiore a L1 è già stato pagato GBP 3.300,00 per questo partecipante, quindi L1 non aggiunge nulla",
    ],
    [
      "cut by the cap per participant (3,500.00): 0.00 was left of it, so 1,400.00 became 0.00",
      "ridotta dal massimale per partecipante (3.500,00): ne restavano 0,00, quindi 1.400,00 è diventato 0,00",
    ],
    [
      "the volume cap of outcome ENTRY (0 claims) is reached: 0 claims already paid",
      "il massimale di volume dell'esito ENTRY (0 richieste) è raggiunto: 0 richieste già pagate",
    ],
    [
      "cut by the cap of claim period 2013-Q1 (3,500.00): 0.00 was left of it, so 1,400.00 became 0.00",
      "ridotta dal massimale del periodo di richiesta 2013-Q1 (3.500,00): ne restavano 0,00, quindi 1.400,00 è diventato 0,00",
    ],
    [
      "cut by the contract cap of youth-fund (1,400.00): 0.00 was left of it, so 3,500.00 became 0.00",
      "ridotta dal massimale del contratto youth-fund (1.400,00): ne restavano 0,00, quindi 3.500,00 è diventato 0,00",
    ],
  ];

  it.each(messages)("%s", (english, italian) => {
    expect(claimsIt.message({ message: english } as never)).toBe(italian);
  });

  it("a message of another form is said by its reason, never in English", () => {
    expect(claimsIt.message({ reason: "outside_window", message: "something new" } as never)).toBe(
      "fuori dalla finestra",
    );
  });
});

describe("every text takes its language, and refuses another", () => {
  const investors = parseContract(example("fis-investors/contract.json"));
  const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
  const outcomes = runScenarios(
    investors,
    [{ name: "base", results: years.map((period) => ({ metric: "dropout-rate", period, value: "17.8" })) }],
    { discountRate: "4%" },
  );
  const simulation = simulate(investors, {
    runs: 20,
    seed: 1,
    results: [{ metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 } }],
  });
  const health = example("health-pbf/contract.json") as Record<string, unknown> & { formulas: unknown[] };
  const lines = priceLines(
    parseContract({
      ...health,
      inputs: { quantity: "number", indicator: "text", region: "text", facilityType: "text" },
      formulas: [
        ...health.formulas,
        {
          id: "line-amount",
          expression: 'input.quantity * lookup("price", input.indicator, input.region, input.facilityType)',
        },
      ],
    }),
    [
      {
        invoice: "HC-001",
        inputs: { quantity: 120, indicator: "anc4", region: "north", facilityType: "health-centre" },
      },
    ],
    { formula: "line-amount", period: "2027-Q1", asOf: "2027-04-30", explain: true },
  );
  const card = parseContract(example("rate-card/contract.json"));
  const claims = settleClaims(card, generateClaims(7, 20, 4), { asOf: "2015-09-30" });
  const texts: [string, (options?: unknown) => string][] = [
    ["explain", (options) => explain(settlement, options as never)],
    ["explainCashFlows", (options) => explainCashFlows(outcomes[0]!.cashFlows!, options as never)],
    ["explainLines", (options) => explainLines(lines, options as never)],
    [
      "explainMeasurement",
      (options) =>
        explainMeasurement(
          measure(example("fis-three-stages/2-experiment-results.json") as MeasureRequest),
          options as never,
        ),
    ],
    ["explainClaims", (options) => explainClaims(claims, options as never)],
    ["explainClaimDecision", (options) => explainClaimDecision(claims.decisions!.at(0)!, "GBP", options as never)],
    ["scenariosTable", (options) => scenariosTable(outcomes, options as never)],
    ["simulationTable", (options) => simulationTable(simulation, options as never)],
    ["irrText", (options) => irrText(outcomes[0]!.investors[0]!.irr, options as never)],
  ];

  it.each(texts)(
    "%s: English by default, Italian when asked; an unknown locale or options that are no object refused",
    (_, render) => {
      expect(render()).toBe(render({ locale: "en" }));
      expect(render({ locale: "it" })).not.toBe(render());
      expect(codesAndPaths(OptionsError, () => render({ locale: "fr" }))).toEqual([["unknown_locale", "$.locale"]]);
      expect(codesAndPaths(OptionsError, () => render("it"))).toEqual([["invalid_options", "$"]]);
    },
  );

  it("explainLines in Italian", () => {
    expect(explainLines(lines, { locale: "it" })).toBe(
      [
        "Riga 1 (fattura HC-001): EUR 900,00",
        '  Regola (formula): input.quantity * lookup("price", input.indicator, input.region, input.facilityType) = EUR 900,00',
        '      dove input.quantity = 120, input.indicator = "anc4", input.region = "north", input.facilityType = "health-centre"',
        '      tabella price ["anc4","north","health-centre"]: la riga 3 dà 7,5',
        "Fatture",
        "  HC-001: 1 riga, EUR 900,00",
        "Totale EUR 900,00",
      ].join("\n"),
    );
  });
});
