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
export {
  ValidationError,
  ContractError,
  EventsError,
  OptionsError,
  type InputIssue,
} from "./errors/validation-error.js";
export { ArgumentError } from "./errors/argument-error.js";

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
export type { TextOptions } from "./report/report-locale.js";

// JSON Schemas of the file formats, for editors (shipped as pay-by-results/schema/*.json)
export { contractJsonSchema, eventsJsonSchema, jsonSchemaText, type JsonSchema } from "./contract/json-schema.js";

// INDIGO export (the GO Lab's impact bond data standard)
export { toIndigo, describeRule, type IndigoOptions, type IndigoProject } from "./report/indigo.js";

// A settlement as CSV, for spreadsheets
export { settlementToCsv, type CsvSeparator, type SettlementCsvOptions } from "./report/settlement-csv.js";
export {
  trancheRows,
  lineRows,
  partyTotalRows,
  simulationRows,
  percentileRows,
  measurementRows,
  type TrancheRow,
  type LineRow,
  type PartyTotalRow,
  type SimulatedMeasure,
  type SimulationRow,
  type PercentileRow,
  type MeasurementRow,
  decisionRows,
  participantRows,
  outcomeTotalRows,
  claimPeriodRows,
  type DecisionRow,
  type ParticipantRow,
  type OutcomeTotalRow,
  type ClaimPeriodRow,
} from "./report/tidy-rows.js";
export { rowsToCsv } from "./report/tidy-csv.js";

// Reports in English and Italian, and charts
export { renderMarkdown } from "./report/markdown.js";
export { renderHtml } from "./report/html.js";
export type { ReportOptions } from "./report/report-model.js";
export { REPORT_LOCALES, reportStyle, plainTextStyle, type ReportLocale, type Style } from "./report/style.js";
export { paymentCurve, type PaymentCurve } from "./report/charts/payment-curve.js";
export { paymentCurveSvg, type ChartWords } from "./report/charts/svg.js";
export { paymentCurveVegaLite } from "./report/charts/vega-lite.js";

// measure: observations -> effects with uncertainty
export { MeasureError } from "./measure/measure-error.js";
export { measure } from "./measure/estimators.js";
export { blend, poolCohorts, type BlendPart, type PoolPart } from "./measure/combine.js";
export {
  measureRecords,
  measureCohorts,
  type ParticipantRecord,
  type RecordsRequest,
  type CohortMeasurements,
} from "./measure/records.js";
export type {
  OutcomeKind,
  BinaryAggregate,
  CountAggregate,
  ContinuousAggregate,
  GroupAggregate,
  HistoryPoint,
  Better,
  MeasureRequest,
  Estimator,
  LevelRequest,
  FixedBaselineRequest,
  TrendBaselineRequest,
  ComparisonRequest,
  DifferenceInDifferencesRequest,
} from "./measure/inputs.js";
export type * from "./measure/measurement.js";
export { explainMeasurement } from "./report/explain-measurement.js";
export { methodText, powerTestText } from "./report/method-text.js";
export * as distributions from "./measure/distributions.js";
export {
  measurementRecord,
  measurementEvent,
  toDecimalString,
  MEASUREMENT_DIGITS,
  type MeasurementEventOptions,
} from "./measure/measurement-record.js";
export type { MeasurementRecord, StatisticsOptions, CohortFallback } from "./contract/measurement-format.js";
export type * from "./explanation/measurement-steps.js";
// investors' side: cash flows, waterfall, guarantees, returns, scenarios, simulation
export {
  cashFlows,
  type CashFlows,
  type CashFlow,
  type PartyFlow,
  type PartyCashFlows,
  type InvestorPosition,
} from "./finance/cash-flows.js";
export { WATERFALL_ACCOUNT, type FlowKind } from "./finance/waterfall.js";
export type { WaterfallBasis } from "./finance/basis-words.js";
export { partyReturns, investorReturns, type PartyReturns, type ReturnsOptions } from "./finance/returns.js";
export { xirr, npvAt, timedFlows, IRR_TOLERANCE, type IrrResult, type TimedFlow } from "./finance/xirr.js";
export { runScenarios, type Scenario, type ScenarioOptions, type ScenarioOutcome } from "./finance/scenarios.js";
export {
  simulate,
  type SimulationOptions,
  type SimulationResult,
  type ResultDistribution,
  type MoneySummary,
  type InvestorSimulation,
} from "./finance/simulate.js";
export type { Distribution } from "./finance/random.js";
export type * from "./finance/finance-steps.js";
export { explainCashFlows } from "./report/explain-finance.js";
// formulas, decision tables and amendments
export { parseFormula, evaluateFormula, type FormulaResult, type EvaluateFormulaOptions } from "./formula/formula.js";
export { printFormula } from "./formula/print.js";
export { FORMULA_LIMITS, type FormulaNode, type BinaryOperator, type Namespace } from "./formula/syntax.js";
export { FormulaError, LinesError } from "./errors/formula-error.js";
export { termsInForce } from "./contract/terms-in-force.js";
export type { TermsInForce, TermsOptions } from "./contract/amendments.js";
export {
  priceLines,
  type PriceLine,
  type PriceLinesOptions,
  type LinesPriced,
  type InvoiceTotal,
  type LineExplanation,
} from "./pricing/price-lines.js";
export { explainLines } from "./report/explain-text.js";
export { scenariosTable, simulationTable, irrText } from "./report/finance-tables.js";

