import { remember } from "../util/remember.js";
import { compare, exactOfMeasure, exactOfText, isZero, plainText, roundTo, unitsAt } from "../formula/exact.js";
import { contractMinorUnits } from "../contract/contract-currency.js";
import { isTooLargeUnits, tooLargeMessage } from "../money/limits.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { canonicalJson } from "../util/canonical-json.js";
import type { Contract } from "../contract/types.js";
import type { Quantity } from "../contract/primitives.js";
import { measurementIssues, type MeasurementRecord } from "../contract/measurement-format.js";
import {
  knownFrom,
  type ContractEvent,
  type PaymentEvent,
  type ResultEvent,
  type ResultStatus,
} from "../contract/event-types.js";

/** What a result is about: a metric, in a period or a cohort. */
export interface ResultScope {
  readonly metric: string;
  readonly period?: string;
  readonly cohort?: string;
}

/** A result event with what it inherits from the events it restates filled in. */
export interface ResolvedResult {
  readonly event: ResultEvent;
  readonly metric: string;
  readonly scopeKey: string;
  readonly value: Quantity;
  readonly recordedAt: string;
  /** How the value was measured, own or inherited (see `ResultEvent.measurement`). */
  readonly measurement?: MeasurementRecord;
}

/** The checked history: one chain of restatements per result, and the payments. */
export interface History {
  /** Chains of resolved results, oldest first, keyed by `metric|period:P` or `metric|cohort:C`. */
  readonly chains: ReadonlyMap<string, readonly ResolvedResult[]>;
  readonly payments: readonly PaymentEvent[];
}

/** The key of a result's scope, e.g. `dropout-rate|period:2026-27`. */
export function scopeKey(metric: string, coverage: { period?: string; cohort?: string }): string {
  return coverage.period !== undefined
    ? `${metric}|period:${coverage.period}`
    : `${metric}|cohort:${coverage.cohort ?? ""}`;
}

/**
 * A measured value as a plain decimal string (`measureText`'s rule, without a decimal library): a string as
 * written, a number through its shortest round-trip form without an exponent (`1e-7` → `"0.0000001"`).
 */
const measureText = (value: number | string): string =>
  typeof value === "number" ? plainText(exactOfMeasure(value)!) : value;

const checked = new WeakMap<readonly ContractEvent[], WeakMap<Contract, { history: History; issues: InputIssue[] }>>();

/**
 * `buildHistory` of events the library issued (frozen by `parseEvents`), checked once per contract: `parseEvents`
 * with a contract checks them, and `settle` then reads the history it built instead of checking again.
 */
export function checkedHistory(
  events: readonly ContractEvent[],
  contract: Contract,
): { history: History; issues: InputIssue[] } {
  const byContract = remember(
    checked,
    events,
    () => new WeakMap<Contract, { history: History; issues: InputIssue[] }>(),
  );
  return remember(byContract, contract, () => buildHistory(events, contract));
}

/**
 * Checks events against each other and against the contract, and links every restatement chain.
 * Identical repeats of an event (same id, same content) are dropped; two different events with one id are
 * an error. Every problem found is returned, each with the path of the event at fault.
 */
