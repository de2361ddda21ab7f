/**
 * Remembers which values the library itself issued — a contract or events from its parsers, a settlement from
 * `settle`, cash flows from `cashFlows`, … — so that a function handed one can trust it, and reject anything else
 * (a hand-built object, a copy, a changed value, a JSON round trip) with a typed error instead of failing deep
 * inside. Each kind is remembered apart: parsed events given where a contract is expected are not trusted as a
 * contract.
 *
 * The register lives on `globalThis` under a registered symbol, so that two copies of the library in one
 * program (its ES module and CommonJS builds, or two installed versions) recognise each other's values. It holds
 * weak references only: remembering a value never keeps it alive.
 */
export type IssuedKind =
  | "contract"
  | "events"
  | "settlement"
  | "figures-only-settlement"
  | "cash-flows"
  | "lines-priced"
  | "claim-settlement"
  | "claim-decision"
  | "irr"
  | "scenario-outcome"
  | "simulation"
  | "money-summary"
  | "profile-report"
  | "payment-curve"
  | "measurement"
  | "formula"
  | "style"
  | "json-schema";

const REGISTER = Symbol.for("pay-by-results.issued-values.v1");

function register(): Map<IssuedKind, WeakSet<object>> {
  const holder = globalThis as { [REGISTER]?: Map<IssuedKind, WeakSet<object>> };
  let found = holder[REGISTER];
  if (!(found instanceof Map)) {
    found = new Map();
    Object.defineProperty(globalThis, REGISTER, {
      value: found,
      enumerable: false,
      configurable: false,
      writable: false,
    });
  }
  return found;
}

const issued = register();

function setOf(kind: IssuedKind): WeakSet<object> {
  let set = issued.get(kind);
  if (set === undefined) {
    set = new WeakSet();
    issued.set(kind, set);
  }
  return set;
}

/** Remembers `value` as issued by the library as a `kind`, and returns it. */
export function markIssued<T extends object>(value: T, kind: IssuedKind): T {
  setOf(kind).add(value);
  return value;
}

/** True when `value` is a `kind` the library issued (in this copy of the library or another). */
export function isIssued(value: unknown, kind: IssuedKind): boolean {
  return typeof value === "object" && value !== null && setOf(kind).has(value);
}
