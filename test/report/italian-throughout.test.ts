import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CONTRACT_STAGES,
  FIS_AREAS,
  ROUNDING_MODES,
  cashFlows,
  checkProfile,
  dealOutlook,
  distributionSvg,
  distributionVegaLite,
  explain,
  explainCashFlows,
  explainClaimDecision,
  explainClaims,
  explainMeasurement,
  irrText,
  measure,
  measureCohorts,
  measurementEvent,
  parseContract,
  parseEvents,
  paymentCurve,
  paymentCurveSvg,
  profileText,
  renderHtml,
  renderMarkdown,
  reportStyle,
  runScenarios,
  scenariosTable,
  settle,
  settleClaims,
  simulate,
  simulationTable,
  type ClaimRejectionReason,
  type MeasureRequest,
  type MeasurementRecord,
  type ReportLocale,
  type ResultEvent,
  type Scenario,
} from "../../src/index.js";
import { generateRecords } from "../../examples/comparison-group/generate-records.js";
import { generateClaims } from "../../examples/rate-card/generate-claims.js";

/**
 * Every example, rendered in Italian, says nothing in English: the settlement (plain text, Markdown, HTML with its
 * charts), the measurement, the claims, the investors' side (cash flows, scenarios, IRRs), the simulation (table,
 * charts) and the FIS profile. The English words looked for are the library's own: every word its English texts
 * write for the same examples (so a word the English phrasebook uses, or any English a renderer writes beside it,
 * is looked for), less the words of the examples' data (names, titles, labels, evidence: removed from both texts
 * before they are read) and the few words both languages write (`tranche`, `test`, `standard`, proper names of
 * tests…).
 */

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));

/** The codes of the formats, which texts in both languages quote as they are (`half-even`, `welch-t`…). */
const METHODS: Record<MeasurementRecord["method"], true> = {
  "wald-z": true,
  "one-proportion-z": true,
  "binomial-exact": true,
  "two-proportion-z": true,
  "poisson-rate-z": true,
  "one-sample-t": true,
  "welch-t": true,
  "combined-z": true,
  "poisson-exact": true,
};
const REASONS: Record<ClaimRejectionReason, true> = {
  unknown_outcome: true,
  holding_period_not_met: true,
  unknown_participant: true,
  conflicting_duplicate: true,
  claimed_after_as_of: true,
  achieved_after_claimed: true,
  outside_term: true,
  enrolment_mismatch: true,
  achieved_before_enrolment: true,
  enrolment_unknown: true,
  prerequisite_missing: true,
  outside_window: true,
  claim_limit_reached: true,
  superseded_in_group: true,
  participant_cap_reached: true,
  outcome_volume_reached: true,
  period_cap_reached: true,
  contract_cap_reached: true,
};
const ROLES = ["outcome-payer", "beneficiary", "provider", "investor", "verifier"];
const CODES = new Set(
  [...ROUNDING_MODES, ...Object.keys(METHODS), ...Object.keys(REASONS), ...ROLES, ...FIS_AREAS, ...CONTRACT_STAGES].map(
    (code) => code.toLowerCase(),
  ),
);

/** Words both languages write: Italian words that are English words too, and names. */
const SHARED = new Set([
  "tranche",
  "volume",
  "test",
  "standard",
  "formula",
  "percentile",
  "scenario",
  "per",
  "poisson",
  "welch",
  "satterthwaite",
  "student",
  "yates",
  "clopper",
  "pearson",
  "wald",
  "binom",
  "pay-by-results",
  "fis",
  "due",
]);

/** Keys of the examples' data whose values are codes of the format, not free text (they are not removed). */
const CODE_KEYS = new Set([
  "type",
  "status",
  "kind",
  "basis",
  "better",
  "mode",
  "at",
  "comparison",
  "estimator",
  "outcome",
  "test",
  "priceOn",
  "baseline",
  "roles",
  "side",
  "claimPeriod",
]);