// rate cards: participant-level outcome claims
export type * from "./contract/rate-card-types.js";
export {
  settleClaims,
  settleClaimsAsync,
  streamClaimDecisions,
  type ClaimDecisionStream,
  type StreamClaimDecisionsOptions,
} from "./claims/settle-claims.js";
export {
  claimDecisionChunks,
  claimSettlementJsonChunks,
  CLAIM_DECISION_CSV_COLUMNS,
  type ClaimDecisionCsvColumn,
  type ClaimDecisionFormat,
} from "./claims/claim-output.js";
export type { SettleClaimsOptions } from "./claims/claim-run.js";
export type * from "./claims/claim-types.js";
export { ClaimsError } from "./claims/claims-error.js";
export { parseClaimsCsv, type ClaimsCsvOptions } from "./claims/claims-from-csv.js";
export type { ClaimsCsvSeparator } from "./claims/claims-csv.js";
export { ClaimDecisionList } from "./claims/claim-decisions.js";
export { explainClaims, explainClaimDecision } from "./report/explain-claims.js";
export { distributionSvg, distributionVegaLite, type DistributionWords } from "./report/charts/distribution.js";

// the FIS path: contract stages, design tools (power and sample size), the FIS profile, from experiment to deal
export { CONTRACT_STAGES } from "./contract/stage-format.js";
export { DesignError } from "./design/design-error.js";
export {
  detectionPower,
  minimumDetectableEffect,
  requiredSample,
  type DesignRequest,
  type DesignOutcome,
  type PlannedSample,
  type DetectableEffect,
  type RequiredSample,
} from "./design/power.js";
export type { PowerTestFigures } from "./measure/method-words.js";
export { exAnteTable, type ExAnteOptions, type ExAnteRow } from "./design/ex-ante.js";
export {
  suggestTerms,
  dealOutlook,
  type SuggestedTerms,
  type TermPoint,
  type DealOutlookOptions,
  type DealOutlook,
} from "./design/from-experiment.js";
export {
  checkProfile,
  profileText,
  type ProfileName,
  type ProfileFinding,
  type ProfileReport,
  type ProfileOptions,
} from "./profile/check-profile.js";
export { FIS_AREAS, type FisArea, type FisRole, type FindingDetail } from "./profile/profile-phrases.js";
export { assessPlan, type PlanAssessment } from "./design/assess-plan.js";
// Results show themselves in notebooks (Deno's Jupyter kernel); importing this module registers their displays.
export { JUPYTER_DISPLAY, type NotebookBundle } from "./report/notebook-display.js";
