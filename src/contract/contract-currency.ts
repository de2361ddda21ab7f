import { isCurrencyCodeShaped, isKnownCurrency, MAX_STATED_MINOR_UNITS, minorUnits } from "../money/currency.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { Contract } from "./types.js";

/** What the currency checks read of a contract. */
type ContractCurrency = Pick<Contract, "currency" | "currencyMinorUnits">;

/**
 * The minor units of a contract's currency: ISO 4217's for a code the library knows (`minorUnits`), else the
 * number the contract states in `currencyMinorUnits`. Every amount the library computes for the contract is in
 * whole minor units of it.
 *
 * @example
 * contractMinorUnits(parseContract(file)); // 2 for "EUR"; 2 for { currency: "ZZB", currencyMinorUnits: 2 }
 * @throws ArgumentError (`unknown_currency`, path `$.currency`) for a code the library does not know when the
 * contract states no minor units (`parseContract` refuses such a contract).
 */
export function contractMinorUnits(contract: Pick<Contract, "currency" | "currencyMinorUnits">): number {
  // parseContract makes sure a stated number agrees with ISO 4217 for a known code, so it can be read first
  return contract.currencyMinorUnits ?? minorUnits(contract.currency);
}

/**
 * The minor units that the money of the contract is checked against, or undefined when the currency is not one
 * the library can use (`currencyIssues` reports why; money is then not checked against it).
 *
 * @internal
 */
export function checkedMinorUnits(contract: ContractCurrency): number | undefined {
  return currencyIssues(contract).length === 0 ? contractMinorUnits(contract) : undefined;
}

/**
 * The problems of a contract's `currency` and `currencyMinorUnits` (the schema has checked their types):
 * - `unknown_currency` at `currency`: a code the library does not know and no minor units stated, or a text
 *   that is not three capital letters;
 * - `invalid_minor_units` at `currencyMinorUnits`: a number outside 0 to 4;
 * - `minor_units_mismatch` at `currencyMinorUnits`: a number that disagrees with ISO 4217 for a known code.
 *
 * @internal
 */
export function currencyIssues(contract: ContractCurrency): InputIssue[] {
  const { currency, currencyMinorUnits: stated } = contract;
  if (stated !== undefined && (stated < 0 || stated > MAX_STATED_MINOR_UNITS)) {
    return [
      issue(
        ["currencyMinorUnits"],
        "invalid_minor_units",
        `a currency has 0 to ${MAX_STATED_MINOR_UNITS} minor units (digits after the point), as in ISO 4217; got ${stated}`,
      ),
    ];
  }
  if (isKnownCurrency(currency)) {
    const units = minorUnits(currency);
    if (stated === undefined || stated === units) return [];
    return [
      issue(
        ["currencyMinorUnits"],
        "minor_units_mismatch",
        `${currency} has ${units} minor units in ISO 4217, not ${stated}: leave currencyMinorUnits out (it is for a code the library does not know)`,
      ),
    ];
  }
  const unknown = `"${currency}" is not an ISO 4217 currency code the library knows (e.g. EUR, GBP, USD)`;
  if (!isCurrencyCodeShaped(currency)) {
    const capitals = currency.toUpperCase();
    const hint = isKnownCurrency(capitals)
      ? `: codes are in capitals, "${capitals}"`
      : stated === undefined
        ? ""
        : ": a code is three capital letters";
    return [issue(["currency"], "unknown_currency", unknown + hint)];
  }
  if (stated !== undefined) return [];
  return [
    issue(
      ["currency"],
      "unknown_currency",
      `${unknown}: if it is a currency, state how many digits its minor unit has (0 to ${MAX_STATED_MINOR_UNITS}), e.g. "currencyMinorUnits": 2`,
    ),
  ];
}
