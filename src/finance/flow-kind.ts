/**
 * The account outcome payments are pooled in before the waterfall distributes them (in a social impact
 * bond, the special-purpose vehicle). Not a party: its flows in and out always net to zero.
 *
 * Kept apart from the waterfall (src/finance/waterfall.ts) so that what only names flows (the reports' words)
 * carries none of its arithmetic.
 *
 * @example
 * flows.filter((flow) => flow.from !== WATERFALL_ACCOUNT && flow.to !== WATERFALL_ACCOUNT);
 */
export const WATERFALL_ACCOUNT = "(waterfall)";

/** What a cash flow is. */
export type FlowKind =
  | "drawdown"
  | "outcome-payment"
  | "pooled"
  | "principal"
  | "return"
  | "management-fee"
  | "performance-fee"
  | "excess"
  | "guarantee";
