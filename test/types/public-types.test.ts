import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type Claim,
  ClaimDecisionList,
  type ClaimSettlement,
  type Contract,
  ContractError,
  type ContractEvent,
  EventsError,
  type InputIssue,
  type Money,
  type PricingRule,
  parseContract,
  parseEvents,
  type SafeParseResult,
  type Settlement,
  safeParseContract,
  settle,
  settleClaims,
  settleClaimsAsync,
} from "../../src/index.js";

/**
 * The public types are part of the API. These assertions are checked by the type checker (`npm run typecheck`,
 * which `npm test` runs before the tests): a change of a public type that breaks them fails the build. Each
 * `@ts-expect-error` is a mistake a user's editor must mark; if it ever compiled, the directive itself would fail.
 */

/** A contract literal as a user writes it in code, checked by the editor with `satisfies Contract`. */
const contract = {
  id: "giovani-al-lavoro-2026",
  title: "Giovani al lavoro",
  currency: "EUR",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-01-01", end: "2027-12-31" },
  parties: [
    { id: "comune", name: "Comune di Esempio", roles: ["outcome-payer", "beneficiary"] },
    { id: "coop", name: "Cooperativa sociale", roles: ["provider"] },
    { id: "valutatore", name: "Valutatore indipendente", roles: ["verifier"] },
  ],
  metrics: [
    {
      id: "inserimenti",
      name: "Giovani entrati in un lavoro",
      unit: "young people",
      kind: "count",
      better: "higher",
      baseline: { value: 40, period: { start: "2023-01-01", end: "2025-12-31" }, source: "Centro per l'impiego" },
    },
  ],
  periods: [{ id: "anno-2026", start: "2026-01-01", end: "2026-12-31" }],
  tranches: [
    {
      id: "t2026",
      covers: { period: "anno-2026" },
      dueDate: "2027-03-31",
      pricing: { type: "rate", metric: "inserimenti", basis: "improvement", pricePerUnit: "2500.00" },
      payers: [{ party: "comune", share: "100%" }],
      recipients: [{ party: "coop", share: "100%" }],
    },
  ],
} satisfies Contract;

describe("the types of a contract written in code", () => {
  it("a contract literal satisfies Contract, and a misspelt rule type, role or rounding mode does not", () => {
    expectTypeOf(contract).toExtend<Contract>();
    const misspeltRule: PricingRule = {
      // @ts-expect-error "rat" is not a pricing rule type
      type: "rat",
      metric: "inserimenti",
      basis: "improvement",
      pricePerUnit: "2500.00",
    };
    const misspeltBasis: PricingRule = {
      type: "rate",
      metric: "inserimenti",
      // @ts-expect-error a pricing basis is value, improvement or relative-improvement
      basis: "improvment",
      pricePerUnit: "2500.00",
    };
    // @ts-expect-error money is a decimal string, never a JSON number
    const floatMoney: PricingRule = { type: "rate", metric: "inserimenti", basis: "improvement", pricePerUnit: 2500 };
    const misspeltRole = {
      ...contract,
      // @ts-expect-error "payer" is not a role: "outcome-payer" is
      parties: [{ id: "comune", name: "Comune", roles: ["payer"] }],
    } satisfies Contract;
    // @ts-expect-error the rounding modes are named, e.g. "half-even"
    const misspeltMode = { ...contract, rounding: { mode: "banker", at: "tranche" } } satisfies Contract;
    // the mistakes above are for the type checker; at run time parseContract refuses the same input
    expect(safeParseContract(misspeltRole).success).toBe(false);
    expect([misspeltRule, misspeltBasis, floatMoney, misspeltMode]).toHaveLength(4);
  });

  it("a Contract is read-only data, to the type checker and at run time", () => {
    const parsed = parseContract(contract);
    // and frozen at run time: assigning throws in a module (strict mode)
    expect(() => {
      // @ts-expect-error the contract parseContract returns cannot be changed
      parsed.tranches[0]!.id = "other";
    }).toThrow(TypeError);
  });
});

describe("the types of the main entry points", () => {
  it("parseContract and parseEvents take unknown input and return the formats' types", () => {
    expectTypeOf(parseContract).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseContract).returns.toEqualTypeOf<Contract>();
    expectTypeOf(parseEvents).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseEvents).returns.toEqualTypeOf<readonly ContractEvent[]>();
  });

  it("safeParseContract returns success with the contract, or failure with a ContractError listing the issues", () => {
    expectTypeOf(safeParseContract).returns.toEqualTypeOf<SafeParseResult<Contract, ContractError>>();
    const result = safeParseContract({});
    if (result.success) expectTypeOf(result.data).toEqualTypeOf<Contract>();
    else expectTypeOf(result.error.issues).toEqualTypeOf<readonly InputIssue[]>();
    expect(result.success).toBe(false);
    expectTypeOf<ContractError>().toExtend<Error>();
    expectTypeOf<EventsError>().toExtend<Error>();
  });

  it("settle returns a Settlement, its money as decimal strings", () => {
    expectTypeOf(settle).returns.toEqualTypeOf<Settlement>();
    expectTypeOf(settle).parameter(2).toHaveProperty("asOf").toEqualTypeOf<string>();
    expectTypeOf<Settlement["tranches"][number]["amountEarned"]>().toEqualTypeOf<Money | null>();
    expectTypeOf<Money["amount"]>().toEqualTypeOf<string>();
  });

  it("claim settlements hold their decisions as a ClaimDecisionList, read with at(), not by index", () => {
    expectTypeOf(settleClaims).returns.toEqualTypeOf<ClaimSettlement>();
    expectTypeOf(settleClaimsAsync).returns.resolves.toEqualTypeOf<ClaimSettlement>();
    // present unless the settlement was made with { keepDecisions: false }
    expectTypeOf<ClaimSettlement["decisions"]>().toEqualTypeOf<ClaimDecisionList | undefined>();
    expectTypeOf<ClaimDecisionList>().toHaveProperty("at");
    expectTypeOf<ClaimDecisionList>().not.toHaveProperty(0);
    expectTypeOf(settleClaims).parameter(1).toEqualTypeOf<Iterable<Claim>>();
    expect(ClaimDecisionList).toBeTypeOf("function");
  });
});
