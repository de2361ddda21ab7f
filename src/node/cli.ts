#!/usr/bin/env node
/**
 * The `pay-by-results` command line: check contract files, settle them, export them. Node-only; the library
 * core it calls does no I/O. User errors print a plain message with the file and JSON path and exit with a
 * non-zero code, never a stack trace:
 *   0 done; 1 the input files are wrong (invalid JSON, or any of the library's validation errors: an invalid
 *   contract, events, claims or simulation file, a decision table with no row for a settlement's keys); 2 the
 *   command line is wrong, a file cannot be read or an output cannot be written (a full disk: the reader
 *   closing a pipe early is not an error); 70 an internal error, a defect of the library to report. Output goes
 *   to stdout; messages, usage errors included (with the help when no command is given), go to stderr.
 *
 * This entry loads nothing of the library: `--help`, `help <command>`, `<command> --help`, `--version` and an
 * unknown command answer at once, as fast as Node starts. A command's module (`cli-commands.js`, which loads the library) is imported when a command
 * runs; `claims` has its own (`cli-claims.js`, which loads only the claims settlement and what it needs). Each
 * is named by its URL, beside this file (dist/cli.js, dist/cli-commands.js and dist/cli-claims.js are entries
 * of the build), so that the bundler leaves it a file of its own.
 */
import { HELP, PROGRAM } from "./cli-help.js";
import { consoleOutput, type Output } from "./cli-output.js";
// bundled into dist/cli.js at build time: the version printed is the one the package was built as
import packageJson from "../../package.json" with { type: "json" };

const COMMANDS: readonly string[] = ["validate", "settle", "claims", "simulate", "indigo", "schema"];

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
  if (command === undefined) {
    // a usage error: the help goes to stderr, so that nothing is piped on as if it were output
    io.err(HELP.main!);
    return 2;
  }
  if (command === "--help" || command === "-h" || command === "help") {
    const topic = command === "help" ? rest[0] : undefined;
    if (topic === undefined || topic === "help") {
      io.out(HELP.main!);
      return 0;
    }
    if (!COMMANDS.includes(topic)) return unknownCommand(topic, io);
    io.out(HELP[topic]!);
    return 0;
  }
  if (command === "--version" || command === "-v" || command === "version") {
    io.out(packageJson.version);
    return 0;
  }
  if (!COMMANDS.includes(command)) return unknownCommand(command, io);
  // `<command> --help` anywhere before a `--`: the command's help, at once, without loading the library
  const end = rest.indexOf("--");
  const options = end === -1 ? rest : rest.slice(0, end);
  if (options.includes("--help") || options.includes("-h")) {
    io.out(HELP[command]!);
    return 0;
  }
  // `claims` loads its own module: the claims settlement without the rest of the library
  const module =
    command === "claims" ? new URL("./cli-claims.js", import.meta.url) : new URL("./cli-commands.js", import.meta.url);
  const commands = (await import(module.href)) as Pick<typeof import("./cli-commands.js"), "runCommand">;
  return commands.runCommand(command, rest, io);
}

function unknownCommand(command: string, io: Output): number {
  io.err(`${PROGRAM}: unknown command "${command}"\n\n${HELP.main!}`);
  return 2;
}

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
