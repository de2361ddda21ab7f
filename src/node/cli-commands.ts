/**
 * The commands of the `pay-by-results` command line (see cli.ts, the entry, for the exit codes). Loaded by the
 * entry when a command runs: this module loads the library.
 */
import { accessSync, closeSync, constants, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { dirname, extname } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  contractJsonSchema,
  eventsJsonSchema,
  explain,
  jsonSchemaText,
  OptionsError,
  parseContract,
  REPORT_LOCALES,
  renderHtml,
  renderMarkdown,
  parseEvents,
  settle,
  settleClaimsAsync,
  settlementToCsv,
  simulate,
  simulationTable,
  explainClaims,
  EventsError,
  toIndigo,
  ValidationError,
  type ClaimDecisionFormat,
  type ClaimSettlement,
  type Contract,
  type ContractEvent,
  type ReportLocale,
  type Settlement,
  type SimulationOptions,
  type SimulationResult,
} from "../index.js";
import { readClaimsFile } from "./read-claims-csv.js";
import { decisionChunks, settlementChunks } from "../claims/claim-output.js";
import { ClaimsError } from "../claims/claims-error.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { planSimulation } from "../finance/simulate.js";
import { HELP, PROGRAM } from "./cli-help.js";
import type { Output } from "./cli-output.js";

/** A user error: printed as it is, with the exit code. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** The options given, by name (strings, or `true` for flags), and the positional arguments. */
interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

function parse(args: readonly string[], options: ParseArgsConfig["options"], command: string): Parsed {
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    throw new CliError(
      `${error instanceof Error ? error.message : String(error)}\nRun "${PROGRAM} ${command} --help" for usage.`,
      2,
    );
  }
}

/** An error of the operating system (a missing file, a folder, no permission, a full disk), with its code. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string; syscall: string } {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === "string" &&
    typeof (error as NodeJS.ErrnoException).syscall === "string"
  );
}

/** A file that cannot be read, as a command-line error (exit 2) in plain words. */
function unreadable(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new CliError(
    code === "ENOENT"
      ? `${path}: no such file`
      : code === "EISDIR"
        ? `${path}: is a folder, not a file`
        : `${path}: cannot be read (${code ?? "unknown error"})`,
    2,
  );
}

/** Checks that a path names a file that exists (not a folder) before it is streamed: exit 2 otherwise. */
function fileSize(path: string): number {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  if (stats.isDirectory()) throw unreadable(path, { code: "EISDIR" });
  return stats.size;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${path}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
}

/**
 * A validation error of the library (any `ValidationError`: contract, events, options, claims, formula, ...) as
 * the file's list of problems, exit 1: `contract.json: invalid contract: 2 problems`, then each issue's JSON
 * path, message and code. The first line of the error's own message says what kind of problem it is.
 */
function problems(path: string | undefined, error: ValidationError): CliError {
  const what = error.message.split("\n", 1)[0]!.replace(/: \d+ problems?$/, "");
  const listed = error.issues.map((found) => `  ${found.at}: ${found.message} [${found.code}]`);
  const count = `${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`;
  return new CliError(`${path ?? PROGRAM}: ${what}: ${count}\n${listed.join("\n")}`, 1);
}

/** Runs a library call on a file's data, turning a validation error into the file's list of problems. */
function checked<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ValidationError) throw problems(path, error);
    throw error;
  }
}

/** `--as-of` refused by the library (an `OptionsError` on `asOf` only): a command-line error, exit 2. */
function asOfError(error: unknown, asOf: string): CliError | undefined {
  if (!(error instanceof OptionsError) || !error.issues.every((found) => found.path[0] === "asOf")) return undefined;
  return new CliError(`--as-of ${asOf}: ${error.issues[0]?.message ?? "invalid"}`, 2);
}

function positionals(values: readonly string[], count: { min: number; max: number }, command: string): string[] {
  if (values.length < count.min || values.length > count.max) {
    const expected = count.min === count.max ? `${count.min}` : `${count.min} or ${count.max}`;
    throw new CliError(
      `${command} expects ${expected} file${count.max === 1 ? "" : "s"}, got ${values.length}\nRun "${PROGRAM} ${command} --help" for usage.`,
      2,
    );
  }
  return [...values];
}

