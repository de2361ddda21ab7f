#!/usr/bin/env node
/**
 * The `pay-by-results` command line: check contract files, settle them, export them. Node-only; the library
 * core it calls does no I/O. User errors print a plain message with the file and JSON path and exit with a
 * non-zero code, never a stack trace:
 *   0 done; 1 the input files are wrong (invalid JSON, or any of the library's validation errors: an invalid
 *   contract, events, claims or simulation file, a decision table with no row for a settlement's keys); 2 the
 *   command line is wrong, a file cannot be read, or the output cannot be written (a full disk: the reader
 *   closing a pipe early is not an error); 70 an internal error, a defect of the library to report.
 */
import { createReadStream, readFileSync, statSync } from "node:fs";
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
  type Contract,
  type ContractEvent,
  type ReportLocale,
  type Settlement,
  type SimulationOptions,
  type SimulationResult,
} from "../index.js";
import { readClaimsCsv } from "./read-claims-csv.js";
import { ClaimsError } from "../claims/claims-error.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { planSimulation } from "../finance/simulate.js";
// bundled into dist/cli.js at build time: the version printed is the one the package was built as
import packageJson from "../../package.json" with { type: "json" };

/** A user error: printed as it is, with the exit code. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

const PROGRAM = "pay-by-results";

const HELP: Record<string, string> = {
  main: `${PROGRAM}: settle pay-by-results contracts exactly, and explain every amount.

Usage: ${PROGRAM} <command> [options]

Commands:
  validate <contract.json> [events.json]   check a contract (and its events) and list every problem
  settle <contract.json> <events.json>      what is due as known on a date, as text, JSON, CSV or a report
  claims <contract.json> <claims.csv>       settle a rate card's participant claims, streamed from a CSV file
  simulate <contract.json> <results.json>   a seeded Monte Carlo simulation of payments and investor returns
  indigo <contract.json> <events.json>      the contract and its settlement in the INDIGO data standard
  schema [contract|events]                  print the JSON Schema of a file format

Run "${PROGRAM} <command> --help" for a command's options, "${PROGRAM} --version" for the version.
Exit codes: 0 done; 1 the files are wrong; 2 the command line is wrong, a file cannot be read or the output
cannot be written; 70 an internal error of ${PROGRAM} (please report it).`,
  validate: `Usage: ${PROGRAM} validate <contract.json> [events.json]

Checks a contract file and, when given, its events file against it. Prints every problem with its JSON path,
or a one-line summary when all is well.`,
  settle: `Usage: ${PROGRAM} settle <contract.json> <events.json> --as-of <YYYY-MM-DD> [--format <format>] [--locale it|en]

Settles the contract on the events recorded on or before --as-of:
  --as-of <date>     the settlement date (required): later events are ignored
  --format <format>  text (default: the explanation an officer can check by hand), json (the settlement as
                     data), csv (one row per payer → recipient line of each tranche), markdown or html (a
                     report; the HTML page is self-contained, with each tranche's payment curve)
  --locale <locale>  the language of markdown and html reports: en (default) or it
  --simulation <results.json>  add a simulation's distributions to a markdown or html report (see simulate)`,
  indigo: `Usage: ${PROGRAM} indigo <contract.json> <events.json> --as-of <YYYY-MM-DD> [--status PUBLIC|PRIVATE]

Prints the contract and its settlement as an INDIGO project record (JSON):
  --as-of <date>     the settlement date (required)
  --status <status>  the publication status of every record (default PRIVATE)`,
  claims: `Usage: ${PROGRAM} claims <contract.json> <claims.csv> --as-of <YYYY-MM-DD> [--format text|json]

Settles the participant claims of a rate card, read as a stream from a CSV file with a header row
(id, participant, outcome, achievedOn, claimedOn, and optionally evidence, enrolledOn):
  --as-of <date>     the settlement date (required): claims claimed later are not yet known
  --format <format>  text (default: totals and the caps that bit) or json (totals and every claim's decision)
A progress line is written to stderr when it is a terminal.`,
  simulate: `Usage: ${PROGRAM} simulate <contract.json> <results.json> [--runs <n>] [--seed <n>] [--format text|json]

Runs a seeded Monte Carlo simulation: results.json holds { "results": [ { "metric", "period"?, "cohort"?,
"distribution": { "type": "normal" | "beta" | "binomial" | "triangular" | "samples", ... }, "decimals"? } ] }
and may also give "runs" (default 10000), "seed" (default 1) and "percentiles"; the file is checked as the
options of the library's simulate, and the options below override it.
  --runs <n>         how many runs (default 10000)
  --seed <n>         the seed (default 1): the same seed gives the same simulation
  --format <format>  text (default: percentiles of payments, each payer's cost, each investor's return) or json
A progress line is written to stderr when it is a terminal.`,
  schema: `Usage: ${PROGRAM} schema [contract|events]

Prints the JSON Schema of the contract format (default) or of the events format.`,
};

interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when what was written has been flushed, with the first error writing the output, if any. */
  finished?(): Promise<NodeJS.ErrnoException | undefined>;
}

