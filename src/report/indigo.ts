import type { Contract, Metric, Party, PricingRule, Tranche } from "../contract/types.js";
import type { Settlement, TrancheSettlement } from "../engine/settlement-types.js";
import { metricsOf } from "../pricing/evaluate-rule.js";
import { lastPayableDate } from "../contract/payable-dates.js";
import { Dec } from "../money/decimal.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { ArgumentError, requireExplained } from "../errors/argument-error.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { pricingRuleSchema } from "../contract/contract-schema.js";
import { ownValue } from "../util/own.js";
import { optionsObject } from "./report-locale.js";
import { isSettlementOf, mismatchText, parsedContract } from "./report-model.js";

/**
 * Export to the INDIGO data standard (GO Lab, University of Oxford; project schema 4.1), the public record of
 * impact bonds, so that a contract and what it has paid can be published and compared.
 *
 * What is filled: the project's name and dates; one outcome metric per metric (definition, unit, baseline
 * and verifier); one outcome pricing per tranche and metric (the rule in words, the price per unit for a
 * rate rule, the most the tranche can pay); the verified results known on the settlement date; one outcome
 * payment plan for the term with, per tranche line, the amount earned (`Planned`: due under the contract's
 * terms on the results known) and the payments made (`Actual`); one investment per investor party, with
 * the outcome payments it received as transactions (with a finance section, also its commitment and its
 * drawdowns); per outcome payer, its cap and total payments.
 *
 * INDIGO writes money as JSON numbers (its schema has no string form for amounts): amounts are converted at
 * this boundary only, from the exact decimal strings, and only when the JSON number reads back as exactly the
 * amount — always so for the amounts a contract and its events may state (at most 15 digits); a price per unit
 * or a total with more digits than a JSON number keeps is refused (`inexact_number`), never written rounded. Organisations are named by the party id unless
 * `organisationIds` maps a party to its INDIGO organisation id (e.g. `"INDIGO-ORG-0001"`).
 */
export interface IndigoOptions {
  /** The publication status of every record (default `"PRIVATE"`: publishing is a decision of the parties). */
  readonly status?: "PUBLIC" | "PRIVATE";
  /** INDIGO organisation ids by party id. */
  readonly organisationIds?: Readonly<Record<string, string>>;
}

type Value<T> = { readonly value: T };
/** An INDIGO project record: plain JSON. */
export type IndigoProject = Readonly<Record<string, unknown>>;

const v = <T>(value: T): Value<T> => ({ value });

/**
 * An amount as INDIGO writes it, a JSON number (its schema's type for amounts), when that number reads back as
 * exactly the amount; otherwise the problem is recorded with its path: the standard has no exact form for it,
 * and the library never writes a number that has lost digits.
 */
function exactAmount(text: string, path: readonly (string | number)[], problems: InputIssue[]): Value<number> {
  const number = Number(text);
  if (Number.isFinite(number) && new Dec(String(number)).equals(new Dec(text))) return v(number);
  problems.push(
    issue(
      path,
      "inexact_number",
      `INDIGO writes amounts as JSON numbers, which keep about 15 significant digits: ${text.length <= 40 ? text : `this amount of ${text.length} characters`} would be written ${Number.isFinite(number) ? String(number) : "null"}, and INDIGO's schema has no exact (string) form for it`,
    ),
  );
  return v(0);
}

/** The deepest a rule given to `describeRule` may nest rules (a threshold's `then`, a weighted rule's parts). */
const RULE_DEPTH = 64;
/** The most rules a rule given to `describeRule` may hold, counting each time one is reached. */
const RULE_COUNT = 100_000;

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object";

/**
 * Whether a rule nests rules too deep or holds too many to be checked and described: checked before the schema,
 * whose checks recurse (a rule nested thousands deep, or the same rule object reached again and again, would
 * overflow the stack or take exponential time). Reads the rules' `then` and `parts` only.
 */