function loadContract(path: string): Contract {
  const json = readJson(path);
  return checked(path, () => parseContract(json));
}

function loadEvents(path: string, contract: Contract): readonly ContractEvent[] {
  const json = readJson(path);
  return checked(path, () => parseEvents(json, { contract }));
}

function settleFiles(args: readonly string[], command: string, extra: ParseArgsConfig["options"] = {}) {
  const parsed = parse(args, { "as-of": { type: "string" }, ...extra }, command);
  if (parsed.values.help === true) return { help: true as const };
  const [contractPath, eventsPath] = positionals(parsed.positionals, { min: 2, max: 2 }, command);
  const asOf = parsed.values["as-of"];
  if (typeof asOf !== "string")
    throw new CliError(`${command} needs --as-of <YYYY-MM-DD>: the date the settlement is made on`, 2);
  const contract = loadContract(contractPath!);
  const events = loadEvents(eventsPath!, contract);
  let settlement: Settlement;
  try {
    settlement = settle(contract, events, { asOf });
  } catch (error) {
    // Settling can still find the files wrong (a decision table with no row for the keys of a result, a division
    // by zero in a formula): a FormulaError at the contract's path, or events inconsistent with the contract.
    throw (
      asOfError(error, asOf) ??
      (error instanceof ValidationError
        ? problems(error instanceof EventsError ? eventsPath : contractPath, error)
        : error)
    );
  }
  return { help: false as const, contract, settlement, values: parsed.values };
}

const NEWLINE = 10;

/** A progress line on stderr, only when stderr is a terminal (never in pipes, files or tests). */
function progress(label: string): { readonly shown: boolean; update(done: number, total?: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    shown: tty,
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && (total === undefined || done < total)) return;
      last = now;
      const part = total === undefined || total === 0 ? "" : ` ${Math.floor((done / total) * 100)}%`;
      process.stderr.write(
        `\r${label}: ${done.toLocaleString("en-GB")}${total === undefined ? "" : ` of ${total.toLocaleString("en-GB")}`}${part}   `,
      );
    },
    end() {
      if (tty) process.stderr.write("\r\x1b[2K");
    },
  };
}

/** A whole number option, or the default; anything else is a command-line error. */
function wholeNumber(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw new CliError(`--${name} ${String(value)}: expected a whole number`, 2);
  return number;
}

/** The fields of a simulation file: the options of the library's `simulate`, without `onProgress`. */
const SIMULATION_FIELDS = ["runs", "seed", "percentiles", "results"] as const;

/**
 * The options a simulation file gives, checked as the API's `simulate` options are (`planSimulation`, the same
 * validation and messages: a `"runs": "50"` is refused at `$.runs`, not replaced by the default). Only a field
 * the file leaves out takes its default (runs 10,000, seed 1). Before that, what only a file can get wrong: it
 * must be an object, with no unknown key (a misspelt `"run"` would otherwise leave the default in place).
 */
function simulationFileOptions(contract: Contract, path: string): SimulationOptions {
  const file = readJson(path);
  const found: InputIssue[] = [];
  if (file === null || typeof file !== "object" || Array.isArray(file)) {
    found.push(
      issue([], "invalid_type", 'expected an object with "results" and, optionally, "runs", "seed" and "percentiles"'),
    );
  } else {
    const given = file as Record<string, unknown>;
    for (const key of Object.keys(given)) {
      if (!(SIMULATION_FIELDS as readonly string[]).includes(key))
        found.push(
          issue(
            [key],
            "unknown_key",
            `unknown key "${key}": a simulation file gives ${SIMULATION_FIELDS.map((name) => `"${name}"`).join(", ")}`,
          ),
        );
    }
  }
  if (found.length > 0) throw problems(path, new OptionsError(found));
  const given = file as Record<string, unknown>;
  const options = {
    runs: "runs" in given ? given.runs : 10_000,
    seed: "seed" in given ? given.seed : 1,
    results: given.results,
    ...("percentiles" in given ? { percentiles: given.percentiles } : {}),
  } as SimulationOptions;
  checked(path, () => planSimulation(contract, options));
  return options;
}

