/**
 * The command line's `claims` command, a module of its own (`dist/cli-claims.js`, an entry of the build): the
 * entry loads it for `claims` instead of `cli-commands.js`, so that settling a claims file loads the claims
 * settlement, the contract's checks and the claims' text, and not the rest of the library (the settlement of
 * events, the reports, finance, measurement).
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync, writeSync } from "node:fs";
import { dirname, extname } from "node:path";
import { decisionChunks, settlementChunks, type ClaimDecisionFormat } from "../claims/claim-output.js";
import type { ClaimSettlement } from "../claims/claim-types.js";
import { ClaimsError } from "../claims/claims-error.js";
import { settleClaimsAsync } from "../claims/settle-claims.js";
import { ValidationError } from "../errors/validation-error.js";
import { csvLayout, type CsvSeparator } from "../money/csv-layout.js";
import { explainClaims } from "../report/explain-claims.js";
import type { ReportLocale } from "../report/style.js";
import { HELP } from "./cli-help.js";
import type { Output } from "./cli-output.js";
import {
  CliError,
  FileProblems,
  NEWLINE,
  asOfError,
  fileSize,
  isSystemError,
  loadContract,
  localeOption,
  parse,
  positionals,
  problems,
  progress,
  runCommandOf,
  separatorOption,
  unreadable,
  workbookOutput,
  writeWorkbook,
} from "./cli-support.js";
import { readClaimsFile } from "./read-claims-csv.js";
import { claimsWorkbook } from "./workbook.js";

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

/** `claims <contract.json> <claims.csv> --as-of <date>`: settles a claims file. */
export async function claims(args: readonly string[], io: Output): Promise<void> {
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
}

/** Runs `claims` (the only command of this module) and returns the exit code. */
export function runCommand(command: string, args: readonly string[], io: Output): Promise<number> {
  return runCommandOf({ claims }, command, args, io);
}