export function buildHistory(
  events: readonly ContractEvent[],
  contract: Contract,
): { history: History; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const report = (index: number, key: string | undefined, code: string, message: string) =>
    issues.push(issue(key === undefined ? [index] : [index, key], code, message));

  // 1. One event per id.
  const byId = new Map<string, { event: ContractEvent; index: number; text: string }>();
  const unique: { event: ContractEvent; index: number }[] = [];
  events.forEach((event, index) => {
    const text = canonicalJson(event);
    const first = byId.get(event.id);
    if (first === undefined) {
      byId.set(event.id, { event, index, text });
      unique.push({ event, index });
    } else if (first.text !== text) {
      report(
        index,
        "id",
        "duplicate_event_id",
        `event id "${event.id}" is already used by events[${first.index}] with different content: ids must be unique (an identical repeat is ignored)`,
      );
    }
  });

  const parties = new Map(contract.parties.map((party) => [party.id, party]));
  const metrics = new Set(contract.metrics.map((metric) => metric.id));
  const periods = new Set(contract.periods.map((period) => period.id));
  const cohorts = new Set((contract.cohorts ?? []).map((cohort) => cohort.id));
  const tranches = new Map(contract.tranches.map((tranche) => [tranche.id, tranche]));

  // 2. Each event on its own, against the contract.
  const successors = new Map<string, { event: ResultEvent; index: number }[]>();
  const payments: PaymentEvent[] = [];
  for (const { event, index } of unique) {
    if (event.type === "payment") {
      const tranche = tranches.get(event.tranche);
      if (tranche === undefined) {
        report(index, "tranche", "unknown_tranche", `unknown tranche "${event.tranche}"`);
      } else {
        if (!tranche.payers.some((share) => share.party === event.payer)) {
          report(
            index,
            "payer",
            "not_a_tranche_payer",
            `"${event.payer}" is not a payer of tranche "${event.tranche}"`,
          );
        }
        if (!tranche.recipients.some((share) => share.party === event.recipient)) {
          report(
            index,
            "recipient",
            "not_a_tranche_recipient",
            `"${event.recipient}" is not a recipient of tranche "${event.tranche}"`,
          );
        }
      }
      if (event.currency !== undefined && event.currency !== contract.currency) {
        report(
          index,
          "currency",
          "currency_mismatch",
          `the payment is in ${event.currency} but the contract is in ${contract.currency}: convert it first (the library never converts currencies)`,
        );
      }
      const amount = exactOfText(event.amount)!;
      if (isZero(amount)) report(index, "amount", "zero_payment", "a payment of zero records nothing: leave it out");
      const places = contractMinorUnits(contract);
      if (compare(roundTo(amount, places, "down"), amount) !== 0) {
        report(
          index,
          "amount",
          "sub_minor_unit",
          `${event.amount} has more than ${places} decimal places for ${contract.currency}`,
        );
      } else if (isTooLargeUnits(unitsAt(roundTo(amount, places, "down"), places))) {
        const message = tooLargeMessage("the payment", event.amount, contract.currency, places);
        report(index, "amount", "amount_too_large", message);
      }
      if (event.recordedAt !== undefined && event.recordedAt < event.paidOn) {
        report(
          index,
          "recordedAt",
          "recorded_before_paid",
          `recorded on ${event.recordedAt}, before it was paid on ${event.paidOn}`,
        );
      }
      payments.push(event);
      continue;
    }
    if (event.period !== undefined && event.cohort !== undefined) {
      report(index, undefined, "period_and_cohort", "a result is for a period or for a cohort, not both");
    }
    if (event.metric !== undefined && !metrics.has(event.metric))
      report(index, "metric", "unknown_metric", `unknown metric "${event.metric}"`);
    if (event.period !== undefined && !periods.has(event.period))
      report(index, "period", "unknown_period", `unknown period "${event.period}"`);
    if (event.cohort !== undefined && !cohorts.has(event.cohort))
      report(index, "cohort", "unknown_cohort", `unknown cohort "${event.cohort}"`);
    if (event.verifier !== undefined) {
      const verifier = parties.get(event.verifier);
      if (verifier === undefined) report(index, "verifier", "unknown_party", `unknown party "${event.verifier}"`);
      else if (!verifier.roles.includes("verifier"))
        report(index, "verifier", "not_a_verifier", `party "${event.verifier}" lacks the role verifier`);
    } else if (event.status === "verified") {
      report(index, "verifier", "verifier_required", "a verified result must name its verifier");
    }
    if (event.restates === undefined) {
      if (event.metric === undefined)
        report(
          index,
          "metric",
          "required",
          '"metric" is required (it can be left out only when the event restates another)',
        );
      if (event.period === undefined && event.cohort === undefined)
        report(index, "period", "required", 'a result needs a "period" or a "cohort"');
      if (event.value === undefined)
        report(
          index,
          "value",
          "required",
          '"value" is required (it can be left out only when the event restates another)',
        );
      continue;
    }
    const target = byId.get(event.restates);
    if (target === undefined) {
      report(index, "restates", "unknown_event", `restates unknown event "${event.restates}"`);
    } else if (target.event.type !== "result") {
      report(
        index,
        "restates",
        "restates_payment",
        `restates "${event.restates}", which is a payment: a result can only restate a result`,
      );
    } else {
      if (target.event.recordedAt > event.recordedAt) {
        report(
          index,
          "recordedAt",
          "restates_later_event",
          `restates "${event.restates}", recorded later (${target.event.recordedAt}); a restatement cannot precede what it restates`,
        );
      }
      const list = successors.get(event.restates) ?? [];
      list.push({ event, index });
      successors.set(event.restates, list);
    }
  }
  for (const [restated, list] of successors) {
    if (list.length > 1) {
      const [, second] = list;
      report(
        second!.index,
        "restates",
        "forked_restatement",
        `events "${list.map((entry) => entry.event.id).join('", "')}" all restate "${restated}": a history is one line, so restate the latest event instead`,
      );
    }
  }
  if (issues.length > 0) return { history: { chains: new Map(), payments }, issues };

  // 3. Chains from each root, inheriting fields.
  const chains = new Map<string, ResolvedResult[]>();
  const rootOf = new Map<string, number>();
  const secondRoots = new Set<string>(); // already reported as second results: not cycles
  for (const { event, index } of unique) {
    if (event.type !== "result" || event.restates !== undefined) continue;
    const metric = event.metric!;
    const key = scopeKey(metric, event);
    const other = rootOf.get(key);
    if (other !== undefined) {
      const scope = event.period !== undefined ? `period ${event.period}` : `cohort ${event.cohort ?? ""}`;
      report(
        index,
        undefined,
        "second_result",
        `events[${other}] already reports ${metric} for ${scope}: record a correction with "restates": "<id of the latest event>" instead of a second result`,
      );
      for (let next: ResultEvent | undefined = event; next !== undefined; next = successors.get(next.id)?.[0]?.event)
        secondRoots.add(next.id);
      continue;
    }
    rootOf.set(key, index);
    const chain: ResolvedResult[] = [];
    let current: { event: ResultEvent; index: number } | undefined = { event, index };
    let value: Quantity = event.value!;
    let measurement: MeasurementRecord | undefined;
    while (current !== undefined) {
      const e: ResultEvent = current.event;
      if (e.metric !== undefined && e.metric !== metric) {
        report(
          current.index,
          "metric",
          "restatement_mismatch",
          `restates a result for metric "${metric}" but names metric "${e.metric}"`,
        );
      }
      if ((e.period !== undefined || e.cohort !== undefined) && scopeKey(metric, e) !== key) {
        report(
          current.index,
          e.period !== undefined ? "period" : "cohort",
          "restatement_mismatch",
          `restates a result for ${event.period !== undefined ? `period ${event.period}` : `cohort ${event.cohort ?? ""}`} but names another period or cohort`,
        );
      }
      value = e.value ?? value;
      measurement = e.measurement ?? (e.value !== undefined ? undefined : measurement);
      if (e.measurement !== undefined)
        issues.push(
          ...measurementIssues(
            current.index,
            value,
            e.measurement,
            contract.metrics.find((m) => m.id === metric)?.better,
          ),
        );
      chain.push(
        Object.freeze({
          event: e,
          metric,
          scopeKey: key,
          value,
          recordedAt: e.recordedAt,
          ...(measurement !== undefined ? { measurement } : {}),
        }),
      );
      current = successors.get(e.id)?.[0];
    }
    chains.set(key, chain);
  }
  // A restatement that no root reaches is part of a cycle.
  const reached = new Set([...[...chains.values()].flat().map((entry) => entry.event.id), ...secondRoots]);
  for (const { event, index } of unique) {
    if (event.type === "result" && !reached.has(event.id)) {
      report(index, "restates", "restatement_cycle", `event "${event.id}" is part of a cycle of restatements`);
    }
  }
  return { history: { chains, payments }, issues };
}

