/**
 * The commands of the `pay-by-results` command line (see cli.ts, the entry, for the exit codes). Loaded by the
 * entry when a command runs: this module loads the library.
 */
import {
  accessSync,
  closeSync,
  constants,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
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
  type CsvSeparator,
  type SettlementCsvOptions,
  type Settlement,
  type SimulationOptions,
  type SimulationResult,
} from "../index.js";
import { readClaimsFile } from "./read-claims-csv.js";
import { claimsWorkbook, settlementWorkbook } from "./workbook.js";
import { WorkbookError } from "../errors/workbook-error.js";
import { decisionChunks, settlementChunks } from "../claims/claim-output.js";
import { csvLayout } from "../report/settlement-csv.js";
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

/** A file's problems (exit 1), kept as data too, for `validate --format json`. */
class FileProblems extends CliError {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly what: string,
    readonly issues: readonly InputIssue[],
  ) {
    super(message, 1);
  }
}

/** The options given, by name (strings, or `true` for flags), and the positional arguments. */
interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The number of one-character edits (insert, delete, replace) from one word to the other. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The option meant by an unknown one, if one is close: the command's option nearest in edits (at most 2, or a
 * third of its length), or the one it begins (`--decimal` for `--decimal-mark`).
 */
export function nearestOption(given: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(given.toLowerCase(), name);
    if (
      distance <= Math.max(2, Math.floor(name.length / 3)) &&
      distance < name.length &&
      (best === undefined || distance < best.distance)
    )
      best = { name, distance };
  }
  if (best !== undefined) return best.name;
  return given.length >= 3 ? names.find((name) => name.startsWith(given.toLowerCase())) : undefined;
}

/**
 * The command line read against the command's options, its mistakes said in plain words (exit 2): an unknown
 * option with the nearest known one ("unknown option --asof; did you mean --as-of?"), an option without its
 * value, a flag given a value. Node's parser is asked for the tokens only, so that its own texts never show.
 */
function parse(args: readonly string[], options: Options, command: string): Parsed {
  const all: Options = { ...options, help: { type: "boolean", short: "h" } };
  const usage = `\nRun "${PROGRAM} help ${command}" for usage.`;
  const { tokens } = parseArgs({ args: [...args], options: all, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(all, token.name) ? all[token.name] : undefined;
    if (option === undefined) {
      const names = Object.keys(all);
      const near = token.rawName.startsWith("--") ? nearestOption(token.name, names) : undefined;
      const known = `${command} takes ${names.map((name) => `--${name}`).join(", ")}`;
      throw new CliError(
        `unknown option ${token.rawName}${near === undefined ? `: ${known}` : `; did you mean --${near}?`}${usage}`,
        2,
      );
    }
    if (
      option.type === "string" &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))
    ) {
      // a value that begins with "-" is taken for the next option: it is given as --name=-value
      const dashed =
        token.value === undefined ? "" : ` (a value that begins with "-" is written ${token.rawName}=${token.value})`;
      throw new CliError(`${token.rawName} needs a value${dashed}${usage}`, 2);
    }
    if (option.type === "boolean" && token.value !== undefined)
      throw new CliError(`${token.rawName} takes no value (got "${token.value}")${usage}`, 2);
  }
  try {
    const parsed = parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    // not expected once the tokens are checked: the parser's own words, as a command-line error still
    throw new CliError(`${error instanceof Error ? error.message : String(error)}${usage}`, 2);
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

/** A JSON file's value (a byte-order mark at the start is skipped): exit 2 when unreadable, 1 when not JSON. */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw unreadable(path, error);
  }
  // A byte-order mark (U+FEFF, as Windows editors save "UTF-8 with BOM") is not part of the JSON: skipped.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw new FileProblems(`${path}: ${message}`, path, "not valid JSON", [issue([], "invalid_json", message)]);
  }
}

/**
 * A validation error of the library (any `ValidationError`: contract, events, options, claims, formula, ...) as
 * the file's list of problems, exit 1: `contract.json: invalid contract: 2 problems`, then each issue's JSON
 * path, message and code. The first line of the error's own message says what kind of problem it is.
 */
