/**
 * pay-by-results: exact, explainable settlement of outcome-based contracts.
 *
 * The core runs anywhere (no I/O, no clock, no randomness): parse a contract and its events, then `settle`
 * them as of a date, and `explain` the result.
 * @packageDocumentation
 */

// money
export { money, zero, add, subtract, sum, compare, isZero, isNegative, type Money } from "./money/money.js";
export { allocate } from "./money/allocate.js";
export { minorUnits, isKnownCurrency, knownCurrencies, type CurrencyCode } from "./money/currency.js";
export { ROUNDING_MODES, type RoundingMode } from "./money/rounding.js";

// errors
export { ValidationError, ContractError, EventsError, OptionsError, type InputIssue } from "./errors/validation-error.js";

// contract and events formats
export { parseContract, safeParseContract, type SafeParseResult } from "./contract/parse-contract.js";
export type * from "./contract/types.js";
export type { ResultEvent, PaymentEvent, ContractEvent, ResultStatus } from "./contract/event-types.js";
export type { CalendarDate } from "./contract/calendar.js";
export type { Quantity } from "./contract/primitives.js";
export { parseEvents, safeParseEvents, type ParseEventsOptions } from "./ledger/parse-events.js";

// settlement
export { settle, type SettleOptions } from "./engine/settle.js";
export type * from "./engine/settlement-types.js";
export type * from "./explanation/steps.js";
export { explain } from "./report/explain-text.js";

// investors' side: cash flows, waterfall, guarantees, returns, scenarios, simulation
export { cashFlows, type CashFlows, type CashFlow, type PartyFlow, type PartyCashFlows, type InvestorPosition } from "./finance/cash-flows.js";
export { WATERFALL_ACCOUNT, type FlowKind } from "./finance/waterfall.js";
export { partyReturns, investorReturns, type PartyReturns, type ReturnsOptions } from "./finance/returns.js";
export { xirr, npvAt, timedFlows, IRR_TOLERANCE, type IrrResult, type TimedFlow } from "./finance/xirr.js";
export { runScenarios, type Scenario, type ScenarioOptions, type ScenarioOutcome } from "./finance/scenarios.js";
export {
  simulate, type SimulationOptions, type SimulationResult, type ResultDistribution, type MoneySummary, type InvestorSimulation,
} from "./finance/simulate.js";
export type { Distribution } from "./finance/random.js";
export type * from "./finance/finance-steps.js";
export { explainCashFlows } from "./report/explain-finance.js";
export { scenariosTable, simulationTable, irrText } from "./report/finance-tables.js";