/** The state of one result as known on a date: the last event of its chain known by then. */
export interface ResultState {
  readonly metric: string;
  readonly scopeKey: string;
  readonly status: ResultStatus;
  readonly value: Quantity;
  readonly eventId: string;
  readonly recordedAt: string;
  readonly verifier?: string;
  readonly evidence?: string;
  readonly measurement?: MeasurementRecord;
  /** Every event of the chain known by then, oldest first: history is shown, never dropped. */
  readonly trail: readonly {
    readonly eventId: string;
    readonly status: ResultStatus;
    readonly value: string;
    readonly recordedAt: string;
  }[];
}

/** What is known on `asOf`: the current state of each result, and the payments made. */
export interface Ledger {
  readonly results: ReadonlyMap<string, ResultState>;
  readonly payments: readonly PaymentEvent[];
}

const ledgers = new WeakMap<History, Map<string, Ledger>>();

/** `ledgerAsOf`, remembered for the last few dates each history was settled on (a ledger is never changed). */
export function rememberedLedger(history: History, asOf: string): Ledger {
  const byDate = remember(ledgers, history, () => new Map<string, Ledger>());
  if (byDate.size >= 8 && !byDate.has(asOf)) byDate.clear();
  return remember(byDate, asOf, () => ledgerAsOf(history, asOf));
}

/** Folds a checked history into what is known on `asOf` (events recorded on or before that date). */
export function ledgerAsOf(history: History, asOf: string): Ledger {
  const results = new Map<string, ResultState>();
  for (const [key, chain] of history.chains) {
    const known = chain.filter((entry) => entry.recordedAt <= asOf);
    const head = known[known.length - 1];
    if (head === undefined) continue;
    results.set(
      key,
      Object.freeze({
        metric: head.metric,
        scopeKey: key,
        status: head.event.status,
        value: head.value,
        eventId: head.event.id,
        recordedAt: head.recordedAt,
        ...(head.event.verifier !== undefined ? { verifier: head.event.verifier } : {}),
        ...(head.event.evidence !== undefined ? { evidence: head.event.evidence } : {}),
        ...(head.measurement !== undefined ? { measurement: head.measurement } : {}),
        trail: Object.freeze(
          known.map((entry) =>
            Object.freeze({
              eventId: entry.event.id,
              status: entry.event.status,
              value: measureText(entry.value),
              recordedAt: entry.recordedAt,
            }),
          ),
        ),
      }),
    );
  }
  const payments = history.payments.filter((payment) => knownFrom(payment) <= asOf);
  return { results, payments };
}