function problems(path: string | undefined, error: ValidationError): FileProblems {
  const what = error.message.split("\n", 1)[0]!.replace(/: \d+ problems?$/, "");
  const listed = error.issues.map((found) => `  ${found.at}: ${found.message} [${found.code}]`);
  const count = `${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`;
  return new FileProblems(`${path ?? PROGRAM}: ${what}: ${count}\n${listed.join("\n")}`, path, what, error.issues);
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
async function writeDecisions(settlement: ClaimSettlement, file: DecisionsFile, csv?: "it" | "en"): Promise<void> {
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
    const layout = csv === undefined ? undefined : csvLayout({ locale: csv });
    for await (const chunk of decisionChunks(settlement.decisions!, file.format, true, layout)) {
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

const SETTLE_FORMATS: readonly string[] = ["text", "json", "csv", "markdown", "html", "xlsx"];

/**
 * `--output <file>` for the xlsx workbook (checked before anything is read, exit 2): required with xlsx, a binary
 * file that a terminal would garble, and given for nothing else (every other output is printed).
 */
function workbookOutput(format: string, output: unknown): string | undefined {
  if (format !== "xlsx") {
    if (output !== undefined) throw new CliError("--output applies to --format xlsx: the other outputs are printed", 2);
    return undefined;
  }
  if (typeof output !== "string" || output === "")
    throw new CliError("--format xlsx writes a workbook file: give its name with --output <file.xlsx>", 2);
  try {
    if (statSync(output).isDirectory()) throw new CliError(`--output ${output}: is a folder, not a file`, 2);
  } catch (error) {
    if (error instanceof CliError) throw error;
  }
  return output;
}

/** Writes a workbook's bytes to `--output` (exit 2 when it cannot be written); its writer's errors are the user's (exit 1). */
async function writeWorkbook(path: string, make: () => Promise<Uint8Array>): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await make();
  } catch (error) {
    if (error instanceof WorkbookError) throw problems(path, error);
    throw error;
  }
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new CliError(
      `--output ${path}: cannot be written (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`,
      2,
    );
  }
}
const CSV_FLAGS = ["csv", "separator", "decimal-mark", "bom", "no-bom"] as const;

/**
 * `--locale`, checked (exit 2): en or it, and only for an output that has words (`worded`); for another, the
 * message says it is language-neutral, with `hints[format]` when there is a better option.
 */
function localeOption(
  given: string | boolean | undefined,
  format: string,
  worded: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): ReportLocale {
  if (given === undefined) return "en";
  if (!REPORT_LOCALES.includes(given as ReportLocale))
    throw new CliError(`--locale ${String(given)}: expected ${REPORT_LOCALES.join(" or ")}`, 2);
  if (given !== "en" && !worded.includes(format)) {
    const hint = Object.hasOwn(hints, format) ? `; ${hints[format]}` : "";
    throw new CliError(
      `--locale ${String(given)} applies to the ${worded.join(", ").replace(/, (?=\w+$)/, " and ")} output${worded.length === 1 ? "" : "s"}; the ${format} output is language-neutral${hint}`,
      2,
    );
  }
  return given as ReportLocale;
}

/** A separator as typed on a command line: `,`, `;`, or a tab (`tab`, `\t` or the character itself). */
function separatorOption(given: string | boolean | undefined): CsvSeparator | undefined {
  if (given === undefined) return undefined;
  if (given === "," || given === ";") return given;
  if (given === "\t" || given === "tab" || given === "\\t") return "\t";
  throw new CliError(`--separator ${JSON.stringify(String(given))}: expected "," ";" or tab`, 2);
}

/** The options of `settlementToCsv` that `--csv`, `--separator`, `--decimal-mark`, `--bom` and `--no-bom` give. */
function csvOptions(values: Parsed["values"]): SettlementCsvOptions {
  const { csv, "decimal-mark": decimalMark, bom, "no-bom": noBom } = values;
  if (csv !== undefined && csv !== "it" && csv !== "en")
    throw new CliError(`--csv ${String(csv)}: expected it (";", a decimal comma, a byte-order mark) or en`, 2);
  if (decimalMark !== undefined && decimalMark !== "." && decimalMark !== ",")
    throw new CliError(`--decimal-mark ${String(decimalMark)}: expected "." or ","`, 2);
  if (bom === true && noBom === true) throw new CliError("--bom and --no-bom: give one of them", 2);
  const separator = separatorOption(values.separator);
  const options: SettlementCsvOptions = {
    ...(csv !== undefined ? { locale: csv } : {}),
    ...(separator !== undefined ? { separator } : {}),
    ...(decimalMark !== undefined ? { decimalMark } : {}),
    ...(bom === true ? { byteOrderMark: true } : noBom === true ? { byteOrderMark: false } : {}),
  };
  // what only the combination can get wrong (a decimal comma between commas), in the command line's words
  const layout = {
    separator: separator ?? (csv === "it" ? ";" : ","),
    mark: decimalMark ?? (csv === "it" ? "," : "."),
  };
  if (layout.separator === layout.mark)
    throw new CliError(
      `--decimal-mark ,: a decimal comma needs another separator between fields: add --separator ';' (or tab), or use --csv it`,
      2,
    );
  return options;
}

