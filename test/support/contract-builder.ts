/**
 * Builders for the tests: a minimal valid contract as plain JSON-like data, with overrides, and small helpers
 * to read a settlement. Everything goes through the public API, as a user would.
 *
 * The default contract: one outcome payer ("payer"), a provider, an investor and a verifier ("evaluator");
 * one metric, "dropout" (a rate in %, lower is better, baseline 20.0); two school-year periods p1 and p2;
 * one tranche t1 covering p1, due 2027-11-30, paying EUR 10,000.00 per point of improvement, all from
 * "payer" to "provider".
 */
import {
  parseContract,
  parseEvents,
  safeParseContract,
  safeParseEvents,
  settle,
  type Contract,
  type InputIssue,
  type Metric,
  type Party,
  type PaymentEvent,
  type Period,
  type PricingRule,
  type ResultEvent,
  type Settlement,
  type Tranche,
  type TrancheSettlement,
} from "../../src/index.js";

export const PARTIES: readonly Party[] = [
  { id: "payer", name: "Comune di Palermo", roles: ["outcome-payer", "beneficiary"] },
  { id: "provider", name: "Cooperativa sociale (ETS)", roles: ["provider"] },
  { id: "investor", name: "Fondazione di comunità", roles: ["investor"] },
  { id: "evaluator", name: "Valutatore indipendente", roles: ["verifier"] },
];

export const PERIODS: readonly Period[] = [
  { id: "p1", label: "a.s. 2026/27", start: "2026-09-01", end: "2027-08-31" },
  { id: "p2", label: "a.s. 2027/28", start: "2027-09-01", end: "2028-08-31" },
  { id: "p3", label: "a.s. 2028/29", start: "2028-09-01", end: "2029-08-31" },
];

/** A metric, by default the school dropout rate in %, lower is better, baseline 20.0. */
export function metric(overrides: Partial<Metric> = {}): Metric {
  return {
    id: "dropout",
    name: "Dropout rate of participating pupils",
    unit: "%",
    kind: "rate",
    better: "lower",
    baseline: {
      value: "20.0",
      period: { start: "2022-09-01", end: "2025-08-31" },
      source: "national student registry 2022-25",
    },
    ...overrides,
  };
}

/** A rate rule on the default metric: EUR 10,000 per point of improvement. */
export const DEFAULT_RULE: PricingRule = {
  type: "rate",
  metric: "dropout",
  basis: "improvement",
  pricePerUnit: "10000.00",
};

/** A tranche, by default t1 on period p1, due 2027-11-30, all from "payer" to "provider". */
export function tranche(overrides: Partial<Tranche> = {}): Tranche {
  return {
    id: "t1",
    covers: { period: "p1" },
    dueDate: "2027-11-30",
    pricing: DEFAULT_RULE,
    payers: [{ party: "payer", share: "100%" }],
    recipients: [{ party: "provider", share: "100%" }],
    ...overrides,
  };
}

/** A minimal valid contract as fresh plain data (a deep copy: safe to change). */
export function contractJson(overrides: Partial<Contract> = {}): Contract {
  const base: Contract = {
    id: "test-contract",
    title: "Test contract",
    currency: "EUR",
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2026-09-01", end: "2029-12-31" },
    parties: PARTIES,
    metrics: [metric()],
    periods: PERIODS,
    tranches: [tranche()],
  };
  return structuredClone({ ...base, ...overrides });
}

/** A verified result of a metric for a period (a root event). */
export function verified(
  id: string,
  metricId: string,
  period: string,
  value: number | string,
  recordedAt = "2027-10-15",
): ResultEvent {
  return { type: "result", id, metric: metricId, period, value, status: "verified", verifier: "evaluator", recordedAt };
}

/** A reported (not yet verified) result of a metric for a period. */
export function reported(
  id: string,
  metricId: string,
  period: string,
  value: number | string,
  recordedAt = "2027-09-20",
): ResultEvent {
  return { type: "result", id, metric: metricId, period, value, status: "reported", recordedAt };
}

/** A payment against a tranche. */
export function payment(
  id: string,
  trancheId: string,
  payer: string,
  recipient: string,
  amount: string,
  paidOn: string,
): PaymentEvent {
  return { type: "payment", id, tranche: trancheId, payer, recipient, amount, paidOn };
}

/** Parses the contract and events (as a user would) and settles them as of a date. */
export function settleJson(contract: unknown, events: unknown, asOf: string): Settlement {
  const parsed = parseContract(contract);
  return settle(parsed, parseEvents(events, { contract: parsed }), { asOf });
}

/** The settled tranche with this id; fails the test when it is absent. */
export function trancheOf(settlement: Settlement, id: string): TrancheSettlement {
  const found = settlement.tranches.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no tranche "${id}" in the settlement`);
  return found;
}

/** The earned amount of each payer → recipient line, e.g. `{ "fis→investor": "104160.00" }`. */
export function earnedLines(settled: TrancheSettlement): Record<string, string | null> {
  return Object.fromEntries(
    settled.lines.map((line) => [`${line.payer}→${line.recipient}`, line.earned?.amount ?? null]),
  );
}

/** A deep copy of `value` with the value at `path` replaced (created when absent). */
export function withValue(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const copy: unknown = structuredClone(value);
  const parent = walk(copy, path.slice(0, -1));
  parent[path[path.length - 1]!] = replacement;
  return copy;
}

/** A deep copy of `value` with the key at `path` removed. */
export function without(value: unknown, path: readonly (string | number)[]): unknown {
  const copy: unknown = structuredClone(value);
  const parent = walk(copy, path.slice(0, -1));
  delete parent[path[path.length - 1]!];
  return copy;
}

function walk(value: unknown, path: readonly (string | number)[]): Record<string | number, unknown> {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") throw new Error(`test setup: no object at ${String(key)}`);
    current = (current as Record<string | number, unknown>)[key];
  }
  if (current === null || typeof current !== "object")
    throw new Error("test setup: the path does not lead to an object");
  return current as Record<string | number, unknown>;
}

/** The issues of a contract that must be rejected. */
export function contractIssues(input: unknown): readonly InputIssue[] {
  const result = safeParseContract(input);
  if (result.success) throw new Error("expected the contract to be rejected, but it parsed");
  return result.error.issues;
}

/** The issues of events that must be rejected against a contract. */
export function eventIssues(input: unknown, contract: unknown = contractJson()): readonly InputIssue[] {
  const result = safeParseEvents(input, { contract: parseContract(contract) });
  if (result.success) throw new Error("expected the events to be rejected, but they parsed");
  return result.error.issues;
}

/** `{ code, at }` of each issue, for compact assertions. */
export function codesAt(issues: readonly InputIssue[]): { code: string; at: string }[] {
  return issues.map((entry) => ({ code: entry.code, at: entry.at }));
}
