import type { ParseArgsConfig } from "node:util";
import {
  contractJsonSchema,
  eventsJsonSchema,
  explain,
  jsonSchemaText,
  renderHtml,
  renderMarkdown,
  parseEvents,
  settle,
  settlementToCsv,
  simulate,
  simulationTable,
  EventsError,
  toIndigo,
  OptionsError,
  ValidationError,
  type Contract,
  type ReportLocale,
  type ContractEvent,
  type SettlementCsvOptions,
  type Settlement,
  type SimulationOptions,
  type SimulationResult,
} from "../index.js";
import { settlementWorkbook } from "./workbook.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { planSimulation } from "../finance/simulate.js";
import { HELP, PROGRAM } from "./cli-help.js";
import type { Output } from "./cli-output.js";
import {
  CliError,
  FileProblems,
  asOfError,
  checked,
  loadContract,
  localeOption,
  parse,
  positionals,
  problems,
  progress,
  readJson,
  runCommandOf,
  separatorOption,
  workbookOutput,
  writeWorkbook,
  type Command,
  type Parsed,
} from "./cli-support.js";

export { nearestOption } from "./cli-support.js";

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

const SETTLE_FORMATS: readonly string[] = ["text", "json", "csv", "markdown", "html", "xlsx"];

const CSV_FLAGS = ["csv", "separator", "decimal-mark", "bom", "no-bom"] as const;

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
const COMMANDS: Record<string, Command> = {
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
export function runCommand(command: string, args: readonly string[], io: Output): Promise<number> {
  return runCommandOf(COMMANDS, command, args, io);
}
