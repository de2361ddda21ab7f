import type { Contract, PartyRole } from "../contract/types.js";
import { isIssued, markIssued } from "../util/issued.js";
import { ISSUED_PROFILE_REPORT, requireIssued } from "../errors/argument-error.js";
import { parseContract } from "../contract/parse-contract.js";
import { quoted } from "../errors/describe-value.js";
import { OptionsError, issue, pathText, type InputIssue } from "../errors/validation-error.js";
import { localeIssue, optionsObject } from "../report/report-locale.js";
import { REPORT_LOCALES, type ReportLocale } from "../report/style.js";
import { deepFreeze } from "../util/freeze.js";
import { FIS_AREAS, profilePhrasebook, type FindingDetail, type FisRole } from "./profile-phrases.js";

/** The programme profiles the library knows. */
export type ProfileName = "fis";

/** One thing a profile finds: `missing` fails the profile, `advice` does not. */
export interface ProfileFinding {
  readonly code: FindingDetail["code"];
  readonly severity: "missing" | "advice";
  /** Where in the contract the finding points, e.g. `["parties"]` or `["area"]`. */
  readonly path: readonly (string | number)[];
  readonly at: string;
  /** What the finding is about (the role, the party, the area), for programs. */
  readonly detail: FindingDetail;
  /** The finding in plain words, in the requested language. */
  readonly message: string;
}

/** What a profile check found: the verdict and every finding, in the requested language. */
export interface ProfileReport {
  readonly profile: ProfileName;
  readonly locale: ReportLocale;
  readonly contract: string;
  readonly stage: NonNullable<Contract["stage"]>;
  /** True when nothing is missing (advice alone does not fail a profile). */
  readonly passed: boolean;
  readonly findings: readonly ProfileFinding[];
}

/** Options of `checkProfile`. */
export interface ProfileOptions {
  /** The language of the messages: `en` (default) or `it`. */
  readonly locale?: ReportLocale;
}

const FIS_ROLES: readonly FisRole[] = ["beneficiary", "provider", "investor", "verifier"];

/**
 * Checks a valid contract against a programme's own rules, beyond the format. A profile is a function, not a
 * key of the contract: the same contract can be checked against several programmes, and a programme's rules
 * change by call without changing the format. For `"fis"` (Italy's Fondo per l'Innovazione Sociale):
 *
 * - the four partner roles, at every stage: beneficiary administration (`beneficiary`), provider
 *   (`provider`), investor or funder (`investor`), evaluator (`verifier`), held by at least four parties;
 * - the evaluator is independent: it plays none of the other three roles;
 * - the area is one of `social-inclusion`, `cultural-animation`, `early-school-leaving`;
 * - advice at the pay-by-results stage: every investor has a commitment in the finance section.
 *
 * The report is frozen, and the library knows it as its own: `profileText` takes it (and no copy of it).
 *
 * @example
 * const report = checkProfile(contract, "fis", { locale: "it" });
 * if (!report.passed) for (const finding of report.findings) console.log(finding.message);
 * @throws OptionsError for an unknown profile (`unknown_profile`) or locale (`unknown_locale`), or options that are
 * not an object (`invalid_options`); ContractError when the contract itself is not valid.
 */
export function checkProfile(
  contractInput: Contract,
  profile: ProfileName,
  options: ProfileOptions = {},
): ProfileReport {
  const { fields, issue: notAnObject } = optionsObject(options, '{ locale: "it" }');
  const problems: InputIssue[] = notAnObject === undefined ? [] : [notAnObject];
  if (profile !== "fis")
    problems.push(issue(["profile"], "unknown_profile", `unknown profile ${quoted(profile)}: the library knows fis`));
  const locale = (fields.locale ?? "en") as ReportLocale;
  const unknownLocale = localeIssue(locale, REPORT_LOCALES);
  if (unknownLocale !== undefined) problems.push(unknownLocale);
  if (problems.length > 0) throw new OptionsError(problems);
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const phrases = profilePhrasebook(locale);
  const findings: ProfileFinding[] = [];
  const find = (severity: ProfileFinding["severity"], path: readonly (string | number)[], detail: FindingDetail) =>
    findings.push({ code: detail.code, severity, path, at: pathText(path), detail, message: phrases.finding(detail) });

  const holders = (role: PartyRole) => contract.parties.filter((party) => party.roles.includes(role));
  for (const role of FIS_ROLES)
    if (holders(role).length === 0) find("missing", ["parties"], { code: "missing_role", role });
  const partners = new Set(FIS_ROLES.flatMap((role) => holders(role).map((party) => party.id)));
  if (FIS_ROLES.every((role) => holders(role).length > 0) && partners.size < 4)
    find("missing", ["parties"], { code: "too_few_partners", partners: partners.size });
  contract.parties.forEach((party, index) => {
    if (!party.roles.includes("verifier")) return;
    const otherRoles = party.roles.filter(
      (role) => role === "beneficiary" || role === "provider" || role === "investor",
    );
    if (otherRoles.length > 0)
      find("missing", ["parties", index, "roles"], { code: "evaluator_not_independent", party: party.id, otherRoles });
  });
  if (contract.area === undefined) find("missing", ["area"], { code: "missing_area" });
  else if (!(FIS_AREAS as readonly string[]).includes(contract.area))
    find("missing", ["area"], { code: "unknown_area", area: contract.area });
  const stage = contract.stage ?? "pay-by-results";
  if (stage === "pay-by-results") {
    contract.parties.forEach((party) => {
      if (!party.roles.includes("investor")) return;
      const committed = contract.finance?.investors.some((entry) => entry.party === party.id) ?? false;
      const guarantor = contract.finance?.guarantees?.some((entry) => entry.guarantor === party.id) ?? false;
      if (!committed && !guarantor)
        find("advice", ["finance", "investors"], { code: "investor_without_commitment", party: party.id });
    });
  }
  const report: ProfileReport = deepFreeze({
    profile,
    locale,
    contract: contract.id,
    stage,
    passed: findings.every((finding) => finding.severity !== "missing"),
    findings,
  });
  return markIssued(report, "profile-report");
}

/**
 * A profile report as plain text: a heading, the verdict, then one line per finding.
 *
 * @example console.log(profileText(checkProfile(contract, "fis", { locale: "it" })));
 * @throws ArgumentError (`not_a_profile_report`, at `$.report`) for anything but a report `checkProfile` returned:
 * a copy, a changed report or one read back from JSON is refused.
 */
export function profileText(report: ProfileReport): string {
  requireIssued(report, ISSUED_PROFILE_REPORT, "profileText", "report");
  const phrases = profilePhrasebook(report.locale);
  const missing = report.findings.filter((finding) => finding.severity === "missing").length;
  return [
    phrases.heading(report.profile, report.contract, report.stage),
    phrases.verdict(report.passed, missing),
    ...report.findings.map((finding) => `- [${phrases.severity[finding.severity]}] ${finding.message}`),
  ].join("\n");
}