const SEPARATOR_NAMES: Readonly<Record<CsvSeparator, string>> = { ",": "commas", ";": "semicolons", "\t": "tabs" };
const SEPARATOR_ARGS: Readonly<Record<CsvSeparator, string>> = { ",": "','", ";": "';'", "\t": "tab" };

/** The note on stderr saying which separator a claims file was read with, found on its header line. */
function detectedNote(separator: CsvSeparator, locale: ReportLocale): string {
  const names: Record<CsvSeparator, string> =
    locale === "it" ? { ",": "virgole", ";": "punti e virgola", "\t": "tabulazioni" } : SEPARATOR_NAMES;
  return locale === "it"
    ? `la riga di intestazione è separata da ${names[separator]}: letto come con --separator ${SEPARATOR_ARGS[separator]}`
    : `the header line is separated by ${names[separator]}: read as with --separator ${SEPARATOR_ARGS[separator]}`;
}

/**
 * The separators the header line of a claims file holds, and the one it is read with when no `--separator` is
 * given: `;` or a tab when the line holds one of them (`;` first) and no comma. Reads the file's first 64 KiB
 * only.
 */
function headerSeparators(path: string): { readonly holds: readonly CsvSeparator[]; readonly detected?: CsvSeparator } {
  const bytes = new Uint8Array(1 << 16);
  let read = 0;
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, "r");
    read = readSync(descriptor, bytes, 0, bytes.length, 0);
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
  let end = bytes.subarray(0, read).indexOf(NEWLINE);
  if (end === -1) end = read;
  const line = new TextDecoder().decode(bytes.subarray(0, end));
  const holds = ([",", ";", "\t"] as const).filter((mark) => line.includes(mark));
  const detected = holds.includes(",") ? undefined : holds[0];
  return detected === undefined ? { holds } : { holds, detected };
}

/** What `validate --format json` prints: every problem with its file, code, JSON path and message. */
interface ValidateReport {
  valid: boolean;
  problems: { file: string | null; code: string; path: string; message: string }[];
  contract?: { id: string; tranches: number; metrics: number; parties: number };
  events?: number;
}

/** The words of `validate`'s own lines (the problems' messages are the library's, in English). */
const VALIDATE_WORDS: Readonly<
  Record<
    ReportLocale,
    {
      contract(found: NonNullable<ValidateReport["contract"]>): string;
      events(count: number): string;
      problems(error: FileProblems): FileProblems;
    }
  >
> = {
  en: {
    contract: ({ id, tranches, metrics, parties }) =>
      `contract ${id} is valid: ${tranches} tranche${tranches === 1 ? "" : "s"}, ${metrics} metric${metrics === 1 ? "" : "s"}, ${parties} parties`,
    events: (count) => `${count} event${count === 1 ? "" : "s"}, consistent with the contract`,
    problems: (error) => error,
  },
  it: {
    contract: ({ id, tranches, metrics, parties }) =>
      `il contratto ${id} è valido: ${tranches} tranche, ${metrics} ${metrics === 1 ? "metrica" : "metriche"}, ${parties} ${parties === 1 ? "parte" : "parti"}`,
    events: (count) => `${count} ${count === 1 ? "evento, coerente" : "eventi, coerenti"} con il contratto`,
    problems(error) {
      const what = ITALIAN_PROBLEMS[error.what];
      if (what === undefined) return error;
      const count = `${error.issues.length} ${error.issues.length === 1 ? "problema" : "problemi"}`;
      const [, ...listed] = error.message.split("\n");
      return new FileProblems(
        [`${error.file ?? PROGRAM}: ${what}: ${count}`, ...listed].join("\n"),
        error.file,
        error.what,
        error.issues,
      );
    },
  },
};

/** The first line of a file's problems in Italian, by the English one. */
const ITALIAN_PROBLEMS: Readonly<Record<string, string>> = {
  "invalid contract": "contratto non valido",
  "invalid events": "eventi non validi",
  "formula error": "errore in una formula",
};