function ruleTooLarge(rule: unknown): boolean {
  const pending: { readonly rule: unknown; readonly depth: number }[] = [{ rule, depth: 1 }];
  let count = 0;
  while (pending.length > 0) {
    const { rule: next, depth } = pending.pop()!;
    if (!isRecord(next)) continue;
    if (depth > RULE_DEPTH || ++count > RULE_COUNT) return true;
    if (next.then !== undefined) pending.push({ rule: next.then, depth: depth + 1 });
    const parts = next.parts;
    if (!Array.isArray(parts)) continue;
    if (parts.length > RULE_COUNT) return true;
    for (const part of parts) if (isRecord(part)) pending.push({ rule: part.rule, depth: depth + 1 });
  }
  return false;
}

/**
 * The problems of a rule that the contract's checks would find and that describing it meets: a threshold that
 * pays neither an amount nor a rule (`threshold_payout`), a metric not among the metrics given (`unknown_metric`).
 */
function ruleIssues(
  rule: PricingRule,
  metrics: ReadonlyMap<string, Metric>,
  path: readonly (string | number)[],
  issues: InputIssue[],
): void {
  if (rule.type === "weighted") {
    rule.parts.forEach((part, index) => ruleIssues(part.rule, metrics, [...path, "parts", index, "rule"], issues));
    return;
  }
  if (rule.type === "formula") return;
  if (!metrics.has(rule.metric))
    issues.push(
      issue(
        [...path, "metric"],
        "unknown_metric",
        `the rule is priced on metric ${quoted(rule.metric)}, which is not among the metrics given: give the contract's metrics`,
      ),
    );
  if (rule.type === "threshold") {
    if (rule.amount === undefined && rule.then === undefined)
      issues.push(
        issue(
          path,
          "threshold_payout",
          'a threshold pays either a fixed "amount" or the rule in "then": give exactly one',
        ),
      );
    if (rule.then !== undefined) ruleIssues(rule.then, metrics, [...path, "then"], issues);
  }
}

/** The problems of `describeRule`'s arguments: a pricing rule as a contract states it, and a Map of metrics. */
function describeRuleIssues(rule: unknown, metrics: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  let checkedRule: PricingRule | undefined;
  if (ruleTooLarge(rule))
    issues.push(
      issue(
        ["rule"],
        "rule_too_large",
        `the rule nests rules more than ${RULE_DEPTH} deep, or holds more than ${RULE_COUNT} of them: a contract's rule is smaller`,
      ),
    );
  else {
    const checked = pricingRuleSchema.safeParse(rule);
    if (checked.success) checkedRule = rule as PricingRule;
    else for (const found of checked.error) issues.push(issue(["rule", ...found.path], found.code, found.message));
  }
  if (!(metrics instanceof Map)) {
    issues.push(
      issue(
        ["metrics"],
        "not_a_map",
        `the metrics are a Map of the contract's metrics by id, got ${describeValue(metrics)}`,
      ),
    );
    return issues;
  }
  for (const [id, metric] of metrics as Map<unknown, unknown>) {
    if (!isRecord(metric) || typeof metric.unit !== "string")
      issues.push(
        issue(
          typeof id === "string" ? ["metrics", id] : ["metrics"],
          "not_a_metric",
          `expected a metric of the contract ({ id, name, unit, … }) for id ${quoted(id)}, got ${describeValue(metric)}`,
        ),
      );
  }
  if (checkedRule !== undefined) ruleIssues(checkedRule, metrics as ReadonlyMap<string, Metric>, ["rule"], issues);
  return issues;
}

