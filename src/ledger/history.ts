import { compare, exactOfText, isZero, roundTo, unitsAt } from "../formula/exact.js";
import { measureText } from "../money/decimal-text.js";
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

/** One chain of restatements: its events, oldest first, and the state of the result once all are known. */
export interface Chain {
  readonly events: readonly ResultEvent[];
  /** How the value was measured at each event, own or inherited (see `ResultEvent.measurement`). */
  readonly measurements: readonly (MeasurementRecord | undefined)[];
  /** The state after the last event, its trail the whole chain's (a state as of a date reads a prefix of it). */
  readonly head: ResultState;
}

/** The checked history: one chain of restatements per result, and the payments. */
export interface History {
  /** The chains, keyed by `metric|period:P` or `metric|cohort:C`. */
  readonly chains: ReadonlyMap<string, Chain>;
  /** Each chain's head: what is known on any date from `lastRecorded` on. */
  readonly heads: ReadonlyMap<string, ResultState>;
  readonly payments: readonly PaymentEvent[];
  /** The latest date an event (a result or a payment) is known from. */
  lastRecorded: string;
  /** The ledgers of the last few dates the history was settled on (`ledgerAsOf`). */
  readonly ledgers: Map<string, Ledger>;
}

/** The key of a result's scope, e.g. `dropout-rate|period:2026-27`. */
export function scopeKey(metric: string, coverage: { period?: string; cohort?: string }): string {
  return coverage.period !== undefined
    ? `${metric}|period:${coverage.period}`
    : `${metric}|cohort:${coverage.cohort ?? ""}`;
}

const checked = new WeakMap<readonly ContractEvent[], { contract: Contract; history: History; issues: InputIssue[] }>();

/**
 * `buildHistory` of events the library issued (frozen by `parseEvents`), checked once for the contract they were
 * last checked against: `parseEvents` with a contract checks them, and `settle` then reads the history it built
 * instead of checking again.
 */
export function checkedHistory(
  events: readonly ContractEvent[],
  contract: Contract,
): { history: History; issues: InputIssue[] } {
  let found = checked.get(events);
  if (found?.contract !== contract) {
    found = { contract, ...buildHistory(events, contract) };
    checked.set(events, found);
  }
  return found;
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
  const chains = new Map<string, Chain>();
  const heads = new Map<string, ResultState>();
  const history: History = { chains, heads, payments, lastRecorded: "", ledgers: new Map() };
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
  if (issues.length > 0) return { history, issues };

  // 3. Chains from each root, inheriting fields.
  let lastRecorded = "";
  for (const payment of payments) if (knownFrom(payment) > lastRecorded) lastRecorded = knownFrom(payment);
  const rootOf = new Map<string, number>();
  const secondRoots = new Set<string>(); // already reported as second results: not cycles
  for (const { event, index } of unique) {
    if (event.type !== "result" || event.restates !== undefined) continue;
    const metric = event.metric!;
    const key = scopeKey(metric, event);
    const scope = event.period !== undefined ? `period ${event.period}` : `cohort ${event.cohort ?? ""}`;
    const other = rootOf.get(key);
    if (other !== undefined) {
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
    const chainEvents: ResultEvent[] = [];
    const measurements: (MeasurementRecord | undefined)[] = [];
    const trail: TrailEntry[] = [];
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
          `restates a result for ${scope} but names another period or cohort`,
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
      chainEvents.push(e);
      measurements.push(measurement);
      const { id: eventId, status, recordedAt } = e;
      trail.push(Object.freeze({ eventId, status, value: measureText(value), recordedAt }));
      if (recordedAt > lastRecorded) lastRecorded = recordedAt;
      current = successors.get(e.id)?.[0];
    }
    const head = stateOf(metric, scope, chainEvents.at(-1)!, measurement, Object.freeze(trail));
    chains.set(key, { events: chainEvents, measurements, head });
    heads.set(key, head);
  }
  // A restatement that no root reaches is part of a cycle.
  const reached = new Set(secondRoots);
  for (const chain of chains.values()) for (const { id } of chain.events) reached.add(id);
  for (const { event, index } of unique) {
    if (event.type === "result" && !reached.has(event.id)) {
      report(index, "restates", "restatement_cycle", `event "${event.id}" is part of a cycle of restatements`);
    }
  }
  history.lastRecorded = lastRecorded;
  return { history, issues };
}

/**
 * The state of one result as known on a date: the last event of its chain known by then, written as the
 * explanation shows a result (a `ResultStep`, src/explanation/steps.ts: the same fields in the same order), so
 * that a settlement reads it as it is.
 */
export interface ResultState {
  readonly kind: "result";
  readonly metric: string;
  /** What the result covers, in words: `period as-2026-27` or `cohort c2026`. */
  readonly scope: string;
  readonly status: ResultStatus;
  /** The value as a plain decimal text (`measureText`). */
  readonly value: string;
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

/** One event of a result's trail. */
type TrailEntry = ResultState["trail"][number];

/** What is known on `asOf`: the current state of each result, and the payments made. */
export interface Ledger {
  readonly results: ReadonlyMap<string, ResultState>;
  readonly payments: readonly PaymentEvent[];
  /** What a settlement keeps with the ledger to settle it again (src/engine/settle.ts), made on first use. */
  view?: object;
}

/**
 * Folds a checked history into what is known on `asOf` (events recorded on or before that date): remembered for
 * the last few dates each history was settled on (a ledger is never changed).
 */
export function ledgerAsOf(history: History, asOf: string): Ledger {
  const byDate = history.ledgers;
  let ledger = byDate.get(asOf);
  if (ledger !== undefined) return ledger;
  if (byDate.size >= 8) byDate.clear();
  // every event known (the usual case): the heads and the payments as they are
  ledger = { results: history.heads, payments: history.payments };
  if (asOf < history.lastRecorded) {
    const results = new Map<string, ResultState>();
    for (const [key, { events, measurements, head }] of history.chains) {
      // a chain is in order of recording (a restatement never precedes what it restates): what is known is a prefix
      let known = events.length;
      while (known > 0 && events[known - 1]!.recordedAt > asOf) known -= 1;
      if (known === events.length) results.set(key, head);
      else if (known > 0) {
        const trail = Object.freeze(head.trail.slice(0, known));
        results.set(key, stateOf(head.metric, head.scope, events[known - 1]!, measurements[known - 1], trail));
      }
    }
    ledger = { results, payments: history.payments.filter((payment) => knownFrom(payment) <= asOf) };
  }
  byDate.set(asOf, ledger);
  return ledger;
}

/** The state of a result after `event`, the last of `trail` (frozen). */
function stateOf(
  metric: string,
  scope: string,
  event: ResultEvent,
  measurement: MeasurementRecord | undefined,
  trail: readonly TrailEntry[],
): ResultState {
  // written field by field (no spread of optional parts: a history holds one state per result)
  const state: { -readonly [K in keyof ResultState]?: ResultState[K] } = {
    kind: "result",
    metric,
    scope,
    status: event.status,
    value: trail[trail.length - 1]!.value,
    eventId: event.id,
    recordedAt: event.recordedAt,
  };
  if (event.verifier !== undefined) state.verifier = event.verifier;
  if (event.evidence !== undefined) state.evidence = event.evidence;
  if (measurement !== undefined) state.measurement = measurement;
  state.trail = trail;
  return Object.freeze(state as ResultState);
}
