#!/usr/bin/env node
/**
 * The `pay-by-results` command line: check contract files, settle them, export them. Node-only; the library
 * core it calls does no I/O. User errors print a plain message with the file and JSON path and exit with a
 * non-zero code, never a stack trace:
 *   0 done; 1 the input files are wrong (invalid JSON, invalid contract or events); 2 the command line is wrong
 *   or a file cannot be read.
 */
import { createReadStream, readFileSync, statSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  ContractError,
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
Exit codes: 0 done; 1 the files are wrong; 2 the command line is wrong or a file cannot be read.`,
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
and may also give "runs", "seed" and "percentiles"; the options below override the file.
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

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT"
        ? `${path}: no such file`
        : code === "EISDIR"
          ? `${path}: is a folder, not a file`
          : `${path}: cannot be read (${code ?? "unknown error"})`,
      2,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${path}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
}

/** Runs a library call on a file's data, turning a validation error into the file's list of problems. */
function checked<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ValidationError) {
      const lines = error.issues.map((found) => `  ${found.at}: ${found.message} [${found.code}]`);
      const what =
        error instanceof ContractError
          ? "invalid contract"
          : error instanceof OptionsError
            ? "invalid options"
            : "invalid events";
      throw new CliError(
        `${path}: ${what}: ${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}\n${lines.join("\n")}`,
        1,
      );
    }
    throw error;
  }
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
    if (error instanceof OptionsError)
      throw new CliError(`--as-of ${asOf}: ${error.issues[0]?.message ?? "invalid"}`, 2);
    throw error;
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

/** Runs the simulation a results file describes (`--runs` and `--seed` override the file), with a progress line. */
function simulateFile(contract: Contract, path: string, values: Parsed["values"]): SimulationResult {
  const file = readJson(path);
  const given = (file !== null && typeof file === "object" ? file : {}) as Partial<SimulationOptions>;
  const runs = wholeNumber(values.runs, "runs", typeof given.runs === "number" ? given.runs : 10_000);
  const seed = wholeNumber(values.seed, "seed", typeof given.seed === "number" ? given.seed : 1);
  const bar = progress("simulating (runs)");
  const options: SimulationOptions = {
    runs,
    seed,
    results: given.results as SimulationOptions["results"],
    ...(given.percentiles !== undefined ? { percentiles: given.percentiles } : {}),
    onProgress: (done, total) => bar.update(done, total),
  };
  try {
    return checked(path, () => simulate(contract, options));
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
    let size: number;
    try {
      size = statSync(claimsPath!).size;
    } catch {
      throw new CliError(`${claimsPath!}: no such file`, 2);
    }
    const bar = progress("reading claims (bytes)");
    try {
      const claims = readClaimsCsv(counted(claimsPath!, (bytes) => bar.update(bytes, size)));
      const settlement = await settleClaimsAsync(contract, claims, { asOf, keepDecisions: format === "json" });
      bar.end();
      io.out(format === "json" ? JSON.stringify(settlement, null, 2) : explainClaims(settlement));
    } catch (error) {
      bar.end();
      if (error instanceof ClaimsError) {
        const lines = error.issues.map((found) => `  ${found.at}: ${found.message} [${found.code}]`);
        throw new CliError(
          `${claimsPath!}: invalid claims: ${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}\n${lines.join("\n")}`,
          1,
        );
      }
      if (error instanceof OptionsError)
        throw new CliError(`--as-of ${asOf}: ${error.issues[0]?.message ?? "invalid"}`, 2);
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
export async function runCli(
  args: readonly string[],
  io: Output = { out: (text) => console.log(text), err: (text) => console.error(text) },
): Promise<number> {
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
