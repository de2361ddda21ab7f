/** One problem found in the caller's input: where it is (a JSON path) and what is wrong, in plain words. */
export interface InputIssue {
  /** The path from the root of the input, e.g. `["tranches", 0, "payers", 1, "share"]`. */
  readonly path: readonly (string | number)[];
  /** The same path as text, e.g. `$.tranches[0].payers[1].share`. */
  readonly at: string;
  /** A short, stable, machine-readable code, e.g. `unknown_metric`. */
  readonly code: string;
  /** What is wrong and, where it helps, how to fix it. */
  readonly message: string;
}

/** Renders a path as `$.a[0].b`, quoting keys that are not plain identifiers. */
export function pathText(path: readonly (string | number | symbol)[]): string {
  let text = "$";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** Makes an issue, computing its textual path. */
export function issue(path: readonly (string | number)[], code: string, message: string): InputIssue {
  return Object.freeze({ path: Object.freeze([...path]), at: pathText(path), code, message });
}

/** Where an error instance lists the kinds of its class chain (non-enumerable; see `ValidationError`). */
const ERROR_KINDS = Symbol.for("pay-by-results.error-kinds.v1");

/**
 * The base class of the library's input errors: bad input is reported all at once, as a list of issues.
 * The message lists every issue, one per line, so a log or a console shows the whole story.
 *
 * `instanceof` works across copies of the library in one program (its ES module and CommonJS builds, two
 * installed versions, a bundle beside the package): each class has a stable `errorKind`, each error carries the
 * kinds of its classes, and `error instanceof ContractError` is true for a `ContractError` thrown by any copy.
 * A subclass of your own is matched the ordinary way unless it declares an `errorKind` of its own.
 */
export class ValidationError extends Error {
  /** The class's stable name, the same in every copy of the library and unchanged by minifiers. */
  static readonly errorKind: string = "ValidationError";

  /**
   * True for an instance of this class, and for an error of this class thrown by another copy of the library
   * (matched by `errorKind`).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== "object" || value === null || !Object.hasOwn(this, "errorKind")) return false;
    const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
    return Array.isArray(kinds) && kinds.includes((this as { errorKind?: unknown }).errorKind);
  }

  readonly issues: readonly InputIssue[];

  constructor(what: string, issues: readonly InputIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`${what}: ${count}\n${issues.map((i) => `  ${i.at}: ${i.message}`).join("\n")}`);
    this.name = new.target.name;
    this.issues = Object.freeze([...issues]);
    const kinds: string[] = [];
    for (
      let kind: unknown = new.target;
      typeof kind === "function" && kind !== Error;
      kind = Object.getPrototypeOf(kind)
    ) {
      if (Object.hasOwn(kind, "errorKind")) kinds.push(String((kind as unknown as { errorKind: unknown }).errorKind));
    }
    Object.defineProperty(this, ERROR_KINDS, { value: Object.freeze(kinds) });
  }
}

/** The contract is not valid: `issues` lists every problem with its JSON path. */
export class ContractError extends ValidationError {
  static override readonly errorKind: string = "ContractError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid contract", issues);
  }
}

/** The events are not valid, alone or against the contract: `issues` lists every problem with its JSON path. */
export class EventsError extends ValidationError {
  static override readonly errorKind: string = "EventsError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid events", issues);
  }
}

/** The options of a call (e.g. `asOf`) are not valid. */
export class OptionsError extends ValidationError {
  static override readonly errorKind: string = "OptionsError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid options", issues);
  }
}
