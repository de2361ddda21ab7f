/**
 * The help texts of the command line, apart from its commands: `pay-by-results --help` prints them without
 * loading the library (the command line's entry imports this module alone; the commands are loaded when one
 * runs).
 */

/** The command's name, as `bin` installs it. */
export const PROGRAM = "pay-by-results";

/** The help of the command line, and of each command. */
export const HELP: Readonly<Record<string, string>> = {
  main: `${PROGRAM}: settle pay-by-results contracts exactly, and explain every amount.

Usage: ${PROGRAM} <command> [options]

Commands:
  validate <contract.json> [events.json]   check a contract (and its events) and list every problem
  settle <contract.json> <events.json>      what is due as known on a date, as text, JSON, CSV or a report
  claims <contract.json> <claims.csv>       settle a rate card's participant claims, streamed from a CSV file
  simulate <contract.json> <results.json>   a seeded Monte Carlo simulation of payments and investor returns
  indigo <contract.json> <events.json>      the contract and its settlement in the INDIGO data standard
  schema [contract|events]                  print the JSON Schema of a file format

Run "${PROGRAM} help <command>" (or "${PROGRAM} <command> --help") for a command's options,
"${PROGRAM} --version" for the version. Texts are in English, or in Italian with --locale it.
Exit codes: 0 done; 1 the files are wrong; 2 the command line is wrong, a file cannot be read or the output
cannot be written; 70 an internal error of ${PROGRAM} (please report it).`,
  validate: `Usage: ${PROGRAM} validate <contract.json> [events.json] [--format text|json] [--locale en|it]

Checks a contract file and, when given, its events file against it. Prints every problem with its JSON path,
or a one-line summary when all is well (exit 1 when a file is wrong):
  --format <format>  text (default) or json: { "valid", "problems": [ { "file", "code", "path", "message" } ] }
                     on stdout, for CI and editors (the exit code is the same as with text)
  --locale <locale>  the language of the summary lines: en (default) or it (the problems' messages are in
                     English)`,
  settle: `Usage: ${PROGRAM} settle <contract.json> <events.json> --as-of <YYYY-MM-DD> [--format <format>] [--locale en|it]
         [--csv it|en] [--separator <char>] [--decimal-mark .|,] [--bom | --no-bom] [--output <file.xlsx>]

Settles the contract on the events recorded on or before --as-of:
  --as-of <date>     the settlement date (required): later events are ignored
  --format <format>  text (default: the explanation an officer can check by hand), json (the settlement as
                     data), csv (one row per payer → recipient line of each tranche), markdown or html (a
                     report; the HTML page is self-contained, with each tranche's payment curve), or xlsx
                     (an Excel workbook: tranches, lines, totals and the derivation, written to --output)
  --output <file>    the workbook's file, for --format xlsx (required with it)
  --locale <locale>  the language of the text explanation, of the reports and of the workbook: en (default) or it
  --simulation <results.json>  add a simulation's distributions to a markdown or html report (see simulate)
For a spreadsheet (csv; any of these alone implies --format csv):
  --csv <preset>     it: what Italian Excel and LibreOffice open as numbers (";" between fields, a decimal
                     comma, a byte-order mark); en: commas and a decimal point (the default)
  --separator <char>  between fields: "," ";" or tab
  --decimal-mark <mark>  before the decimals: "." or "," (a decimal comma needs ";" or tab between fields)
  --bom, --no-bom    start the file with a UTF-8 byte-order mark, or not (the preset's choice otherwise)`,
  indigo: `Usage: ${PROGRAM} indigo <contract.json> <events.json> --as-of <YYYY-MM-DD> [--status PUBLIC|PRIVATE]

Prints the contract and its settlement as an INDIGO project record (JSON):
  --as-of <date>     the settlement date (required)
  --status <status>  the publication status of every record (default PRIVATE)`,
  claims: `Usage: ${PROGRAM} claims <contract.json> <claims.csv> --as-of <YYYY-MM-DD> [--format text|json|xlsx] [--locale en|it]
         [--separator <char>] [--decisions <file>] [--decisions-format ndjson|csv] [--csv it|en]
         [--output <file.xlsx>]

Settles the participant claims of a rate card, read as a stream from a CSV file whose first row names the
columns, in any order. Required: id, participant, outcome, achievedOn, claimedOn (dates as YYYY-MM-DD) and
evidence (what proves the outcome: a field that may not be empty). Optional: enrolledOn (a date, or empty when
not known). Fields may be quoted with "; a byte-order mark at the start is skipped.
  --as-of <date>     the settlement date (required): claims claimed later are not yet known
  --format <format>  text (default: totals and the caps that bit) or json (totals and every claim's decision,
                     written a piece at a time however many claims there are) or xlsx (an Excel workbook:
                     summary, decisions, participants and totals, written to --output)
  --output <file>    the workbook's file, for --format xlsx (required with it)
  --locale <locale>  the language of the text and of the workbook: en (default) or it
  --separator <char>  between fields: "," ";" or tab. Without it, a header line with ";" or a tab and no
                     comma is read with that separator (a note on stderr says so); otherwise ","
  --decisions <file>  also write every claim's decision to a file, one a line, as each is made: NDJSON (one
                     JSON object a line) for a name ending .ndjson or .jsonl, CSV (with a header row) for .csv
  --decisions-format <format>  ndjson or csv, whatever the file's name
  --csv <preset>     for a CSV decisions file: it (";" between fields, a decimal comma, a byte-order mark: what
                     Italian Excel and LibreOffice open as numbers) or en (the default)
A decision is final once every claim has been read (a claim read last may have been achieved first), so the
decisions are written after the reading, one at a time, never held all at once.
A progress line is written to stderr when it is a terminal.`,
  simulate: `Usage: ${PROGRAM} simulate <contract.json> <results.json> [--runs <n>] [--seed <n>] [--format text|json]
         [--locale en|it]

Runs a seeded Monte Carlo simulation: results.json holds { "results": [ { "metric", "period"?, "cohort"?,
"distribution": { "type": "normal" | "beta" | "binomial" | "triangular" | "samples", ... }, "decimals"? } ] }
and may also give "runs" (default 10000), "seed" (default 1) and "percentiles"; the file is checked as the
options of the library's simulate, and the options below override it.
  --runs <n>         how many runs (default 10000)
  --seed <n>         the seed (default 1): the same seed gives the same simulation
  --format <format>  text (default: percentiles of payments, each payer's cost, each investor's return) or json
  --locale <locale>  the language of the text tables: en (default) or it
A progress line is written to stderr when it is a terminal.`,
  schema: `Usage: ${PROGRAM} schema [contract|events]

Prints the JSON Schema of the contract format (default) or of the events format.`,
};
