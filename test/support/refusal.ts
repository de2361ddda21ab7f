import { ValidationError } from "../../src/index.js";

/**
 * The class, code and path of each issue of the typed error `call` throws, e.g.
 * `[["ArgumentError", "not_money", "$.a"]]`; any other error is rethrown, and a call that returns fails the test.
 */
export function refusal(call: () => unknown): [string, string, string][] {
  try {
    call();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((found) => [error.constructor.name, found.code, found.at]);
  }
  throw new Error("expected a typed error");
}

/**
 * The code and path of each issue of the error `call` throws, which must be a `kind`, e.g.
 * `[["not_money", "$.a"]]`; a call that returns fails the test.
 */
export function codesAndPaths(
  kind: new (...args: never[]) => ValidationError,
  call: () => unknown,
): [string, string][] {
  try {
    call();
  } catch (error) {
    if (!(error instanceof kind)) throw error;
    return error.issues.map((found) => [found.code, found.at]);
  }
  throw new Error(`expected a ${kind.name}`);
}