/** The commands, by name: each returns nothing when done (exit 0), or the exit code it ends with. */
const COMMANDS: Record<string, (args: readonly string[], io: Output) => void | number | Promise<void>> = {
  validate(args, io) {
    const parsed = parse(args, { format: { type: "string", default: "text" }, locale: { type: "string" } }, "validate");
    if (parsed.values.help === true) return io.out(HELP.validate!);
    const [contractPath, eventsPath] = positionals(parsed.positionals, { min: 1, max: 2 }, "validate");
    const format = parsed.values.format;
    if (format !== "text" && format !== "json")
      throw new CliError(`--format ${String(format)}: expected text or json`, 2);
    const words = VALIDATE_WORDS[localeOption(parsed.values.locale, format, ["text"])];
    const report: ValidateReport = { valid: true, problems: [] };
    try {
      const contract = loadContract(contractPath!);
      report.contract = {
        id: contract.id,
        tranches: contract.tranches.length,
        metrics: contract.metrics.length,
        parties: contract.parties.length,
      };
      if (format === "text") io.out(`${contractPath}: ${words.contract(report.contract)}`);
      if (eventsPath !== undefined) {
        report.events = loadEvents(eventsPath, contract).length;
        if (format === "text") io.out(`${eventsPath}: ${words.events(report.events)}`);
      }
    } catch (error) {
      if (!(error instanceof FileProblems)) throw error;
      if (format === "text") throw words.problems(error);
      report.valid = false;
      for (const found of error.issues)
        report.problems.push({ file: error.file ?? null, code: found.code, path: found.at, message: found.message });
      io.out(JSON.stringify(report, null, 2));
      return 1;
    }
    if (format === "json") io.out(JSON.stringify(report, null, 2));
  },
  async settle(args, io) {
    const run = settleFiles(args, "settle", {
      format: { type: "string" },
      output: { type: "string" },
      locale: { type: "string" },
      simulation: { type: "string" },
      csv: { type: "string" },
      separator: { type: "string" },
      "decimal-mark": { type: "string" },
      bom: { type: "boolean" },
      "no-bom": { type: "boolean" },
    });
    if (run.help) return io.out(HELP.settle!);
    const { values } = run;
    const csvGiven = CSV_FLAGS.filter((flag) => values[flag] !== undefined);
    // any spreadsheet option alone means the csv output
    const format = values.format ?? (csvGiven.length > 0 ? "csv" : "text");
    if (!SETTLE_FORMATS.includes(format as string))
      throw new CliError(
        `--format ${String(format)}: expected ${SETTLE_FORMATS.join(", ").replace(/, (?=\w+$)/, " or ")}`,
        2,
      );
    if (format !== "csv" && csvGiven.length > 0)
      throw new CliError(`--${csvGiven[0]!} applies to the csv output: use --format csv (or leave --format out)`, 2);
    const locale = localeOption(values.locale, format as string, ["text", "markdown", "html", "xlsx"], {
      csv: "for a spreadsheet in Italian use --csv it (or --format xlsx --locale it)",
    });
    const output = workbookOutput(format as string, values.output);
    const simulationPath = values.simulation;
    if (simulationPath !== undefined && format !== "markdown" && format !== "html")
      throw new CliError(
        "--simulation adds a section to the markdown and html reports: use --format markdown or html",
        2,
      );
    const simulation = typeof simulationPath === "string" ? simulateFile(run.contract, simulationPath, {}) : undefined;
    const options = { locale, contract: run.contract, ...(simulation !== undefined ? { simulation } : {}) };
    if (format === "text") io.out(explain(run.settlement, { locale }));
    else if (format === "markdown") io.out(renderMarkdown(run.settlement, options).trimEnd());
    else if (format === "html") io.out(renderHtml(run.settlement, options).trimEnd());
    else if (format === "json") io.out(JSON.stringify(run.settlement, null, 2));
    else if (output !== undefined) await writeWorkbook(output, () => settlementWorkbook(run.settlement, { locale }));
    else io.out(settlementToCsv(run.settlement, csvOptions(values)).trimEnd());
  },
  async claims(args, io) {
    const parsed = parse(
      args,
      {
        "as-of": { type: "string" },
        format: { type: "string", default: "text" },
        output: { type: "string" },
        locale: { type: "string" },
        separator: { type: "string" },
        decisions: { type: "string" },
        "decisions-format": { type: "string" },
        csv: { type: "string" },
      },
      "claims",
    );
    if (parsed.values.help === true) return io.out(HELP.claims!);
    const [contractPath, claimsPath] = positionals(parsed.positionals, { min: 2, max: 2 }, "claims");
    const asOf = parsed.values["as-of"];
    if (typeof asOf !== "string")
      throw new CliError("claims needs --as-of <YYYY-MM-DD>: the date the claims are settled on", 2);
    const format = parsed.values.format;
    if (format !== "text" && format !== "json" && format !== "xlsx")
      throw new CliError(`--format ${String(format)}: expected text, json or xlsx`, 2);
    const locale = localeOption(parsed.values.locale, format, ["text", "xlsx"]);
    const output = workbookOutput(format, parsed.values.output);
    const given = separatorOption(parsed.values.separator);
    const decisions = decisionsFile(parsed.values.decisions, parsed.values["decisions-format"]);
    // --csv it: the decisions file in CSV for Italian spreadsheets (";", a decimal comma, a byte-order mark)
    const csv = parsed.values.csv;
    if (csv !== undefined && csv !== "it" && csv !== "en")
      throw new CliError(`--csv ${String(csv)}: expected it (";", a decimal comma, a byte-order mark) or en`, 2);
    if (csv !== undefined && decisions?.format !== "csv")
      throw new CliError("--csv applies to a decisions file in CSV: give --decisions <file.csv>", 2);
    const contract = loadContract(contractPath!);
    const size = fileSize(claimsPath!);
    const header = headerSeparators(claimsPath!);
    const separator = given ?? header.detected ?? ",";
    if (given === undefined && header.detected !== undefined)
      io.err(`${claimsPath!}: ${detectedNote(header.detected, locale)}`);
    const bar = progress("reading claims (bytes)");
    let settlement: ClaimSettlement;
    try {
      // The file is read by readClaimsCsv's reader (two reused buffers, bytes straight into the columns).
      const claims = readClaimsFile(claimsPath!, (bytes) => bar.update(bytes, size), { separator });
      const keepDecisions = format !== "text" || decisions !== undefined;
      settlement = await settleClaimsAsync(contract, claims, { asOf, keepDecisions });
    } catch (error) {
      // the claims file's rows (ClaimsError), --as-of, the contract (no rate card: ContractError), the file's reading
      if (error instanceof ClaimsError) {
        const found = problems(claimsPath!, error);
        // a header that names no column with this separator: say which separator it seems to use
        const other = header.holds.find((mark) => mark !== separator);
        const lost = error.issues.some((one) => one.code === "missing_column" || one.code === "unknown_column");
        if (!lost || other === undefined) throw found;
        throw new FileProblems(
          `${found.message}\nThe header line holds ${SEPARATOR_NAMES[other]}: give --separator ${SEPARATOR_ARGS[other]}`,
          found.file,
          found.what,
          found.issues,
        );
      }
      const refused = asOfError(error, asOf);
      if (refused !== undefined) throw refused;
      if (error instanceof ValidationError) throw problems(contractPath!, error);
      if (isSystemError(error)) throw unreadable(claimsPath!, error);
      throw error;
    } finally {
      bar.end();
    }
    if (decisions !== undefined) await writeDecisions(settlement, decisions, csv);
    if (format === "text") return io.out(explainClaims(settlement, { locale }));
    if (output !== undefined) return writeWorkbook(output, () => claimsWorkbook(settlement, { locale }));
    // The settlement as JSON a piece at a time: one string of it all would not fit past a million claims or so.
    // Two buffers in turn: a piece is written before the one after the next is made.
    for (const piece of settlementChunks(settlement, true)) if (!(await io.piece(piece))) return;
    await io.piece("\n");
  },
  simulate(args, io) {
    const parsed = parse(
      args,
      {
        runs: { type: "string" },
        seed: { type: "string" },
        format: { type: "string", default: "text" },
        locale: { type: "string" },
      },
      "simulate",
    );
    if (parsed.values.help === true) return io.out(HELP.simulate!);
    const [contractPath, resultsPath] = positionals(parsed.positionals, { min: 2, max: 2 }, "simulate");
    const format = parsed.values.format;
    if (format !== "text" && format !== "json")
      throw new CliError(`--format ${String(format)}: expected text or json`, 2);
    const locale = localeOption(parsed.values.locale, format, ["text"]);
    const result = simulateFile(loadContract(contractPath!), resultsPath!, parsed.values);
    io.out(format === "json" ? JSON.stringify(result, null, 2) : simulationTable(result, { locale }));
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
    return (await handler(args, io)) ?? 0;
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
