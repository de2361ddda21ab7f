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

// rate cards: participant-level outcome claims
export type * from "./contract/rate-card-types.js";
export { settleClaims, settleClaimsAsync } from "./claims/settle-claims.js";
export type { SettleClaimsOptions } from "./claims/claim-run.js";
export type * from "./claims/claim-types.js";
export { ClaimsError } from "./claims/claims-error.js";
export { explainClaims, explainClaimDecision } from "./report/explain-claims.js";
