import {
  ClaimsError,
  EventsError,
  OptionsError,
  ValidationError,
  parseContract,
  parseClaimsCsv,
  parseEvents,
  settle,
  settleClaims,
  type ClaimSettlement,
  type Contract,
  type InputIssue,
  type Settlement,
} from "../src/index.js";
import { isClaimsFile, type LoadedFile } from "./input-files.js";

/** What the page settles: a contract, its events or claims (none: no results yet), and the date. */
export interface PageInput {
  readonly contract?: LoadedFile;
  readonly results?: LoadedFile;
  readonly asOf: string;
}

/** Where a problem was found: a file, the as-of date, or (a bug to report) the page itself. */
export type ProblemSource = "contract" | "events" | "claims" | "asOf" | "page";

/** A problem as the page lists it: the JSON path (`$` for a whole file), its code and the message. */
export type Problem = Pick<InputIssue, "at" | "code" | "message">;

/** The code of the problem of a file that is not JSON at all. */
export const NOT_JSON = "invalid_json";

/** The problems of one source, with the name of its file. */
export interface ProblemGroup {
  readonly source: ProblemSource;
  readonly fileName?: string;
  readonly problems: readonly Problem[];
}

export type Outcome =
  | { readonly kind: "no-contract" }
  | { readonly kind: "problems"; readonly groups: readonly ProblemGroup[] }
  | { readonly kind: "settlement"; readonly contract: Contract; readonly settlement: Settlement }
  | { readonly kind: "claims"; readonly contract: Contract; readonly settlement: ClaimSettlement };

/**
 * Checks every input, listing every problem of each file at once, then settles: the events with `settle`, or the
 * claims with `settleClaims`. The events are checked against the contract only when the contract is valid.
 */
export function settleFiles(input: PageInput): Outcome {
  const contractFile = input.contract;
  if (contractFile === undefined) return { kind: "no-contract" };
  const problems = new ProblemList(input);
  const contract = problems.take("contract", () => parseContract(readJson(contractFile)));
  const { results } = input;
  if (results !== undefined && isClaimsFile(results)) {
    const claims = problems.take("claims", () => parseClaimsCsv(results.text));
    if (contract === undefined || claims === undefined || problems.found()) return problems.outcome();
    const settlement = problems.take("claims", () => settleClaims(contract, claims, { asOf: input.asOf }));
    return settlement === undefined ? problems.outcome() : { kind: "claims", contract, settlement };
  }
  const events = problems.take("events", () =>
    parseEvents(results === undefined ? [] : readJson(results), contract && { contract }),
  );
  if (contract === undefined || events === undefined || problems.found()) return problems.outcome();
  const settlement = problems.take("events", () => settle(contract, events, { asOf: input.asOf }));
  return settlement === undefined ? problems.outcome() : { kind: "settlement", contract, settlement };
}

/** A file's JSON, or a problem at its root (`$`) saying why it is not JSON. */
function readJson(file: LoadedFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    throw new NotJson(error instanceof Error ? error.message : String(error));
  }
}

/** A file that is not JSON: the browser's own message says where. */
class NotJson extends Error {}

/** The problems found so far, each attributed to the input it is about. */
class ProblemList {
  private readonly groups: ProblemGroup[] = [];

  constructor(private readonly input: PageInput) {}

  /** Runs a step of the checks on `source`: its value, or undefined when it threw (the problems are kept). */
  take<T>(source: ProblemSource, step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      this.add(sourceOf(error, source), problemsOf(error));
      return undefined;
    }
  }

  found(): boolean {
    return this.groups.length > 0;
  }

  outcome(): Outcome {
    return { kind: "problems", groups: this.groups };
  }

  private add(source: ProblemSource, problems: readonly Problem[]): void {
    const fileName = source === "contract" ? this.input.contract?.name : this.input.results?.name;
    const isFile = source === "contract" || source === "events" || source === "claims";
    this.groups.push({ source, ...(isFile && fileName !== undefined ? { fileName } : {}), problems });
  }
}

/**
 * Which input an error is about. A step on the events or claims can still find the contract wrong (a formula's
 * division by zero, a decision table without a row) or the date; an error that is no `ValidationError` is a bug
 * of the library or the page.
 */
function sourceOf(error: unknown, step: ProblemSource): ProblemSource {
  if (error instanceof NotJson) return step;
  if (!(error instanceof ValidationError)) return "page";
  if (error instanceof OptionsError && error.issues.every((found) => found.path[0] === "asOf")) return "asOf";
  if (error instanceof EventsError) return "events";
  if (error instanceof ClaimsError) return "claims";
  return "contract";
}

function problemsOf(error: unknown): readonly Problem[] {
  if (error instanceof ValidationError) return error.issues;
  const message = error instanceof Error ? error.message : String(error);
  return [{ at: "$", code: error instanceof NotJson ? NOT_JSON : "unexpected", message }];
}
