import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ContractError,
  OptionsError,
  assessPlan,
  minimumDetectableEffect,
  checkProfile,
  parseContract,
  profileText,
  safeParseContract,
  type InputIssue,
} from "../../src/index.js";

/**
 * Each stage's validation on the files of examples/fis-three-stages, and every message a user meets there:
 * each case starts from a valid stage file and breaks one thing.
 */
const load = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../examples/fis-three-stages/${file}`, import.meta.url), "utf8"));
const design = load("1-design.json");
const experiment = load("2-experiment.json");
const deal = load("3-deal.json");
const plan = design.measurementPlan as Record<string, unknown>;
const issuesOf = (input: unknown): readonly InputIssue[] => {
  const result = safeParseContract(input);
  if (result.success) return [];
  expect(result.error).toBeInstanceOf(ContractError);
  return result.error.issues;
};
const oneIssue = (input: unknown) => {
  const issues = issuesOf(input);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};
const without = (object: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
const withPlan = (changes: Record<string, unknown>, from = design) => ({
  ...from,
  measurementPlan: { ...(from.measurementPlan as object), ...changes },
});

describe("the three stage files validate", () => {
  it("design: indicators, baselines and a measurement plan; indicative tranches", () => {
    const contract = parseContract(design);
    expect(contract.stage).toBe("design");
    expect(contract.measurementPlan).toMatchObject({
      metric: "dropout-rate",
      estimator: "comparison",
      sampleSize: { treatment: 1500, comparison: 1500 },
    });
  });

  it("experiment: no tranches at all (read as none), and no payer needed", () => {
    const contract = parseContract({
      ...experiment,
      parties: (experiment.parties as { roles: string[] }[])
        .filter((party) => !party.roles.includes("outcome-payer") || party.roles.length > 1)
        .map((party) => ({ ...party, roles: party.roles.filter((role) => role !== "outcome-payer") })),
    });
    expect(contract.tranches).toEqual([]);
    // read as none, and the parsed contract survives a JSON round-trip
    expect(parseContract(JSON.parse(JSON.stringify(contract))).tranches).toEqual([]);
  });

  it("pay-by-results: the default stage, every existing contract stays valid", () => {
    expect(parseContract(deal).stage).toBe("pay-by-results");
    const fisInvestors = JSON.parse(
      readFileSync(new URL("../../examples/fis-investors/contract.json", import.meta.url), "utf8"),
    );
    expect(parseContract(fisInvestors).stage).toBeUndefined();
  });
});

describe("stage errors", () => {
  it("a design without a measurement plan", () => {
    const found = oneIssue(without(design, "measurementPlan"));
    expect(found).toMatchObject({ code: "missing_measurement_plan", at: "$.measurementPlan" });
    expect(found.message).toBe(
      "a contract at the design stage needs a measurementPlan: the primary indicator, the estimator, the planned sample sizes, the significance level and the power",
    );
  });

  it("an experiment without a measurement plan", () => {
    expect(oneIssue(without(experiment, "measurementPlan")).message).toContain(
      "at the experiment stage needs a measurementPlan",
    );
  });

  it("a pay-by-results contract without tranches", () => {
    const found = oneIssue(without(deal, "tranches"));
    expect(found).toMatchObject({ code: "required", at: "$.tranches" });
    expect(found.message).toBe(
      '"tranches" is required: a pay-by-results contract needs at least one payment tranche (only a design or an experiment may leave them out)',
    );
  });

  it("a pay-by-results contract with an empty list of tranches", () => {
    expect(oneIssue({ ...deal, tranches: [] })).toMatchObject({
      code: "empty",
      at: "$.tranches",
      message: "a contract needs at least one payment tranche",
    });
  });

  it("a pay-by-results contract without an outcome payer (a design may have none)", () => {
    const parties = (deal.parties as { id: string; roles: string[] }[]).map((party) => ({
      ...party,
      roles: party.roles.includes("outcome-payer") ? ["beneficiary"] : party.roles,
    }));
    const issues = issuesOf({ ...deal, parties });
    expect(issues.map((problem) => problem.code)).toContain("no_outcome_payer");
    expect(issuesOf({ ...experiment, parties })).toEqual([]);
  });

  it("an unknown stage", () => {
    expect(oneIssue({ ...design, stage: "pilot" })).toMatchObject({
      code: "invalid_choice",
      at: "$.stage",
      message: "expected a stage: design, experiment or pay-by-results",
    });
  });

  it("the plan names an unknown metric", () => {
    expect(oneIssue(withPlan({ metric: "drop-out" }))).toMatchObject({
      code: "unknown_metric",
      at: "$.measurementPlan.metric",
      message: 'unknown metric "drop-out": declare it under metrics',
    });
  });

  it("a comparison estimator without a comparison group", () => {
    const found = oneIssue(withPlan({ comparisonGroup: false, sampleSize: { treatment: 1500 } }));
    expect(found).toMatchObject({ code: "comparison_group_needed", at: "$.measurementPlan.comparisonGroup" });
    expect(found.message).toBe(
      "the comparison estimator compares with a comparison group: set comparisonGroup to true",
    );
  });

  it("a comparison group the estimator does not use", () => {
    const found = oneIssue(withPlan({ estimator: "fixed-baseline" }));
    expect(found).toMatchObject({ code: "estimator_without_comparison", at: "$.measurementPlan.estimator" });
    expect(found.message).toBe(
      "there is a comparison group, but the fixed-baseline estimator does not use it: choose comparison or difference-in-differences",
    );
  });

  it("a comparison group without its size", () => {
    expect(oneIssue(withPlan({ sampleSize: { treatment: 1500 } }))).toMatchObject({
      code: "required",
      at: "$.measurementPlan.sampleSize.comparison",
      message: '"comparison" is required: give the planned size of the comparison group',
    });
  });

  it("a comparison size without a comparison group", () => {
    expect(oneIssue(withPlan({ estimator: "fixed-baseline", comparisonGroup: false }))).toMatchObject({
      code: "no_comparison_group",
      at: "$.measurementPlan.sampleSize.comparison",
      message:
        "there is no comparison group (comparisonGroup is false), so it has no size: remove it or set comparisonGroup to true",
    });
  });

  it("a sample size that is not a whole number", () => {
    expect(oneIssue(withPlan({ sampleSize: { treatment: 1500.5, comparison: 1500 } }))).toMatchObject({
      at: "$.measurementPlan.sampleSize.treatment",
      message: "expected a whole number of participants",
    });
  });

  it("a significance level of 50% or more", () => {
    expect(oneIssue(withPlan({ significance: "50%" }))).toMatchObject({
      code: "invalid_significance",
      at: "$.measurementPlan.significance",
      message: "the significance level must be from 0.0000001% (10⁻⁹) to below 50% (usually 5%), not 50%",
    });
  });

  it("a significance level below 0.0000001% (10⁻⁹)", () => {
    expect(oneIssue(withPlan({ significance: "0.00000000000000000001" }))).toMatchObject({
      code: "invalid_significance",
      at: "$.measurementPlan.significance",
      message:
        "the significance level must be from 0.0000001% (10⁻⁹) to below 50% (usually 5%), not 0.00000000000000000001",
    });
  });

  it("a power below 50%", () => {
    expect(oneIssue(withPlan({ power: "40%" }))).toMatchObject({
      code: "invalid_power",
      at: "$.measurementPlan.power",
      message: "the power must be from 50% to below 100% (usually 80% or 90%), not 40%",
    });
  });

  it("a mean without the outcome's standard deviation", () => {
    const metrics = (design.metrics as Record<string, unknown>[]).map((metric) => ({ ...metric, kind: "mean" }));
    const found = oneIssue({ ...design, metrics });
    expect(found).toMatchObject({ code: "required", at: "$.measurementPlan.standardDeviation" });
    expect(found.message).toBe(
      '"standardDeviation" is required: metric "dropout-rate" is a mean, and its sample needs the outcome\'s standard deviation',
    );
  });

  it("a standard deviation of zero", () => {
    expect(oneIssue(withPlan({ standardDeviation: "0" }))).toMatchObject({
      code: "invalid_standard_deviation",
      at: "$.measurementPlan.standardDeviation",
      message: "the standard deviation must be above zero",
    });
  });

  it("an expected effect that is not an improvement", () => {
    expect(oneIssue(withPlan({ expectedEffect: "-4" }))).toMatchObject({
      code: "invalid_effect",
      at: "$.measurementPlan.expectedEffect",
      message:
        "the expected effect is an improvement, so it must be above zero (the metric's direction says which way is better)",
    });
  });

  it("a misspelt key in the plan", () => {
    expect(oneIssue(withPlan({ sampleSizes: {} }))).toMatchObject({ code: "unknown_key", at: "$.measurementPlan" });
  });
  void plan;
});

describe("the FIS profile", () => {
  it("passes on the three stage files", () => {
    for (const file of [design, experiment, deal]) expect(checkProfile(parseContract(file), "fis").passed).toBe(true);
  });

  const dropRole = (role: string) => ({
    ...deal,
    parties: (deal.parties as { id: string; roles: string[] }[])
      .map((party) => ({ ...party, roles: party.roles.filter((held) => held !== role) }))
      .filter((party) => party.roles.length > 0),
  });
  // The tranches name the investor and the provider as recipients: keep them valid by giving the role "intermediary".
  const keepRecipient = (input: Record<string, unknown>, role: string) => ({
    ...input,
    parties: (deal.parties as { id: string; name: string; roles: string[] }[]).map((party) => ({
      ...party,
      roles: party.roles.includes(role)
        ? [...party.roles.filter((held) => held !== role), "intermediary"]
        : party.roles,
    })),
  });
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["beneficiary", dropRole("beneficiary"), "the beneficiary administration", "l'amministrazione beneficiaria"],
    ["provider", keepRecipient(deal, "provider"), "a service provider", "un soggetto che eroga il servizio"],
    [
      "investor",
      { ...keepRecipient(deal, "investor"), finance: undefined },
      "a private investor or funder",
      "un investitore o finanziatore privato",
    ],
    ["verifier", dropRole("verifier"), "an independent evaluator", "un valutatore indipendente"],
  ];
  for (const [role, input, english, italian] of cases) {
    it(`a pay-by-results contract without the ${role} role fails, naming the role in English and Italian`, () => {
      const contract = parseContract(input);
      const report = checkProfile(contract, "fis");
      expect(report.passed).toBe(false);
      const missing = report.findings.filter((finding) => finding.code === "missing_role");
      expect(missing).toHaveLength(1);
      expect(missing[0]).toMatchObject({
        severity: "missing",
        at: "$.parties",
        detail: { code: "missing_role", role },
      });
      expect(missing[0]!.message).toContain(`Missing partner: ${english}`);
      expect(missing[0]!.message).toContain(`role ${role}`);
      const italianReport = checkProfile(contract, "fis", { locale: "it" });
      expect(italianReport.findings.find((finding) => finding.code === "missing_role")!.message).toContain(
        `Manca un partner: ${italian}`,
      );
      expect(profileText(italianReport)).toContain("Non rispetta le regole del programma");
    });
  }

  it("an evaluator that is also the provider is not independent", () => {
    const parties = (deal.parties as { id: string; roles: string[] }[]).map((party) =>
      party.id === "evaluator" ? { ...party, roles: ["verifier", "provider"] } : party,
    );
    const report = checkProfile(parseContract({ ...deal, parties }), "fis");
    const finding = report.findings.find((entry) => entry.code === "evaluator_not_independent")!;
    expect(finding).toMatchObject({ severity: "missing", at: "$.parties[6].roles" });
    expect(finding.message).toBe(
      'The evaluator "evaluator" also plays the role provider: the FIS evaluator must be independent of the administration, the provider and the investors.',
    );
  });

  it("the four roles held by three parties", () => {
    const parties = (deal.parties as { id: string; roles: string[] }[])
      .map((party) => (party.id === "coop" ? { ...party, roles: ["provider", "investor"] } : party))
      .map((party) =>
        party.roles.includes("investor") && party.id !== "coop" ? { ...party, roles: ["outcome-payer"] } : party,
      );
    const input = {
      ...deal,
      parties,
      finance: undefined,
      tranches: (deal.tranches as Record<string, unknown>[]).map((tranche) => ({
        ...tranche,
        recipients: [{ party: "coop", share: "100%" }],
      })),
    };
    const report = checkProfile(parseContract(input), "fis");
    expect(report.findings.map((finding) => finding.code)).toContain("too_few_partners");
    expect(report.findings.find((finding) => finding.code === "too_few_partners")!.message).toBe(
      "The four FIS roles are held by only 3 distinct parties: the programme asks for at least four partners.",
    );
  });

  it("no area, and an area outside the three", () => {
    const none = checkProfile(parseContract(without(deal, "area")), "fis");
    expect(none.findings[0]).toMatchObject({ code: "missing_area", at: "$.area" });
    expect(none.findings[0]!.message).toContain(
      'set "area" to social-inclusion (social inclusion), cultural-animation (cultural animation) or early-school-leaving (early school leaving)',
    );
    const other = checkProfile(parseContract({ ...deal, area: "health" }), "fis", { locale: "it" });
    expect(other.findings[0]!.message).toBe(
      '"health" non è un ambito del FIS: usare social-inclusion (inclusione sociale), cultural-animation (animazione culturale) o early-school-leaving (dispersione scolastica).',
    );
  });

  it("advice, not a failure: an investor without a commitment at the pay-by-results stage", () => {
    const report = checkProfile(parseContract({ ...deal, finance: undefined }), "fis");
    expect(report.passed).toBe(true);
    expect(report.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ["investor_without_commitment", "advice"],
      ["investor_without_commitment", "advice"],
      ["investor_without_commitment", "advice"],
    ]);
    expect(profileText(report)).toContain(
      '- [advice] The investor "investor" has no commitment in the finance section',
    );
  });

  it("refuses an unknown profile and an unknown locale", () => {
    const contract = parseContract(deal);
    expect(() => checkProfile(contract, "life-chances" as "fis")).toThrow(
      /unknown profile "life-chances": the library knows fis/,
    );
    expect(() => checkProfile(contract, "fis", { locale: "fr" as "en" })).toThrow(/unknown locale "fr": use en or it/);
  });
});

describe("the example's printed output", () => {
  it("is what the script prints now (regenerate with npm run -s example:fis-stages > examples/fis-three-stages/output.txt)", async () => {
    const { execFileSync } = await import("node:child_process");
    const root = new URL("../../", import.meta.url);
    const printed = execFileSync(process.execPath, ["--import", "tsx", "examples/fis-three-stages/stages.ts"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(printed).toBe(readFileSync(new URL("examples/fis-three-stages/output.txt", root), "utf8"));
  }, 60_000);
});

describe("assessPlan: the design question read from the contract", () => {
  it("the design's plan: a proportion, 20% at baseline, lower is better, 1,500 + 1,500 pupils", () => {
    const assessment = assessPlan(parseContract(design));
    expect(assessment.request).toEqual({
      outcome: "binary",
      better: "lower",
      baseline: 20,
      scale: 100,
      significance: 0.05,
      power: 0.8,
      alternative: "two-sided",
    });
    expect(assessment.minimumDetectableEffect.effect).toBe(
      minimumDetectableEffect({ ...assessment.request, sample: { treatment: 1500, comparison: 1500 } }).effect,
    );
    expect(assessment.minimumDetectableEffect.effect).toBeCloseTo(3.93, 2);
    expect(assessment.expected).toMatchObject({
      effect: 4,
      sufficient: true,
      requiredSample: { treatment: 1447, comparison: 1447 },
    });
    expect(assessment.expected!.power).toBeGreaterThan(0.8);
  });

  it("a smaller plan is not sufficient for the expected effect", () => {
    const assessment = assessPlan(parseContract(withPlan({ sampleSize: { treatment: 1000, comparison: 1000 } })));
    expect(assessment.expected!.sufficient).toBe(false);
    expect(assessment.expected!.power).toBeLessThan(0.8);
  });

  it("refuses a contract without a plan, and a metric that is a count", () => {
    const expectOptions = (call: () => unknown, code: string, at: string, message: string) => {
      try {
        call();
        throw new Error("expected an OptionsError");
      } catch (error) {
        expect(error).toBeInstanceOf(OptionsError);
        expect((error as OptionsError).issues[0]).toMatchObject({ code, at, message });
      }
    };
    expectOptions(
      () => assessPlan(parseContract(deal)),
      "missing_measurement_plan",
      "$.measurementPlan",
      "the contract has no measurementPlan to assess",
    );
    const metrics = (design.metrics as Record<string, unknown>[]).map((metric) => ({ ...metric, kind: "count" }));
    expectOptions(
      () => assessPlan(parseContract({ ...design, metrics })),
      "not_plannable",
      "$.measurementPlan.metric",
      'metric "dropout-rate" is a count: power is planned for a rate, a frequency or a mean',
    );
  });

  it("a scale that is not above zero", () => {
    expect(oneIssue(withPlan({ scale: 0 }))).toMatchObject({
      at: "$.measurementPlan.scale",
      message: "the scale must be above zero",
    });
  });
});