/** Every text of the examples' data (contract, events, scenario names, claims): names the texts quote. */
function dataTexts(value: unknown, key = "", into = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    if (!CODE_KEYS.has(key) && /[A-Za-z]/.test(value)) into.add(value);
    // a formula's names (`visitPrice`, `metric["anc4-visits"]`) are quoted one by one
    if (key === "expression") for (const name of value.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) into.add(name);
  } else if (Array.isArray(value)) {
    for (const entry of value) dataTexts(entry, key, into);
  } else if (value !== null && typeof value === "object") {
    for (const [field, entry] of Object.entries(value)) dataTexts(entry, field, into);
  }
  return into;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/**
 * A text as words: HTML's style sheet, tags and entities undone, then the data's texts taken out where they stand
 * alone.
 */
function words(text: string, data: readonly string[]): string[] {
  let plain = text
    .replace(/<style>[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (found) => ENTITIES[found]!);
  for (const datum of data) {
    const escaped = datum.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    plain = plain.replace(new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, "gu"), " ");
  }
  return (plain.match(/[A-Za-zÀ-ÿ]+(?:[-_][A-Za-z0-9À-ÿ]+)*/g) ?? [])
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 3 && !CODES.has(word) && !SHARED.has(word));
}

interface Example {
  readonly name: string;
  /** The data the texts quote. */
  readonly data: readonly unknown[];
  /** Every text the example's results give, in a language, by name. */
  render(locale: ReportLocale): Record<string, string>;
}

// the FIS example: a clawback as of 2028-03-31, pending tranches and a dispute earlier
const fisJson = read("fis-dispersione/contract.json");
const fisEventsJson = read("fis-dispersione/events.json");
const fis = parseContract(fisJson);
const fisEvents = parseEvents(fisEventsJson, { contract: fis });

// the health centre's formulas and amendment
const healthJson = read("health-pbf/contract.json");
const healthEventsJson = read("health-pbf/events.json");
const health = parseContract(healthJson);
const healthEvents = parseEvents(healthEventsJson, { contract: health });

// the comparison group: measured cohorts, a significance gate, the pooled fallback
const groupJson = read("comparison-group/contract.json");
const group = parseContract(groupJson);
const { cohorts, pooled } = measureCohorts(generateRecords(2010), {
  estimator: "comparison",
  outcome: "count",
  better: "lower",
  scale: 100,
});
const verifiedOn: Record<string, string> = { c1: "2028-08-15", c2: "2029-08-15", c3: "2030-08-14", all: "2030-08-14" };
const groupEventsJson = JSON.parse(
  JSON.stringify([
    ...cohorts.map(({ cohort, measurement }) =>
      measurementEvent(measurement, {
        id: `result-${cohort}`,
        metric: "reconvictions",
        cohort,
        status: "verified",
        verifier: "assessor",
        recordedAt: verifiedOn[cohort]!,
        evidence: `assessor's report on cohort ${cohort}`,
      }),
    ),
    measurementEvent(pooled, {
      id: "result-all",
      metric: "reconvictions",
      cohort: "all",
      status: "verified",
      verifier: "assessor",
      recordedAt: verifiedOn.all!,
      evidence: "assessor's final report",
    }),
  ] satisfies ResultEvent[]),
) as unknown;
const groupEvents = parseEvents(groupEventsJson, { contract: group });

// the investors: three scenarios and a simulation
const investorsJson = read("fis-investors/contract.json");
const investors = parseContract(investorsJson);
const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
const scenario = (name: string, values: readonly string[]): Scenario => ({
  name,
  results: years.map((period, index) => ({ metric: "dropout-rate", period, value: values[index]! })),
});
const scenarios = [
  scenario("downside", ["19.4", "19.0", "18.8"]),
  scenario("base", ["18.2", "17.8", "17.6"]),
  scenario("upside", ["17.4", "16.8", "16.2"]),
];
const outcomes = runScenarios(investors, scenarios, { discountRate: "4%" });
const simulation = simulate(investors, {
  runs: 2_000,
  seed: 2026,
  results: [
    { metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 }, decimals: 1 },
  ],
});