/** Runs the simulation a results file describes (`--runs` and `--seed` override the file), with a progress line. */
function simulateFile(contract: Contract, path: string, values: Parsed["values"]): SimulationResult {
  const given = simulationFileOptions(contract, path);
  const bar = progress("simulating (runs)");
  const options: SimulationOptions = {
    ...given,
    runs: wholeNumber(values.runs, "runs", given.runs),
    seed: wholeNumber(values.seed, "seed", given.seed),
    onProgress: (done, total) => bar.update(done, total),
  };
  try {
    return simulate(contract, options);
  } catch (error) {
    // the file was checked above: what the library refuses now is a value given on the command line (--runs 0)
    const flag = (found: InputIssue) => (found.path[0] === "runs" || found.path[0] === "seed" ? found.path[0] : null);
    if (
      error instanceof OptionsError &&
      error.issues.length > 0 &&
      error.issues.every((found) => flag(found) !== null && values[flag(found)!] !== undefined)
    ) {
      const found = error.issues[0]!;
      throw new CliError(`--${flag(found)!} ${String(values[flag(found)!])}: ${found.message}`, 2);
    }
    throw error instanceof ValidationError ? problems(path, error) : error;
  } finally {
    bar.end();
  }
}

/** The file `--decisions` names and the format to write it in. */
interface DecisionsFile {
  readonly path: string;
  readonly format: ClaimDecisionFormat;
}

const DECISION_FORMATS: Readonly<Record<string, ClaimDecisionFormat>> = {
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".csv": "csv",
};

/**
 * Checks `--decisions <file>` and `--decisions-format` before any claim is read (exit 2): a format known from
 * the option or the file's extension, and a file that can be written — not a folder, in a folder that exists
 * and may be written in. The file is opened (and emptied) only when the settlement has been made.
 */
function decisionsFile(
  path: string | boolean | undefined,
  given: string | boolean | undefined,
): DecisionsFile | undefined {
  if (path === undefined) {
    if (given !== undefined) throw new CliError("--decisions-format applies to --decisions <file>: give the file", 2);
    return undefined;
  }
  if (typeof path !== "string" || path === "") throw new CliError("--decisions needs a file name", 2);
  let format: ClaimDecisionFormat | undefined;
  if (given !== undefined) {
    if (given !== "ndjson" && given !== "csv")
      throw new CliError(`--decisions-format ${String(given)}: expected ndjson or csv`, 2);
    format = given;
  } else {
    format = DECISION_FORMATS[extname(path).toLowerCase()];
    if (format === undefined)
      throw new CliError(
        `--decisions ${path}: the format is told by the name's ending, .ndjson, .jsonl or .csv; or give --decisions-format ndjson|csv`,
        2,
      );
  }
  let exists = true;
  try {
    if (statSync(path).isDirectory()) throw new CliError(`--decisions ${path}: is a folder, not a file`, 2);
  } catch (error) {
    if (error instanceof CliError) throw error;
    exists = false;
  }
  try {
    accessSync(exists ? path : dirname(path), constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT"
        ? `--decisions ${path}: no such folder ${dirname(path)}`
        : `--decisions ${path}: cannot be written (${code ?? "unknown error"})`,
      2,
    );
  }
  return { path, format };
}

/**
 * Writes every decision of a settlement to the decisions file, a chunk at a time, as each is made (exit 2 on
 * failure). The writes are synchronous: the command has nothing else to do meanwhile, and a chunk is written
 * before the next is made, so the two buffers the chunks take turns in are never both in flight.
 */