/**
 * The rule of a tranche in words, for `price_description`.
 *
 * @example
 * describeRule({ type: "rate", metric: "entries", basis: "value", pricePerUnit: "3500.00" }, metrics);
 * // "3500.00 per unit of the measured entries"
 * @throws ArgumentError listing every problem of the arguments: a rule that is not a pricing rule as a contract
 * states it (the contract's codes at its path under `$.rule`, e.g. `unknown_type`, `required`, `threshold_payout`;
 * `rule_too_large` for one nested more than 64 deep), a rule priced on a metric not among the metrics
 * (`unknown_metric`), metrics that are not a Map (`not_a_map`) or a value of the Map that is not a metric
 * (`not_a_metric`).
 */
export function describeRule(rule: PricingRule, metrics: ReadonlyMap<string, Metric>): string {
  const issues = describeRuleIssues(rule, metrics);
  if (issues.length > 0) throw new ArgumentError(issues);
  return ruleText(rule, metrics);
}

/** A checked rule in words (see `describeRule`). */
function ruleText(rule: PricingRule, metrics: ReadonlyMap<string, Metric>): string {
  if (rule.type === "weighted") {
    return `weighted: ${rule.parts.map((part) => `${part.weight} × (${ruleText(part.rule, metrics)})`).join(" + ")}`;
  }
  if (rule.type === "formula") return `formula: ${rule.expression}`;
  const metric = metrics.get(rule.metric);
  const unit = metric?.unit ?? "";
  const basis =
    rule.basis === "value"
      ? `the measured ${rule.metric}`
      : rule.basis === "improvement"
        ? `the improvement of ${rule.metric} (${unit})`
        : `the relative improvement of ${rule.metric}`;
  switch (rule.type) {
    case "rate":
      return `${rule.pricePerUnit} per unit of ${basis}`;
    case "threshold":
      return `when ${basis} reaches ${String(rule.threshold)}: ${rule.amount !== undefined ? rule.amount : rule.then !== undefined ? ruleText(rule.then, metrics) : "nothing"}`;
    case "tiers":
      return `by ${basis}: ${rule.tiers.map((tier) => `[${String(tier.from)}, ${tier.to !== undefined ? String(tier.to) : "∞"}) → ${tier.amount}`).join("; ")}`;
    case "linear":
      return `linear in ${basis} through ${rule.points.map((point) => `(${String(point.at)}, ${point.amount})`).join(", ")}; nothing below the first point`;
    case "savings-share":
      return `${rule.share} of ${rule.savingPerUnit} saved per unit of ${basis}`;
  }
}

/**
 * The options of `toIndigo` with their defaults, checked with the settlement against the contract.
 * @throws OptionsError listing every problem (see `toIndigo`).
 */
function indigoOptions(
  options: unknown,
  settlement: Settlement,
  contract: Contract,
): { readonly status: "PUBLIC" | "PRIVATE"; readonly organisationIds?: Readonly<Record<string, string>> } {
  const issues: InputIssue[] = [];
  if (!isSettlementOf(settlement, contract))
    issues.push(
      issue(["settlement"], "settlement_mismatch", `${mismatchText(settlement, contract)}: settle this contract first`),
    );
  const { fields, issue: notAnObject } = optionsObject(options, '{ status: "PUBLIC" }');
  if (notAnObject !== undefined) issues.push(notAnObject);
  const status: unknown = fields.status ?? "PRIVATE";
  if (status !== "PUBLIC" && status !== "PRIVATE")
    issues.push(
      issue(["status"], "invalid_choice", `the status is "PUBLIC" or "PRIVATE", got ${describeValue(status)}`),
    );
  const organisationIds = fields.organisationIds;
  if (organisationIds !== undefined) {
    if (!isRecord(organisationIds) || Array.isArray(organisationIds))
      issues.push(
        issue(
          ["organisationIds"],
          "invalid_type",
          `the organisation ids are an object of INDIGO organisation ids by party id, got ${describeValue(organisationIds)}`,
        ),
      );
    else
      for (const [party, id] of Object.entries(organisationIds))
        if (typeof id !== "string")
          issues.push(
            issue(
              ["organisationIds", party],
              "invalid_type",
              `an organisation id is a text such as "INDIGO-ORG-0001", got ${describeValue(id)}`,
            ),
          );
  }
  if (issues.length > 0) throw new OptionsError(issues);
  return {
    status: status as "PUBLIC" | "PRIVATE",
    ...(organisationIds !== undefined ? { organisationIds: organisationIds as Readonly<Record<string, string>> } : {}),
  };
}

