/**
 * Builders for the finance tests. The outcome metric is an amount of money ("outcome", higher is better,
 * baseline 0) priced at 1.00 per unit on the value basis, so a verified result of "5000000" earns exactly
 * 5,000,000.00: the tests set outcome payments directly and check the investors' side by hand.
 */
import {
  parseContract,
  parseEvents,
  settle,
  type Contract,
  type Finance,
  type Party,
  type Settlement,
} from "../../src/index.js";

export interface TrancheSpec {
  readonly id: string;
  readonly dueDate: string;
  readonly payers?: readonly { party: string; share: string }[];
  readonly recipients?: readonly { party: string; share: string }[];
}

export const FINANCE_PARTIES: readonly Party[] = [
  { id: "city", name: "City", roles: ["outcome-payer"] },
  { id: "fund", name: "Outcomes fund", roles: ["outcome-payer"] },
  { id: "spv", name: "Intermediary (SPV)", roles: ["intermediary"] },
  { id: "provider", name: "Provider", roles: ["provider"] },
  { id: "senior", name: "Senior lender", roles: ["investor"] },
  { id: "junior", name: "Subordinate lender", roles: ["investor"] },
  { id: "philanthropy", name: "Philanthropy (guarantor)", roles: ["investor"] },
  { id: "evaluator", name: "Evaluator", roles: ["verifier"] },
];

/** A contract as plain data with one tranche per spec (one period each), all paid by the city to the SPV by default. */
export function financeContractJson(
  tranches: readonly TrancheSpec[],
  finance: Finance | undefined,
  currency = "USD",
): Contract {
  return {
    id: "finance-test",
    title: "Finance test contract",
    currency,
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2010-01-01", end: "2035-12-31" },
    parties: FINANCE_PARTIES,
    metrics: [
      {
        id: "outcome",
        name: "Outcome value",
        unit: "currency",
        kind: "amount",
        better: "higher",
        baseline: { value: "0", period: { start: "2009-01-01", end: "2009-12-31" }, source: "test" },
      },
    ],
    periods: tranches.map((tranche) => ({ id: `p-${tranche.id}`, start: "2010-01-01", end: "2010-12-31" })),
    tranches: tranches.map((tranche) => ({
      id: tranche.id,
      covers: { period: `p-${tranche.id}` },
      dueDate: tranche.dueDate,
      pricing: { type: "rate", metric: "outcome", basis: "value", pricePerUnit: "1" },
      payers: tranche.payers ?? [{ party: "city", share: "100%" }],
      recipients: tranche.recipients ?? [{ party: "spv", share: "100%" }],
    })),
    ...(finance !== undefined ? { finance } : {}),
  };
}

export function financeContract(
  tranches: readonly TrancheSpec[],
  finance: Finance | undefined,
  currency = "USD",
): Contract {
  return parseContract(financeContractJson(tranches, finance, currency));
}

/** Settles with each tranche's outcome verified at the given value (in currency units), as of 2036-01-31. */
export function settleWith(contract: Contract, values: Readonly<Record<string, string>>): Settlement {
  const events = Object.entries(values).map(([tranche, value]) => ({
    type: "result",
    id: `r-${tranche}`,
    metric: "outcome",
    period: `p-${tranche}`,
    value,
    status: "verified",
    verifier: "evaluator",
    recordedAt: "2035-12-31",
  }));
  return settle(contract, parseEvents(events, { contract }), { asOf: "2036-01-31" });
}