// the rate card: a generated claims file
const cardJson = read("rate-card/contract.json");
const card = parseContract(cardJson);
const claims = generateClaims(2026, 500, 6);
const claimSettlement = settleClaims(card, claims, { asOf: "2015-09-30" });

// the three FIS stages
const designJson = read("fis-three-stages/1-design.json");
const experimentJson = read("fis-three-stages/2-experiment.json");
const dealJson = read("fis-three-stages/3-deal.json");
const pilotRequest = read("fis-three-stages/2-experiment-results.json") as MeasureRequest;
const pilot = measure(pilotRequest);
const outlook = dealOutlook(designJson as never, pilot, {
  metric: "dropout-rate",
  amounts: { atThreshold: "120000.00", atTarget: "240000.00" },
  runs: 2_000,
  seed: 2026,
  decimals: 1,
});

/** The settlement's texts: plain, Markdown and HTML (with the charts), and each payment curve drawn on its own. */
function settlementTexts(
  contract: typeof fis,
  events: typeof fisEvents,
  asOf: string,
  locale: ReportLocale,
): Record<string, string> {
  const settlement = settle(contract, events, { asOf });
  const style = reportStyle(locale, contract.currency);
  const curves = settlement.tranches.flatMap((tranche) => {
    const curve = paymentCurve(contract, tranche.id, tranche);
    return curve === undefined ? [] : [paymentCurveSvg(curve, style)];
  });
  return {
    [`explain ${asOf}`]: explain(settlement, { locale }),
    [`renderMarkdown ${asOf}`]: renderMarkdown(settlement, { locale, contract }),
    [`renderHtml ${asOf}`]: renderHtml(settlement, { locale, contract }),
    [`paymentCurveSvg ${asOf}`]: curves.join("\n"),
  };
}

const EXAMPLES: readonly Example[] = [
  {
    name: "fis-dispersione",
    data: [fisJson, fisEventsJson],
    render: (locale) => ({
      ...settlementTexts(fis, fisEvents, "2028-03-31", locale),
      ...settlementTexts(fis, fisEvents, "2027-10-10", locale),
      ...settlementTexts(fis, fisEvents, "2029-12-31", locale),
    }),
  },
  {
    name: "health-pbf",
    data: [healthJson, healthEventsJson],
    render: (locale) => settlementTexts(health, healthEvents, "2027-12-31", locale),
  },
  {
    name: "comparison-group",
    data: [groupJson, groupEventsJson],
    render: (locale) => ({
      ...settlementTexts(group, groupEvents, "2030-12-31", locale),
      ...settlementTexts(group, groupEvents, "2029-12-31", locale),
      explainMeasurement: [...cohorts.map((entry) => entry.measurement), pooled]
        .map((measurement) => explainMeasurement(measurement, { locale }))
        .join("\n"),
    }),
  },
  {
    name: "fis-investors",
    data: [investorsJson, scenarios],
    render: (locale) => {
      const style = reportStyle(locale, "EUR");
      const settled = settle(investors, [], { asOf: "2027-12-31" });
      return {
        scenariosTable: scenariosTable(outcomes, { locale }),
        explainCashFlows: outcomes.map((outcome) => explainCashFlows(outcome.cashFlows!, { locale })).join("\n"),
        irrText: outcomes
          .flatMap((outcome) => outcome.investors.map((entry) => irrText(entry.irr, { locale })))
          .join("\n"),
        simulationTable: simulationTable(simulation, { locale }),
        renderHtml: renderHtml(settled, { locale, contract: investors, simulation }),
        renderMarkdown: renderMarkdown(settled, { locale, contract: investors, simulation }),
        distributionSvg: distributionSvg(simulation.totalPayments, style, { title: "", amount: "", mean: "" }),
        // the spec's words: its titles
        distributionVegaLite: JSON.stringify(distributionVegaLite(simulation.totalPayments, "", { locale }))
          .match(/"title":"[^"]*"/g)!
          .map((title) => title.slice(9, -1))
          .join("\n"),
      };
    },
  },
  {
    name: "rate-card",
    data: [cardJson, claims],
    render: (locale) => {
      // one decision of each kind: each status, each rejection reason, each cap that cut
      const shown = new Map<string, string>();
      for (const decision of claimSettlement.decisions ?? []) {
        const kind = `${decision.status} ${decision.reason ?? ""} ${(decision.cuts ?? []).map((cut) => cut.cap).join()}`;
        if (!shown.has(kind)) shown.set(kind, explainClaimDecision(decision, claimSettlement.currency, { locale }));
      }
      return {
        explainClaims: explainClaims(claimSettlement, { locale }),
        explainClaimDecision: [...shown.values()].join("\n"),
      };
    },
  },
  {
    name: "fis-three-stages",
    data: [designJson, experimentJson, dealJson, pilotRequest],
    render: (locale) => ({
      profileText: [designJson, experimentJson, dealJson]
        .map((json) => profileText(checkProfile(parseContract(json), "fis", { locale })))
        .join("\n"),
      explainMeasurement: explainMeasurement(pilot, { locale }),
      simulationTable: simulationTable(outlook.simulation, { locale }),
    }),
  },
];

