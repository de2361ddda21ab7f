import { ValidationError, type InputIssue } from "./validation-error.js";

/**
 * A formula could not be read or evaluated: a syntax or type error in a formula given outside a contract
 * (`parseFormula`), or a condition only evaluation can meet (a division by zero, no row of a decision table
 * matching). `issues` say where, with the formula's path and the character position in the message.
 */
export class FormulaError extends ValidationError {
  static override readonly errorKind: string = "FormulaError";

  constructor(issues: readonly InputIssue[]) {
    super("formula error", issues);
  }
}

/** The lines given to `priceLines` are not valid: `issues` lists every problem with its path (`$.lines[3].inputs.quantity`). */
export class LinesError extends ValidationError {
  static override readonly errorKind: string = "LinesError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid lines", issues);
  }
}