/**
 * Lines written to a stream, with the first write error kept to be reported when the command is done (a full
 * disk or `/dev/full`: ENOSPC; a descriptor not open for writing: EBADF; EIO), not thrown as an unhandled
 * 'error' event with a stack trace, nor lost (console.log ignores the errors of stdout).
 */
function lines(stream: NodeJS.WriteStream): {
  write(text: string): void;
  finished(): Promise<NodeJS.ErrnoException | undefined>;
} {
  let failed: NodeJS.ErrnoException | undefined;
  let last: Promise<void> = Promise.resolve();
  stream.on("error", (error: NodeJS.ErrnoException) => {
    failed ??= error;
  });
  return {
    write(text) {
      last = new Promise((resolve) => {
        try {
          stream.write(`${text}\n`, (error) => {
            if (error) failed ??= error;
            resolve();
          });
        } catch (error) {
          failed ??= error as NodeJS.ErrnoException;
          resolve();
        }
      });
    },
    async finished() {
      await last;
      return failed;
    },
  };
}

/** The console's standard output and error, through `lines`. */
function consoleOutput(): Output {
  const out = lines(process.stdout);
  const err = lines(process.stderr);
  return {
    out: (text) => out.write(text),
    err: (text) => err.write(text),
    finished: () => out.finished(),
  };
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

/** A progress line on stderr, only when stderr is a terminal (never in pipes, files or tests). */
function progress(label: string): { update(done: number, total?: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
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

/** The bytes of a file as a stream, counting them for the progress line. */
async function* counted(path: string, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    onBytes(bytes);
    yield chunk;
  }
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
    const parsed = parse(args, { "as-of": { type: "string" }, format: { type: "string", default: "text" } }, "claims");
    if (parsed.values.help === true) return io.out(HELP.claims!);
    const [contractPath, claimsPath] = positionals(parsed.positionals, { min: 2, max: 2 }, "claims");
    const asOf = parsed.values["as-of"];
    if (typeof asOf !== "string")
      throw new CliError("claims needs --as-of <YYYY-MM-DD>: the date the claims are settled on", 2);
    const format = parsed.values.format;
    if (format !== "text" && format !== "json")
      throw new CliError(`--format ${String(format)}: expected text or json`, 2);
    const contract = loadContract(contractPath!);
    const size = fileSize(claimsPath!);
    const bar = progress("reading claims (bytes)");
    try {
      const claims = readClaimsCsv(counted(claimsPath!, (bytes) => bar.update(bytes, size)));
      const settlement = await settleClaimsAsync(contract, claims, { asOf, keepDecisions: format === "json" });
      bar.end();
      io.out(format === "json" ? JSON.stringify(settlement, null, 2) : explainClaims(settlement));
    } catch (error) {
      bar.end();
      // the claims file's rows (ClaimsError), --as-of, the contract (no rate card: ContractError), the file's reading
      if (error instanceof ClaimsError) throw problems(claimsPath!, error);
      const refused = asOfError(error, asOf);
      if (refused !== undefined) throw refused;
      if (error instanceof ValidationError) throw problems(contractPath!, error);
      if (isSystemError(error)) throw unreadable(claimsPath!, error);
      throw error;
    }
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

/** Runs the command line and returns the exit code; output goes through `io` (the console by default). */
export async function runCli(args: readonly string[], io: Output = consoleOutput()): Promise<number> {
  const code = await dispatch(args, io);
  const failed = await io.finished?.();
  // The reader closing the pipe early (`| head`) is not an error: it has read what it wanted.
  if (failed === undefined || failed.code === "EPIPE") return code;
  io.err(`${PROGRAM}: cannot write the output (${failed.code ?? "unknown error"}): ${failed.message}`);
  return code === 0 ? 2 : code;
}

async function dispatch(args: readonly string[], io: Output): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(HELP.main!);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v" || command === "version") {
    io.out(packageJson.version);
    return 0;
  }
  const handler = COMMANDS[command];
  if (handler === undefined || !Object.hasOwn(COMMANDS, command)) {
    io.err(`${PROGRAM}: unknown command "${command}"\n\n${HELP.main!}`);
    return 2;
  }
  try {
    await handler(rest, io);
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

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
