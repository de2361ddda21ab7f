/**
 * What the commands of the command line share (`cli-commands.ts`, and `cli-claims.ts` for `claims`): the reading
 * of options, the files' reading and their problems, the progress line, and the exit code of a command. Loads
 * only what those need of the library (a contract's checks), so that `claims` loads no more than it uses.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseContract } from "../contract/parse-contract.js";
import type { Contract } from "../contract/types.js";
import { OptionsError, ValidationError, issue, type InputIssue } from "../errors/validation-error.js";
import { WorkbookError } from "../errors/workbook-error.js";
import type { CsvSeparator } from "../money/csv-layout.js";
import { REPORT_LOCALES, type ReportLocale } from "../report/style.js";
import { HELP, PROGRAM } from "./cli-help.js";
import type { Output } from "./cli-output.js";

/** A user error: printed as it is, with the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** A file's problems (exit 1), kept as data too, for `validate --format json`. */
export class FileProblems extends CliError {
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
export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** The number of one-character edits (insert, delete, replace) from one word to the other. */
export function editDistance(a: string, b: string): number {
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
export function parse(args: readonly string[], options: Options, command: string): Parsed {
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
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string; syscall: string } {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === "string" &&
    typeof (error as NodeJS.ErrnoException).syscall === "string"
  );
}

/** A file that cannot be read, as a command-line error (exit 2) in plain words. */
export function unreadable(path: string, error: unknown): CliError {
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
export function fileSize(path: string): number {
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
export function readJson(path: string): unknown {
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
export function problems(path: string | undefined, error: ValidationError): FileProblems {
  const what = error.message.split("\n", 1)[0]!.replace(/: \d+ problems?$/, "");
  const listed = error.issues.map((found) => `  ${found.at}: ${found.message} [${found.code}]`);
  const count = `${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`;
  return new FileProblems(`${path ?? PROGRAM}: ${what}: ${count}\n${listed.join("\n")}`, path, what, error.issues);
}

/** Runs a library call on a file's data, turning a validation error into the file's list of problems. */
export function checked<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ValidationError) throw problems(path, error);
    throw error;
  }
}

/** `--as-of` refused by the library (an `OptionsError` on `asOf` only): a command-line error, exit 2. */
export function asOfError(error: unknown, asOf: string): CliError | undefined {
  if (!(error instanceof OptionsError) || !error.issues.every((found) => found.path[0] === "asOf")) return undefined;
  return new CliError(`--as-of ${asOf}: ${error.issues[0]?.message ?? "invalid"}`, 2);
}

export function positionals(values: readonly string[], count: { min: number; max: number }, command: string): string[] {
  if (values.length < count.min || values.length > count.max) {
    const expected = count.min === count.max ? `${count.min}` : `${count.min} or ${count.max}`;
    throw new CliError(
      `${command} expects ${expected} file${count.max === 1 ? "" : "s"}, got ${values.length}\nRun "${PROGRAM} ${command} --help" for usage.`,
      2,
    );
  }
  return [...values];
}

export function loadContract(path: string): Contract {
  const json = readJson(path);
  return checked(path, () => parseContract(json));
}

export const NEWLINE = 10;

/** A progress line on stderr, only when stderr is a terminal (never in pipes, files or tests). */
export function progress(label: string): {
  readonly shown: boolean;
  update(done: number, total?: number): void;
  end(): void;
} {
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

/**
 * `--output <file>` for the xlsx workbook (checked before anything is read, exit 2): required with xlsx, a binary
 * file that a terminal would garble, and given for nothing else (every other output is printed).
 */
export function workbookOutput(format: string, output: unknown): string | undefined {
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
export async function writeWorkbook(path: string, make: () => Promise<Uint8Array>): Promise<void> {
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

/**
 * `--locale`, checked (exit 2): en or it, and only for an output that has words (`worded`); for another, the
 * message says it is language-neutral, with `hints[format]` when there is a better option.
 */
export function localeOption(
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
export function separatorOption(given: string | boolean | undefined): CsvSeparator | undefined {
  if (given === undefined) return undefined;
  if (given === "," || given === ";") return given;
  if (given === "\t" || given === "tab" || given === "\\t") return "\t";
  throw new CliError(`--separator ${JSON.stringify(String(given))}: expected "," ";" or tab`, 2);
}

/** A command: its arguments (after the command's name) and where it writes. */
export type Command = (args: readonly string[], io: Output) => void | number | Promise<void>;

/** Runs one command of `commands` (known to the entry) and returns the exit code. */
export async function runCommandOf(
  commands: Readonly<Record<string, Command>>,
  command: string,
  args: readonly string[],
  io: Output,
): Promise<number> {
  const handler = commands[command];
  if (handler === undefined || !Object.hasOwn(commands, command)) {
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