async function writeDecisions(settlement: ClaimSettlement, file: DecisionsFile): Promise<void> {
  const failed = (error: unknown) =>
    new CliError(
      `--decisions ${file.path}: cannot write the decisions (${(error as NodeJS.ErrnoException).code ?? "unknown error"}): ${(error as Error).message}`,
      2,
    );
  let descriptor: number;
  try {
    descriptor = openSync(file.path, "w");
  } catch (error) {
    throw new CliError(
      `--decisions ${file.path}: cannot be written (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`,
      2,
    );
  }
  const total = settlement.decisions!.length;
  const bar = progress("writing decisions");
  let written = file.format === "csv" ? -1 : 0; // the header is a line
  try {
    for await (const chunk of decisionChunks(settlement.decisions!, file.format, true)) {
      try {
        for (let at = 0; at < chunk.length; ) at += writeSync(descriptor, chunk, at, chunk.length - at);
      } catch (error) {
        throw failed(error);
      }
      if (!bar.shown) continue;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) written += 1;
      bar.update(written, total);
    }
  } finally {
    bar.end();
    try {
      closeSync(descriptor);
    } catch {
      // the error that matters was thrown above
    }
  }
}

const COMMANDS: Record<string, (args: readonly string[], io: Output) => void | Promise<void>> = {
  validate(args, io) {
    const parsed = parse(args, {}, "validate");
    if (parsed.values.help === true) return io.out(HELP.validate!);
    const [contractPath, eventsPath] = positionals(parsed.positionals, { min: 1, max: 2 }, "validate");
    const contract = loadContract(contractPath!);
    const summary = `${contractPath}: contract ${contract.id} is valid: ${contract.tranches.length} tranche${contract.tranches.length === 1 ? "" : "s"}, ${contract.metrics.length} metric${contract.metrics.length === 1 ? "" : "s"}, ${contract.parties.length} parties`;
    io.out(summary);
    if (eventsPath !== undefined) {
      const events = loadEvents(eventsPath, contract);
      io.out(`${eventsPath}: ${events.length} event${events.length === 1 ? "" : "s"}, consistent with the contract`);
    }
  },
  settle(args, io) {
    const run = settleFiles(args, "settle", {
      format: { type: "string", default: "text" },
      locale: { type: "string", default: "en" },
      simulation: { type: "string" },
    });
    if (run.help) return io.out(HELP.settle!);
    const { format, locale } = run.values;
    if (!REPORT_LOCALES.includes(locale as ReportLocale))
      throw new CliError(`--locale ${String(locale)}: expected ${REPORT_LOCALES.join(" or ")}`, 2);
    if (locale !== "en" && format !== "markdown" && format !== "html") {
      throw new CliError(
        `--locale ${String(locale)} applies to the markdown and html reports; the ${String(format)} output is language-neutral (use --format markdown or html)`,
        2,
      );
    }
    const simulationPath = run.values.simulation;
    if (simulationPath !== undefined && format !== "markdown" && format !== "html")
      throw new CliError(
        "--simulation adds a section to the markdown and html reports: use --format markdown or html",
        2,
      );
    const simulation = typeof simulationPath === "string" ? simulateFile(run.contract, simulationPath, {}) : undefined;
    const options = {
      locale: locale as ReportLocale,
      contract: run.contract,
      ...(simulation !== undefined ? { simulation } : {}),
    };
    if (format === "text") io.out(explain(run.settlement));
    else if (format === "markdown") io.out(renderMarkdown(run.settlement, options).trimEnd());
    else if (format === "html") io.out(renderHtml(run.settlement, options).trimEnd());
    else if (format === "json") io.out(JSON.stringify(run.settlement, null, 2));
    else if (format === "csv") io.out(settlementToCsv(run.settlement).trimEnd());
    else throw new CliError(`--format ${String(format)}: expected text, json, csv, markdown or html`, 2);
  },
  async claims(args, io) {
    const parsed = parse(
      args,
      {
        "as-of": { type: "string" },
        format: { type: "string", default: "text" },
        decisions: { type: "string" },
        "decisions-format": { type: "string" },
      },
      "claims",
    );
    if (parsed.values.help === true) return io.out(HELP.claims!);
    const [contractPath, claimsPath] = positionals(parsed.positionals, { min: 2, max: 2 }, "claims");
    const asOf = parsed.values["as-of"];
    if (typeof asOf !== "string")
      throw new CliError("claims needs --as-of <YYYY-MM-DD>: the date the claims are settled on", 2);
    const format = parsed.values.format;
    if (format !== "text" && format !== "json")
      throw new CliError(`--format ${String(format)}: expected text or json`, 2);
    const decisions = decisionsFile(parsed.values.decisions, parsed.values["decisions-format"]);
    const contract = loadContract(contractPath!);
    const size = fileSize(claimsPath!);
    const bar = progress("reading claims (bytes)");
    let settlement: ClaimSettlement;
    try {
      // The file is read by readClaimsCsv's reader (two reused buffers, bytes straight into the columns).
      const claims = readClaimsFile(claimsPath!, (bytes) => bar.update(bytes, size));
      const keepDecisions = format === "json" || decisions !== undefined;
      settlement = await settleClaimsAsync(contract, claims, { asOf, keepDecisions });
    } catch (error) {
      // the claims file's rows (ClaimsError), --as-of, the contract (no rate card: ContractError), the file's reading
      if (error instanceof ClaimsError) throw problems(claimsPath!, error);
      const refused = asOfError(error, asOf);
      if (refused !== undefined) throw refused;
      if (error instanceof ValidationError) throw problems(contractPath!, error);
      if (isSystemError(error)) throw unreadable(claimsPath!, error);
      throw error;
    } finally {
      bar.end();
    }
    if (decisions !== undefined) await writeDecisions(settlement, decisions);
    if (format === "text") return io.out(explainClaims(settlement));
    // The settlement as JSON a piece at a time: one string of it all would not fit past a million claims or so.
    // Two buffers in turn: a piece is written before the one after the next is made.
    for (const piece of settlementChunks(settlement, true)) if (!(await io.piece(piece))) return;
    await io.piece("\n");
  },
  simulate(args, io) {
    const parsed = parse(
      args,
      { runs: { type: "string" }, seed: { type: "string" }, format: { type: "string", default: "text" } },
      "simulate",
    );
    if (parsed.values.help === true) return io.out(HELP.simulate!);
    const [contractPath, resultsPath] = positionals(parsed.positionals, { min: 2, max: 2 }, "simulate");
    const format = parsed.values.format;
    if (format !== "text" && format !== "json")
      throw new CliError(`--format ${String(format)}: expected text or json`, 2);
    const result = simulateFile(loadContract(contractPath!), resultsPath!, parsed.values);
    io.out(format === "json" ? JSON.stringify(result, null, 2) : simulationTable(result));
  },
  indigo(args, io) {
    const run = settleFiles(args, "indigo", { status: { type: "string", default: "PRIVATE" } });
    if (run.help) return io.out(HELP.indigo!);
    const status = run.values.status;
    if (status !== "PUBLIC" && status !== "PRIVATE")
      throw new CliError(`--status ${String(status)}: expected PUBLIC or PRIVATE`, 2);
    io.out(JSON.stringify(toIndigo(run.contract, run.settlement, { status }), null, 2));
  },
  schema(args, io) {
    const parsed = parse(args, {}, "schema");
    if (parsed.values.help === true) return io.out(HELP.schema!);
    const [which = "contract"] = positionals(parsed.positionals, { min: 0, max: 1 }, "schema");
    if (which !== "contract" && which !== "events")
      throw new CliError(`schema ${which}: expected contract or events`, 2);
    io.out(jsonSchemaText(which === "contract" ? contractJsonSchema() : eventsJsonSchema()).trimEnd());
  },
};

/** Runs one command (known to the entry) and returns the exit code. */
export async function runCommand(command: string, args: readonly string[], io: Output): Promise<number> {
  const handler = COMMANDS[command];
  if (handler === undefined || !Object.hasOwn(COMMANDS, command)) {
    io.err(`${PROGRAM}: unknown command "${command}"\n\n${HELP.main!}`);
    return 2;
  }
  try {
    await handler(args, io);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    // Whatever validation error a command did not place in a file is still the input's fault, not a defect.
    if (error instanceof ValidationError) {
      io.err(problems(undefined, error).message);
      return 1;
    }
    // A defect of the library, not of the input: say so plainly, with what to report.
    io.err(
      `${PROGRAM}: internal error, please report it with the input files: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 70;
  }
}
