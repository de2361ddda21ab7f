import { describeValue } from "./describe-value.js";
import { issue, ValidationError, type InputIssue } from "./validation-error.js";
import { isIssued, type IssuedKind } from "../util/issued.js";

/**
 * An argument is not a value the function takes: a Money that is not one, a probability outside 0–1, a
 * settlement the library did not issue (a copy, a changed value, a JSON round trip), a locale the library does not
 * know. `issues` say which argument (its name as the path: `$.ratios[2]`, `$.settlement`), with a code and a plain
 * message.
 */
export class ArgumentError extends ValidationError {
  static override readonly errorKind: string = "ArgumentError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid arguments", issues);
  }
}

/**
 * What each kind the library issues is, and where it comes from, for a message ("a settlement", "settle",
 * `not_a_settlement`): one constant per kind, so that a bundle carries the words of the kinds it checks only.
 */
export interface IssuedWords {
  readonly kind: IssuedKind;
  readonly what: string;
  readonly from: string;
  readonly code: string;
}

export const ISSUED_CONTRACT: IssuedWords = {
  kind: "contract",
  what: "a contract",
  from: "parseContract",
  code: "not_a_contract",
};

export const ISSUED_EVENTS: IssuedWords = { kind: "events", what: "events", from: "parseEvents", code: "not_events" };

export const ISSUED_SETTLEMENT: IssuedWords = {
  kind: "settlement",
  what: "a settlement",
  from: "settle",
  code: "not_a_settlement",
};

export const ISSUED_FIGURES_ONLY_SETTLEMENT: IssuedWords = {
  kind: "figures-only-settlement",
  what: "a settlement made with its explanation",
  from: "settle without explain: false",
  code: "no_explanation",
};

export const ISSUED_CASH_FLOWS: IssuedWords = {
  kind: "cash-flows",
  what: "cash flows",
  from: "cashFlows",
  code: "not_cash_flows",
};

export const ISSUED_LINES_PRICED: IssuedWords = {
  kind: "lines-priced",
  what: "priced lines",
  from: "priceLines",
  code: "not_priced_lines",
};

export const ISSUED_CLAIM_SETTLEMENT: IssuedWords = {
  kind: "claim-settlement",
  what: "a claims settlement",
  from: "settleClaims or settleClaimsAsync",
  code: "not_a_claim_settlement",
};

export const ISSUED_CLAIM_DECISION: IssuedWords = {
  kind: "claim-decision",
  what: "a claim decision",
  from: "a claims settlement's decisions",
  code: "not_a_claim_decision",
};

export const ISSUED_IRR: IssuedWords = {
  kind: "irr",
  what: "an internal rate of return",
  from: "xirr or investorReturns",
  code: "not_an_irr",
};

export const ISSUED_SCENARIO_OUTCOME: IssuedWords = {
  kind: "scenario-outcome",
  what: "a scenario outcome",
  from: "runScenarios",
  code: "not_a_scenario_outcome",
};

export const ISSUED_SIMULATION: IssuedWords = {
  kind: "simulation",
  what: "a simulation result",
  from: "simulate",
  code: "not_a_simulation",
};

export const ISSUED_MONEY_SUMMARY: IssuedWords = {
  kind: "money-summary",
  what: "a summary of simulated amounts",
  from: "simulate",
  code: "not_a_money_summary",
};

export const ISSUED_PROFILE_REPORT: IssuedWords = {
  kind: "profile-report",
  what: "a profile report",
  from: "checkProfile",
  code: "not_a_profile_report",
};

export const ISSUED_PAYMENT_CURVE: IssuedWords = {
  kind: "payment-curve",
  what: "a payment curve",
  from: "paymentCurve",
  code: "not_a_payment_curve",
};

export const ISSUED_MEASUREMENT: IssuedWords = {
  kind: "measurement",
  what: "a measurement",
  from: "measureRecords, measureCohorts, blend or poolCohorts",
  code: "not_a_measurement",
};

export const ISSUED_FORMULA: IssuedWords = {
  kind: "formula",
  what: "a formula",
  from: "parseFormula",
  code: "not_a_formula",
};

export const ISSUED_STYLE: IssuedWords = {
  kind: "style",
  what: "a report style",
  from: "reportStyle or plainTextStyle",
  code: "not_a_style",
};

export const ISSUED_JSON_SCHEMA: IssuedWords = {
  kind: "json-schema",
  what: "a JSON Schema",
  from: "contractJsonSchema or eventsJsonSchema",
  code: "not_a_json_schema",
};

/**
 * The issue for an argument that should be a `kind` the library issued, or undefined when it is one.
 * `fn` names the function called, `name` the argument (its path).
 */
export function issuedIssue(
  value: unknown,
  words: IssuedWords,
  fn: string,
  name: string | (string | number)[],
): InputIssue | undefined {
  if (isIssued(value, words.kind)) return undefined;
  const got =
    typeof value === "object" && value !== null
      ? `${describeValue(value)} that ${words.from} did not return (a copy, a changed value or one read back from JSON is not accepted: call ${words.from} again)`
      : describeValue(value);
  return issue(
    typeof name === "string" ? [name] : name,
    words.code,
    `${fn} takes ${words.what} as ${words.from} returned it; got ${got}`,
  );
}

/**
 * Throws an ArgumentError unless `settlement` is one `settle` returned with its explanation: a text or report
 * that shows the derivation cannot be written from a settlement made with `explain: false` (`no_explanation`).
 */
export function requireExplained(settlement: unknown, fn: string): void {
  requireIssued(settlement, ISSUED_SETTLEMENT, fn, "settlement");
  if (isIssued(settlement, "figures-only-settlement"))
    throw new ArgumentError([
      issue(
        ["settlement"],
        "no_explanation",
        `${fn} writes the derivation of every amount, and this settlement was made without it (settle with explain: false, figures only): call settle again without that option`,
      ),
    ]);
}

/** Throws an ArgumentError unless `value` is a kind (`words`) the library issued; see `issuedIssue`. */
export function requireIssued(value: unknown, words: IssuedWords, fn: string, name: string): void {
  const found = issuedIssue(value, words, fn, name);
  if (found !== undefined) throw new ArgumentError([found]);
}