function periodOf(
  contract: Contract,
  tranche: Tranche | TrancheSettlement,
): { start: string; end: string } | undefined {
  if (!("period" in tranche.covers)) return undefined;
  const id = tranche.covers.period;
  const period = contract.periods.find((entry) => entry.id === id);
  return period === undefined ? undefined : { start: period.start, end: period.end };
}

const datesOf = (period: { start: string; end: string } | undefined) =>
  period === undefined ? {} : { period: { start_date: v(period.start), end_date: v(period.end) } };

/**
 * The INDIGO project record of a contract and its settlement.
 *
 * @example
 * const project = toIndigo(contract, settle(contract, events, { asOf: "2028-03-31" }), { status: "PUBLIC" });
 * writeFileSync("project.json", JSON.stringify(project, null, 2));
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON; settle again).
 * @throws ContractError for a contract given as plain data that is not a valid contract (as `settle`).
 * @throws OptionsError for a settlement that is not of the contract (`settlement_mismatch`), options that are not
 * an object (`invalid_options`), a status other than "PUBLIC" and "PRIVATE" (`invalid_choice`), organisation ids
 * that are not an object of texts (`invalid_type`); then listing every amount a JSON number cannot hold exactly
 * (`inexact_number`, e.g. at `$.contract.tranches[0].pricing.pricePerUnit`): the standard has no exact form for it.
 */
