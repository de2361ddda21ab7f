/**
 * Valid calls of the exports, built from the library's examples: the fuzz run draws one of these and changes one
 * argument (replaces it, or one field inside it), so that the checks behind the first argument — options, the
 * values a function is handed, the fields of a near-valid request — are reached, not only the front door.
 *
 * Each entry makes fresh arguments on every call (a call may not change them, but a mutation may): an entry that
 * throws while it is built is left out (`validCalls` lists what could be built).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as core from "../../src/index.js";
import * as nodeEntry from "../../src/node/index.js";

type Make = () => unknown[];

const example = (path: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../examples/${path}`, import.meta.url)), "utf8"));

async function* chunks(text: string): AsyncGenerator<string> {
  yield text.slice(0, 200);
  yield text.slice(200);
}

function build(): Map<string, Make[]> {
  const fis = core.parseContract(example("fis-dispersione/contract.json"));
  const fisEvents = core.parseEvents(example("fis-dispersione/events.json"), { contract: fis });
  const pbf = core.parseContract(example("health-pbf/contract.json"));
  // the example's contract with line inputs and a formula pricing a line, as docs/formulas.md shows
  const pbfLinesInput = example("health-pbf/contract.json") as { inputs?: unknown; formulas: unknown[] };
  pbfLinesInput.inputs = {
    quantity: "number",
    quality: "number",
    indicator: "text",
    region: "text",
    facilityType: "text",
  };
  pbfLinesInput.formulas.push({
    id: "line-amount",
    expression:
      'input.quantity * lookup("price", input.indicator, input.region, input.facilityType) * (1 + if(input.quality >= 0.6, bonusRate * input.quality, 0))',
  });
  const pbfLines = core.parseContract(pbfLinesInput);
  const pbfEvents = core.parseEvents(example("health-pbf/events.json"), { contract: pbf });
  const investors = core.parseContract(example("fis-investors/contract.json"));
  const rateCard = core.parseContract(example("rate-card/contract.json"));
  const csv = readFileSync(
    fileURLToPath(new URL("../../examples/rate-card/claims-sample.csv", import.meta.url)),
    "utf8",
  );
  const csvHead = csv.split("\n").slice(0, 40).join("\n");

  const fisSettlement = core.settle(fis, fisEvents, { asOf: "2030-01-31" });
  const pbfSettlement = core.settle(pbf, pbfEvents, { asOf: "2027-12-31" });
  const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
  const scenario = (name: string, values: readonly string[]): core.Scenario => ({
    name,
    results: years.map((period, index) => ({ metric: "dropout-rate", period, value: values[index] ?? "18" })),
  });
  const scenarios = () => [scenario("down", ["19.4", "19.0", "18.8"]), scenario("base", ["18.2", "17.8", "17.6"])];
  const outcomes = core.runScenarios(investors, scenarios(), { discountRate: "4%" });
  const flows = outcomes[1]?.cashFlows;
  const simulationOptions = () => ({
    runs: 40,
    seed: 7,
    percentiles: [5, 50, 95],
    results: [
      { metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 }, decimals: 1 },
    ],
  });
  const simulation = core.simulate(investors, simulationOptions() as core.SimulationOptions);
  const lines = () => [
    {
      invoice: "HC-001",
      inputs: { quantity: 120, quality: "0.8", indicator: "anc4", region: "north", facilityType: "health-centre" },
    },
    {
      invoice: "HC-002",
      inputs: { quantity: 7, quality: "0.5", indicator: "anc4", region: "north", facilityType: "health-centre" },
    },
  ];
  const linesOptions = () => ({ formula: "line-amount", period: "2027-Q1", asOf: "2027-04-30" });
  const priced = core.priceLines(pbfLines, lines(), linesOptions());
  const claimsOptions = () => ({ asOf: "2015-09-30" });
  const claimObjects = async () => {
    const read: unknown[] = [];
    for await (const claim of nodeEntry.readClaimsCsv(chunks(csvHead))) read.push(claim);
    return read;
  };
  const records = () => {
    const list: core.ParticipantRecord[] = [];
    for (let i = 0; i < 60; i++) list.push({ group: i % 2 === 0 ? "treatment" : "comparison", outcome: i % 3 === 0 });
    return list;
  };
  const recordsRequest = () =>
    ({ estimator: "comparison", outcome: "binary", better: "higher" }) as core.RecordsRequest;
  const measurement = core.measureRecords(records(), recordsRequest());
  const measurementOptions = () => ({
    id: "m1",
    metric: "dropout-rate",
    period: "as-2026-27",
    status: "verified",
    recordedAt: "2027-09-30",
  });
  const style = core.reportStyle("it", "EUR");
  const curve = core.paymentCurve(fis, fis.tranches[0]?.id ?? "");
  const irr = core.xirr([
    { t: 0, amount: -100 },
    { t: 1, amount: 110 },
  ]);
  const profile = core.checkProfile(fis, "fis");
  const formula = core.parseFormula("min(1 + 2 * param.x, 10)");
  const schema = core.contractJsonSchema();
  const stageDesign = core.parseContract(example("fis-three-stages/1-design.json"));
  const stageExperiment = core.parseContract(example("fis-three-stages/2-experiment.json"));
  const pilotRequest = () => example("fis-three-stages/2-experiment-results.json");
  const pilot = core.measure(pilotRequest() as core.MeasureRequest);
  const design = () => ({ outcome: "binary", baseline: 0.3, better: "higher", significance: 0.05, power: 0.8 });

  const table: Record<string, Make[]> = {
    settle: [() => [fis, fisEvents, { asOf: "2030-01-31" }], () => [pbf, pbfEvents, { asOf: "2027-12-31" }]],
    cashFlows: [() => [investors, outcomes[0]?.settlement]],
    investorReturns: [() => [flows, { discountRate: "5%" }]],
    partyReturns: [() => [flows, "investor", { discountRate: "5%" }]],
    runScenarios: [() => [investors, scenarios(), { discountRate: "4%" }]],
    simulate: [() => [investors, simulationOptions()]],
    priceLines: [() => [pbfLines, lines(), linesOptions()]],
    settleClaims: [() => [rateCard, [], claimsOptions()]],
    settleClaimsAsync: [() => [rateCard, nodeEntry.readClaimsCsv(chunks(csvHead)), claimsOptions()]],
    parseClaimsCsv: [() => [csvHead], () => [csvHead, { separator: "," }]],
    readClaimsCsv: [() => [chunks(csvHead)], () => [chunks(csvHead), { separator: "," }]],
    termsInForce: [() => [pbf, "2027-Q3", { asOf: "2027-12-31" }]],
    measureRecords: [() => [records(), recordsRequest()]],
    measureCohorts: [
      () => [records().map((record, i) => ({ ...record, cohort: i < 30 ? "c1" : "c2" })), recordsRequest()],
    ],
    measurementRecord: [() => [measurement]],
    measurementEvent: [() => [measurement, measurementOptions()]],
    blend: [
      () => [
        [
          { weight: 0.25, measurement },
          { weight: "75%", measurement },
        ],
        { confidence: 0.9 },
      ],
    ],
    poolCohorts: [
      () => [
        [
          { label: "a", measurement },
          { label: "b", measurement, weight: 2 },
        ],
      ],
    ],
    explain: [() => [fisSettlement], () => [pbfSettlement]],
    renderMarkdown: [() => [fisSettlement, { locale: "it" }], () => [pbfSettlement]],
    renderHtml: [() => [fisSettlement, { locale: "en" }]],
    settlementToCsv: [() => [fisSettlement]],
    trancheRows: [() => [fisSettlement]],
    lineRows: [() => [pbfSettlement]],
    partyTotalRows: [() => [fisSettlement]],
    simulationRows: [() => [simulation]],
    percentileRows: [() => [simulation]],
    measurementRows: [() => [[measurement]], () => [{ pilot }]],
    rowsToCsv: [() => [core.lineRows(fisSettlement), { locale: "it" }]],
    methodText: [() => [measurement, { locale: "it" }]],
    powerTestText: [
      () => [
        core.requiredSample({ ...design(), effect: 0.1, comparisonGroup: true } as Parameters<
          typeof core.requiredSample
        >[0]),
        { locale: "en" },
      ],
    ],
    settlementWorkbook: [() => [fisSettlement, { locale: "it" }]],
    toIndigo: [() => [fis, fisSettlement, {}]],
    describeRule: [() => [fis.tranches[0]?.pricing, new Map(fis.metrics.map((metric) => [metric.id, metric]))]],
    explainCashFlows: [() => [flows]],
    explainLines: [() => [priced]],
    scenariosTable: [() => [outcomes]],
    simulationTable: [() => [simulation]],
    irrText: [() => [irr]],
    profileText: [() => [profile]],
    checkProfile: [() => [fis, "fis", { locale: "it" }]],
    paymentCurve: [() => [fis, fis.tranches[0]?.id]],
    paymentCurveSvg: [() => [curve, style]],
    paymentCurveVegaLite: [() => [curve, "EUR"]],
    distributionSvg: [() => [simulation.investors[0]?.net, style, { title: "net", amount: "net (EUR)", mean: "mean" }]],
    distributionVegaLite: [() => [simulation.investors[0]?.net, "net"]],
    printFormula: [() => [formula]],
    evaluateFormula: [() => ["min(1 + 2 * param.x, 10)", { parameters: { x: "2" } }]],
    jsonSchemaText: [() => [schema]],
    xirr: [
      () => [
        [
          { t: 0, amount: -100 },
          { t: 1.5, amount: 60 },
          { t: 2, amount: 60 },
        ],
      ],
    ],
    npvAt: [
      () => [
        [
          { t: 0, amount: -100 },
          { t: 1, amount: 110 },
        ],
        0.05,
      ],
    ],
    requiredSample: [() => [{ ...design(), effect: 0.1, comparisonGroup: true }]],
    detectionPower: [() => [{ ...design(), effect: 0.1, sample: { treatment: 200, comparison: 200 } }]],
    minimumDetectableEffect: [() => [{ ...design(), sample: { treatment: 200, comparison: 200 } }]],
    measure: [() => [pilotRequest()]],
    assessPlan: [() => [stageDesign]],
    exAnteTable: [() => [stageDesign, { metric: "dropout-rate", effects: ["0", "2", "4"], discountRate: "4%" }]],
    suggestTerms: [() => [stageExperiment, "dropout-rate", pilot]],
    dealOutlook: [
      () => [
        stageDesign,
        pilot,
        {
          metric: "dropout-rate",
          amounts: { atThreshold: "120000.00", atTarget: "240000.00" },
          runs: 50,
          seed: 3,
          decimals: 1,
        },
      ],
    ],
    timedFlows: [
      () => [
        [
          { day: 0, amount: -100 },
          { day: 400, amount: 112 },
        ],
      ],
    ],
    money: [() => ["12.5", "EUR"]],
    zero: [() => ["JPY"]],
    minorUnits: [() => ["BHD"]],
    add: [() => [core.money("1.10", "EUR"), core.money("2.25", "EUR")]],
    subtract: [() => [core.money("1.10", "EUR"), core.money("2.25", "EUR")]],
    compare: [() => [core.money("1.10", "EUR"), core.money("2.25", "EUR")]],
    sum: [() => [[core.money("1.10", "EUR"), core.money("2.25", "EUR")], "EUR"]],
    allocate: [() => [core.money("100.00", "EUR"), ["1", "2", "30%"]]],
    isZero: [() => [core.money("0.00", "EUR")]],
    isNegative: [() => [core.money("-1", "JPY")]],
    toDecimalString: [() => [0.125, 4]],
    "distributions.logGamma": [() => [4.5]],
    "distributions.logBeta": [() => [2, 3.5]],
    "distributions.incompleteGamma": [() => [2.5, 1.2]],
    "distributions.incompleteBeta": [() => [0.3, 2, 5]],
    "distributions.normalCdf": [() => [-1.2]],
    "distributions.normalSf": [() => [1.2]],
    "distributions.normalPdf": [() => [0.4]],
    "distributions.normalQuantile": [() => [0.975]],
    "distributions.studentTCdf": [() => [1.5, 8]],
    "distributions.studentTSf": [() => [1.5, 8]],
    "distributions.poissonCdf": [() => [4, 3.2]],
    "distributions.poissonSfInclusive": [() => [4, 3.2]],
    "distributions.binomialCdf": [() => [4, 20, 0.3]],
    "distributions.binomialSfInclusive": [() => [4, 20, 0.3]],
    "distributions.binomialPmf": [() => [4, 20, 0.3]],
    "distributions.betaQuantile": [() => [0.9, 2, 5]],
    "distributions.binomialTest": [() => [7, 20, 0.3]],
    "distributions.studentTQuantile": [() => [0.975, 12]],
    "distributions.clopperPearson": [() => [7, 20, 0.95]],
  };
  // settleClaims reads claim objects: the example's first rows, read once
  const claimsAvailable = claimObjects();
  table.explainClaims = [];
  table.claimsWorkbook = [];
  table.explainClaimDecision = [];
  table.streamClaimDecisions = [];
  table.claimDecisionChunks = [];
  table.claimSettlementJsonChunks = [];
  void claimsAvailable.then((claims) => {
    table.settleClaims?.push(() => [rateCard, structuredClone(claims), claimsOptions()]);
    table.streamClaimDecisions?.push(() => [rateCard, structuredClone(claims), claimsOptions()]);
    const settled = core.settleClaims(rateCard, claims as core.Claim[], claimsOptions());
    table.explainClaims?.push(() => [settled]);
    table.claimsWorkbook?.push(() => [settled, { locale: "en" }]);
    table.claimSettlementJsonChunks?.push(() => [settled]);
    if (settled.decisions !== undefined) {
      const decisions = settled.decisions;
      table.claimDecisionChunks?.push(
        () => [decisions, "ndjson"],
        () => [decisions, "csv"],
      );
    }
    const decision = settled.decisions?.at(0);
    if (decision !== undefined) table.explainClaimDecision?.push(() => [decision, "GBP"]);
  });
  const usable = new Map<string, Make[]>();
  for (const [name, makes] of Object.entries(table)) usable.set(name, makes);
  pending = claimsAvailable.then(() => undefined);
  return usable;
}

let built: Map<string, Make[]> | undefined;
let pending: Promise<void> | undefined;

/** The valid calls of each export that has some (built once, after the claims example is read). */
export async function validCalls(): Promise<ReadonlyMap<string, readonly Make[]>> {
  if (built === undefined) built = build();
  await pending;
  const usable = new Map<string, Make[]>();
  for (const [name, makes] of built) {
    const working = makes.filter((make) => {
      try {
        make();
        return true;
      } catch {
        return false;
      }
    });
    if (working.length > 0) usable.set(name, working);
  }
  return usable;
}
