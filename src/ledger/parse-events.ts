import { type ContractError, EventsError } from "../errors/validation-error.js";
import { deepFreeze } from "../util/freeze.js";
import type { Contract } from "../contract/types.js";
import type { ContractEvent } from "../contract/event-types.js";
import { eventsSchema } from "../contract/events-schema.js";
import { safeParseContract, type SafeParseResult } from "../contract/parse-contract.js";
import { checkedHistory } from "./history.js";
import { isIssued, markIssued } from "../util/issued.js";

/** Options of `parseEvents`. */
export interface ParseEventsOptions {
  /** When given, the events are also checked against the contract and against each other. */
  readonly contract?: Contract;
}

/**
 * Reads verification and payment events from JSON-like data. With a contract, also checks every reference
 * (metrics, periods, parties, tranches) and every restatement chain, as `settle` does.
 *
 * @example
 * const events = parseEvents(JSON.parse(text), { contract });
 * @throws EventsError listing every problem with its JSON path, e.g. `$[3].metric`.
 * @throws ContractError when the contract given was not made by `parseContract` and is not valid.
 */
export function parseEvents(input: unknown, options: ParseEventsOptions = {}): readonly ContractEvent[] {
  const result = safeParseEvents(input, options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like `parseEvents`, but returns `{ success, data }` or `{ success, error }` instead of throwing.
 *
 * @example
 * const result = safeParseEvents(json, { contract });
 * if (!result.success) for (const problem of result.error.issues) console.log(problem.at, problem.message);
 */
export function safeParseEvents(
  input: unknown,
  options: ParseEventsOptions = {},
): SafeParseResult<readonly ContractEvent[], EventsError | ContractError> {
  const structural = eventsSchema.safeParse(input);
  if (!structural.success) return { success: false, error: new EventsError(structural.error) };
  const events = structural.data as unknown as ContractEvent[];
  const contractInput = (options ?? {}).contract;
  if (contractInput !== undefined) {
    // A contract that did not come from parseContract is checked first: events cannot be checked against
    // a contract that is itself wrong.
    const checked = isIssued(contractInput, "contract")
      ? { success: true as const, data: contractInput }
      : safeParseContract(contractInput);
    if (!checked.success) return checked;
    // checked once: settle reads the history built here rather than checking the events again
    const { issues } = checkedHistory(deepFreeze(events), checked.data);
    if (issues.length > 0) return { success: false, error: new EventsError(issues) };
  }
  return { success: true, data: markIssued(deepFreeze(events), "events") };
}