export function toIndigo(contractInput: Contract, settlement: Settlement, options?: IndigoOptions): IndigoProject {
  requireExplained(settlement, "toIndigo");
  const contract = parsedContract(contractInput);
  const { status, organisationIds } = indigoOptions(options, settlement, contract);
  const problems: InputIssue[] = [];
  const amount = (text: string, path: readonly (string | number)[]) => exactAmount(text, path, problems);
  // a payment's amount, with the path of its step in the settlement should it not be exact as a JSON number
  const paymentAmount = (tranche: TrancheSettlement, step: TrancheSettlement["trace"][number] & { amount: string }) =>
    amount(step.amount, [
      "settlement",
      "tranches",
      settlement.tranches.indexOf(tranche),
      "trace",
      tranche.trace.indexOf(step),
      "amount",
    ]);
  const org = (party: string) => v(ownValue(organisationIds, party) ?? party);
  const metrics = new Map(contract.metrics.map((metric) => [metric.id, metric]));
  const parties = new Map<string, Party>(contract.parties.map((party) => [party.id, party]));
  const currency = v(contract.currency);
  const verifiers = contract.parties
    .filter((party) => party.roles.includes("verifier"))
    .map((party) => ownValue(organisationIds, party.id) ?? party.id);
  const final = settlement.asOf >= contract.term.end;
  const onlyMetric = (tranche: Tranche) => {
    const ids = metricsOf(tranche.pricing);
    return ids.length === 1 ? { outcome_metric_id: v(ids[0]!) } : {};
  };
  const trancheById = new Map(contract.tranches.map((tranche) => [tranche.id, tranche]));
  const lastDue = lastPayableDate(contract);

  const outcomeMetrics = contract.metrics.map((metric) => ({
    id: metric.id,
    definition: v(metric.name),
    unit_description_of_service_user_or_beneficiaries: v(metric.unit),
    outcome_validation_method: v(
      `verified results reported by ${verifiers.join(", ") || "the verifier"}; ${metric.better} is better`,
    ),
    data_source_for_outcome_validation: v(metric.baseline.source),
    notes: `baseline ${String(metric.baseline.value)} (${metric.unit}) over ${metric.baseline.period.start} to ${metric.baseline.period.end}`,
    status,
  }));

  const outcomePricings = contract.tranches.flatMap((tranche) =>
    metricsOf(tranche.pricing).map((metricId) => ({
      outcome_metric_id: v(metricId),
      currency,
      ...(tranche.pricing.type === "rate"
        ? {
            price_per_unit: {
              amount: amount(tranche.pricing.pricePerUnit, [
                "contract",
                "tranches",
                contract.tranches.indexOf(tranche),
                "pricing",
                "pricePerUnit",
              ]),
            },
          }
        : {}),
      ...(tranche.cap !== undefined ? { maximum_price_if_all_targets_achieved: { amount: v(tranche.cap) } } : {}),
      price_description: v(
        `tranche ${tranche.id}${tranche.label !== undefined ? ` (${tranche.label})` : ""}, due ${tranche.dueDate}: ${ruleText(tranche.pricing, metrics)}`,
      ),
      status,
    })),
  );

  // One record per verified result (metric and scope), even when several tranches pay on it.
  const verified = new Map<string, { tranche: TrancheSettlement; result: TrancheSettlement["results"][number] }>();
  for (const tranche of settlement.tranches) {
    for (const result of tranche.results) {
      const key = `${result.metric}|${result.scope}`;
      if (result.status === "verified" && result.value !== undefined && !verified.has(key))
        verified.set(key, { tranche, result });
    }
  }
  const results = [...verified.values()].map(({ tranche, result }) => ({
    outcome_metric_id: v(result.metric),
    result_level: v("Outcome level"),
    result_type: v(final ? "Final" : "Interim"),
    ...datesOf(periodOf(contract, tranche)),
    outcomes_achieved: v(
      `${result.value!} (${metrics.get(result.metric)?.unit ?? ""}), verified on ${result.recordedAt ?? ""}${result.evidence !== undefined ? `, evidence ${result.evidence}` : ""}`,
    ),
    ...(result.verifier !== undefined ? { outcomes_validator_organisation_ids: org(result.verifier) } : {}),
    notes: `${result.scope}; event ${result.eventId ?? ""}`,
    status,
  }));

  const plan = "plan";
  const payments = settlement.tranches.flatMap((tranche) => {
    const definition = trancheById.get(tranche.id)!;
    const common = {
      outcome_payment_plan_id: v(plan),
      ...onlyMetric(definition),
      ...datesOf(periodOf(contract, tranche)),
    };
    const planned = tranche.lines
      .filter((line) => line.earned !== null)
      .map((line) => ({
        ...common,
        payer_organisation_id: org(line.payer),
        recipient_organisation_id: org(line.recipient),
        type: v("Planned"),
        money: {
          currency,
          amount: amount(line.earned!.amount, [
            "settlement",
            "tranches",
            settlement.tranches.indexOf(tranche),
            "lines",
            tranche.lines.indexOf(line),
            "earned",
            "amount",
          ]),
        },
        notes: `earned on tranche ${tranche.id} as known on ${settlement.asOf}, payable from ${tranche.payableFrom}`,
        status,
      }));
    const actual = tranche.trace.flatMap((step) =>
      step.kind !== "payment"
        ? []
        : [
            {
              ...common,
              payer_organisation_id: org(step.payer),
              recipient_organisation_id: org(step.recipient),
              type: v("Actual"),
              money: {
                currency,
                amount: paymentAmount(tranche, step),
              },
              notes: `payment ${step.eventId} on ${step.paidOn} against tranche ${tranche.id}`,
              status,
            },
          ],
    );
    return [...planned, ...actual];
  });

  const investors = contract.parties.filter((party) => party.roles.includes("investor"));
  // With a finance section, each investor's commitment; its drawdowns are transactions (capital sent to the
  // funded party), beside the outcome payments the investor received.
  const committedBy = new Map((contract.finance?.investors ?? []).map((entry) => [entry.party, entry]));
  const investments = investors.map((party) => {
    const committed = committedBy.get(party.id);
    return {
      id: `investment-${party.id}`,
      organisation_id: org(party.id),
      ...(committed !== undefined
        ? {
            investment_commitment: {
              currency,
              amount: {
                exact: amount(committed.commitment, [
                  "contract",
                  "finance",
                  "investors",
                  contract.finance!.investors.indexOf(committed),
                  "commitment",
                ]),
              },
            },
          }
        : {}),
      notes: party.name,
      status,
    };
  });
  const drawdowns = [...committedBy.values()].flatMap((entry) =>
    entry.drawdowns.map((drawdown) => ({
      investment_id: v(`investment-${entry.party}`),
      date: v(drawdown.date),
      sending_organisation_id: org(entry.party),
      receiving_organisation_id: org(entry.fundedParty),
      transaction_type: v("Other"),
      money: {
        currency,
        amount: amount(drawdown.amount, [
          "contract",
          "finance",
          "investors",
          contract.finance!.investors.indexOf(entry),
          "drawdowns",
          entry.drawdowns.indexOf(drawdown),
          "amount",
        ]),
      },
      notes: `capital drawn from ${entry.party} for ${entry.fundedParty}`,
      status,
    })),
  );
  const transactions = settlement.tranches.flatMap((tranche) =>
    tranche.trace.flatMap((step) =>
      step.kind === "payment" && investors.some((party) => party.id === step.recipient)
        ? [
            {
              investment_id: v(`investment-${step.recipient}`),
              ...onlyMetric(trancheById.get(tranche.id)!),
              date: v(step.paidOn),
              sending_organisation_id: org(step.payer),
              receiving_organisation_id: org(step.recipient),
              transaction_type: v("Outcome Payment"),
              money: {
                currency,
                amount: paymentAmount(tranche, step),
              },
              notes: `payment ${step.eventId} against tranche ${tranche.id}`,
              status,
            },
          ]
        : [],
    ),
  );

  const commitments = settlement.totals.byPayer.map((payer) => {
    const cap = ownValue(contract.caps?.perPayer, payer.party);
    return {
      organisation_id: org(payer.party),
      maximum_potential_outcome_payment:
        cap !== undefined
          ? { currency: v(contract.currency), amount: amount(cap, ["contract", "caps", "perPayer", payer.party]) }
          : { currency: v(contract.currency) },
      result_type: v(final ? "Overall" : "Interim"),
      period: { start_date: v(contract.term.start), end_date: v(settlement.asOf) },
      total_outcome_payments: {
        currency: v(contract.currency),
        amount: amount(payer.paid.amount, [
          "settlement",
          "totals",
          "byPayer",
          settlement.totals.byPayer.indexOf(payer),
          "paid",
          "amount",
        ]),
      },
      notes: `${parties.get(payer.party)?.name ?? payer.party}: earned ${payer.earned.amount}, paid ${payer.paid.amount} as known on ${settlement.asOf}`,
      status,
    };
  });

  if (problems.length > 0) throw new OptionsError(problems);
  return {
    status,
    name: v(contract.title),
    dates: {
      start_date_of_service_provision: v(contract.term.start),
      anticipated_end_date_of_service_provision: v(contract.term.end),
      ...(lastDue !== undefined ? { anticipated_completion_date: v(lastDue) } : {}),
      notes: `exported by pay-by-results from contract ${contract.id}, settled as of ${settlement.asOf}`,
    },
    outcome_metrics: outcomeMetrics,
    outcome_pricings: outcomePricings,
    results,
    outcome_payment_plans: [
      { id: v(plan), period: { start_date: v(contract.term.start), end_date: v(contract.term.end) }, status },
    ],
    outcome_payments: payments,
    investments,
    transactions: [...drawdowns, ...transactions],
    outcome_payment_commitments: commitments,
  };
}