/**
 * The published deals restated under examples/real/ (each a folder with contract.json and events.json or
 * claims.json): settled as of a date after every event, with their investors' side when they have one.
 */
const REAL = new URL("../../examples/real/", import.meta.url);
const REAL_EXAMPLES: readonly Example[] = existsSync(REAL)
  ? readdirSync(REAL, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry): Example => {
        const json = read(`real/${entry.name}/contract.json`);
        const contract = parseContract(json);
        const has = (file: string) => existsSync(new URL(`${entry.name}/${file}`, REAL));
        if (has("claims.json")) {
          const claimsJson = read(`real/${entry.name}/claims.json`);
          const settled = settleClaims(contract, claimsJson as never, { asOf: "2100-01-01" });
          return {
            name: `real/${entry.name}`,
            data: [json, claimsJson],
            render: (locale) => ({
              explainClaims: explainClaims(settled, { locale }),
              explainClaimDecision: (settled.decisions?.toArray() ?? [])
                .map((decision) => explainClaimDecision(decision, settled.currency, { locale }))
                .join("\n"),
            }),
          };
        }
        const eventsJson = has("events.json") ? read(`real/${entry.name}/events.json`) : [];
        const events = parseEvents(eventsJson, { contract });
        return {
          name: `real/${entry.name}`,
          data: [json, eventsJson],
          render: (locale) => {
            const texts = settlementTexts(contract, events, "2100-01-01", locale);
            if (contract.finance === undefined) return texts;
            const flows = cashFlows(contract, settle(contract, events, { asOf: "2100-01-01" }));
            return { ...texts, explainCashFlows: explainCashFlows(flows, { locale }) };
          },
        };
      })
  : [];

it("every example under examples/ is rendered", () => {
  const folders = readdirSync(new URL("../../examples/", import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "real")
    .map((entry) => entry.name);
  expect(folders.sort()).toEqual(EXAMPLES.map((example) => example.name).sort());
});

describe.each([...EXAMPLES, ...REAL_EXAMPLES])("the $name example in Italian", (example) => {
  const data = [...dataTexts(example.data)].sort((a, b) => b.length - a.length);
  const english = example.render("en");
  const italian = example.render("it");
  const englishWords = new Set(Object.values(english).flatMap((text) => words(text, data)));

  it("renders every text in both languages", () => {
    expect(Object.keys(italian)).toEqual(Object.keys(english));
    expect(englishWords.size).toBeGreaterThan(10);
  });

  it.each(Object.keys(italian))("%s has no English word of the library's", (name) => {
    const text = italian[name]!;
    const found = [...new Set(words(text, data).filter((word) => englishWords.has(word)))];
    const context = found.map((word) => {
      const at = text.toLowerCase().search(new RegExp(`(?<![\\p{L}-])${word}(?![\\p{L}-])`, "u"));
      return `${word}: …${text.slice(Math.max(0, at - 60), at + word.length + 30).replaceAll("\n", "⏎")}…`;
    });
    expect(context).toEqual([]);
  });
});
