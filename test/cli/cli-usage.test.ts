import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseContract, parseEvents, settle, settlementToCsv } from "../../src/index.js";
import { nearestOption } from "../../src/node/cli-commands.js";
import { HELP } from "../../src/node/cli-help.js";

/**
 * The built command line (dist/cli.js, made by `npm run build`) as a user meets it: `help <command>`, "did you
 * mean" for a mistyped option, usage errors on stderr (exit 2), JSON files saved with a byte-order mark,
 * `validate --format json`, `--locale it` on every command that prints words, the spreadsheet options of
 * `settle --format csv`, and `claims` reading a file separated by `;` or tabs.
 */

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const CLI = root("dist/cli.js");
const CONTRACT = root("examples/fis-dispersione/contract.json");
const EVENTS = root("examples/fis-dispersione/events.json");
const RATE_CARD = root("examples/rate-card/contract.json");
const CLAIMS = root("examples/rate-card/claims-sample.csv");
const scratch = mkdtempSync(join(tmpdir(), "pay-by-results-cli-usage-"));
const file = (name: string, text: string | Uint8Array) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

function run(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A usage error: exit 2, a plain message on stderr, nothing on stdout, none of Node's parser texts. */
function expectUsageError(result: ReturnType<typeof run>, message: string) {
  expect(result.code, result.err).toBe(2);
  expect(result.err).toContain(message);
  expect(result.err).not.toContain("To specify");
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(result.out).toBe("");
}

/** The edit distance, written the plain way (a full table), to check the suggestions against. */
function distance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      table[i]![j] = Math.min(
        table[i - 1]![j]! + 1,
        table[i]![j - 1]! + 1,
        table[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return table[a.length]![b.length]!;
}

const COMMANDS = ["validate", "settle", "claims", "simulate", "indigo", "schema"];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does)");
});

describe("help", () => {
  it.each(COMMANDS)("help %s and %s --help print that command's help, exit 0", (command) => {
    const help = run("help", command);
    expect(help).toEqual({ code: 0, out: `${HELP[command]}\n`, err: "" });
    expect(help.out).toContain(`Usage: pay-by-results ${command}`);
    expect(run(command, "--help")).toEqual(help);
    expect(run(command, "-h")).toEqual(help);
  });

  it("help alone is the general help, exit 0; help of an unknown command is a usage error", () => {
    expect(run("help")).toEqual({ code: 0, out: `${HELP.main}\n`, err: "" });
    expectUsageError(run("help", "setle"), 'unknown command "setle"');
  });

  it("claims --help: evidence is a required column, enrolledOn the only optional one", () => {
    const help = run("claims", "--help").out.replaceAll(/\s+/g, " ");
    expect(help).toContain(
      "Required: id, participant, outcome, achievedOn, claimedOn (dates as YYYY-MM-DD) and evidence",
    );
    expect(help).toContain("a field that may not be empty");
    expect(help).toContain("Optional: enrolledOn");
    // as the reader says: a header without evidence is refused
    const csv = file(
      "no-evidence.csv",
      "id,participant,outcome,achievedOn,claimedOn\nC1,P1,EMP-ENTRY,2014-02-01,2014-03-01\n",
    );
    const result = run("claims", RATE_CARD, csv, "--as-of", "2015-09-30");
    expect(result.code).toBe(1);
    expect(result.err).toContain('the header has no "evidence" column');
  });
});

describe("mistakes on the command line: a plain message on stderr, exit 2", () => {
  it.each([
    [["settle", CONTRACT, EVENTS, "--asof", "2028-03-31"], "unknown option --asof; did you mean --as-of?"],
    [["settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--fromat", "csv"], "did you mean --format?"],
    [["settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--decimal", ","], "did you mean --decimal-mark?"],
    [["claims", RATE_CARD, CLAIMS, "--as-of", "2015-09-30", "--seperator", ";"], "did you mean --separator?"],
    [["claims", RATE_CARD, CLAIMS, "--as-off", "2015-09-30"], "did you mean --as-of?"],
    [["simulate", CONTRACT, EVENTS, "--run", "10"], "unknown option --run; did you mean --runs?"],
    [["indigo", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--stauts", "PUBLIC"], "did you mean --status?"],
    [["validate", CONTRACT, "--formt", "json"], "did you mean --format?"],
  ])("%j: %s", (args, message) => {
    const result = run(...args);
    expectUsageError(result, message);
    expect(result.err).toContain(`Run "pay-by-results help ${args[0]}" for usage.`);
  });

  it("an option nothing is near: the command's options listed", () =>
    expectUsageError(run("schema", "--zzz"), "unknown option --zzz: schema takes --help"));
  it("an unknown short option", () => expectUsageError(run("settle", CONTRACT, EVENTS, "-x"), "unknown option -x"));
  it("an option without its value", () => {
    expectUsageError(run("settle", CONTRACT, EVENTS, "--as-of"), "--as-of needs a value");
    expectUsageError(
      run("settle", CONTRACT, EVENTS, "--as-of", "--format", "csv"),
      '--as-of needs a value (a value that begins with "-" is written --as-of=--format)',
    );
  });
  it("a flag given a value", () =>
    expectUsageError(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--bom=yes"),
      '--bom takes no value (got "yes")',
    ));

  it("the nearest option: within two edits (or a third of the name), or the one a prefix begins", () => {
    const names = ["as-of", "format", "locale", "separator", "decimal-mark", "bom", "no-bom", "help"];
    expect(nearestOption("asof", names)).toBe("as-of");
    expect(nearestOption("AS-OF", names)).toBe("as-of");
    expect(nearestOption("local", names)).toBe("locale");
    expect(nearestOption("separater", names)).toBe("separator");
    expect(nearestOption("decimal", names)).toBe("decimal-mark");
    expect(nearestOption("nobom", names)).toBe("no-bom");
    expect(nearestOption("x", names)).toBeUndefined();
    expect(nearestOption("verbose", names)).toBeUndefined();
  });

  it("one character dropped, doubled or changed in a command's option: that option is the one suggested", () => {
    const names = [
      "as-of",
      "format",
      "locale",
      "simulation",
      "csv",
      "separator",
      "decimal-mark",
      "bom",
      "no-bom",
      "help",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.constantFrom("drop", "double", "change"),
        fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz-"),
        (name, at, edit, letter) => {
          const i = at % name.length;
          const typo =
            edit === "drop"
              ? name.slice(0, i) + name.slice(i + 1)
              : edit === "double"
                ? name.slice(0, i + 1) + name.slice(i)
                : name.slice(0, i) + letter + name.slice(i + 1);
          fc.pre(typo !== name && !names.includes(typo) && typo.length >= 2);
          // the suggestion is the option itself, or another exactly as near (e.g. "bom" for "nbom" from "no-bom")
          const suggested = nearestOption(typo, names);
          expect(suggested).toBeDefined();
          if (suggested !== name) expect(distance(typo, suggested!)).toBe(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("JSON files saved with a byte-order mark", () => {
  const bom = (path: string, name: string) => file(name, `\uFEFF${readFileSync(path, "utf8")}`);

  it("contract and events files with a BOM are read as without", () => {
    const contract = bom(CONTRACT, "bom-contract.json");
    const events = bom(EVENTS, "bom-events.json");
    expect(readFileSync(contract)[0]).toBe(0xef);
    const validated = run("validate", contract, events);
    expect(validated.code, validated.err).toBe(0);
    expect(validated.out).toContain("contract fis-dispersione-2026 is valid");
    expect(run("settle", contract, events, "--as-of", "2028-03-31", "--format", "json").out).toBe(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "json").out,
    );
  });

  it("a simulation file with a BOM", () => {
    const simulation = file(
      "bom-simulation.json",
      `\uFEFF${JSON.stringify({ results: [{ metric: "dropout-rate", distribution: { type: "normal", mean: 17.8, sd: 1.2 }, decimals: 1 }] })}`,
    );
    const result = run("simulate", root("examples/fis-investors/contract.json"), simulation, "--runs", "50");
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("50 runs, seed 1 (EUR)");
  });
});

describe("validate --format json", () => {
  type Report = {
    valid: boolean;
    problems: { file: string; code: string; path: string; message: string }[];
    contract?: { id: string; tranches: number; metrics: number; parties: number };
    events?: number;
  };

  it("valid files: valid, no problems, what was checked; exit 0", () => {
    const result = run("validate", CONTRACT, EVENTS, "--format", "json");
    expect(result.code).toBe(0);
    expect(result.err).toBe("");
    expect(JSON.parse(result.out) as Report).toEqual({
      valid: true,
      problems: [],
      contract: { id: "fis-dispersione-2026", tranches: 3, metrics: 1, parties: 5 },
      events: 9,
    });
  });

  it("an invalid contract: each problem's file, code, path and message on stdout, exit 1 as with text", () => {
    const contract = JSON.parse(readFileSync(CONTRACT, "utf8")) as { tranches: { cap?: unknown }[]; title?: unknown };
    contract.tranches[0]!.cap = 240000;
    delete contract.title;
    const path = file("invalid-contract.json", JSON.stringify(contract));
    const result = run("validate", path, "--format", "json");
    expect(result.code).toBe(1);
    expect(run("validate", path).code).toBe(1);
    const report = JSON.parse(result.out) as Report;
    expect(report.valid).toBe(false);
    expect(report.problems).toHaveLength(2);
    expect(report.problems).toContainEqual({
      file: path,
      code: "required",
      path: "$.title",
      message: '"title" is required',
    });
    expect(report.problems.map((found) => found.path)).toContain("$.tranches[0].cap");
    for (const found of report.problems) expect(Object.keys(found)).toEqual(["file", "code", "path", "message"]);
  });

  it("invalid events: the events file's problems", () => {
    const events = JSON.parse(readFileSync(EVENTS, "utf8")) as { metric?: string }[];
    events[0]!.metric = "dropuot";
    const path = file("invalid-events.json", JSON.stringify(events));
    const result = run("validate", CONTRACT, path, "--format", "json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as Report;
    expect(report.valid).toBe(false);
    expect(report.contract?.id).toBe("fis-dispersione-2026");
    expect(report.problems).toEqual([
      { file: path, code: "unknown_metric", path: "$[0].metric", message: 'unknown metric "dropuot"' },
    ]);
  });

  it("a file that is not JSON: an invalid_json problem at $", () => {
    const path = file("broken.json", '{ "id": ');
    const result = run("validate", path, "--format", "json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as Report;
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: path, code: "invalid_json", path: "$" });
  });

  it("a file that cannot be read stays a command-line error on stderr, exit 2", () =>
    expectUsageError(run("validate", join(scratch, "nope.json"), "--format", "json"), "nope.json: no such file"));
});

describe("--locale it on every command that prints words", () => {
  it("settle: the text explanation in Italian", () => {
    const result = run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--locale", "it");
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("Liquidazione di fis-dispersione-2026");
    expect(result.out).toContain("Stato: PAGATA");
    expect(result.out).not.toContain("Status:");
  });

  it("claims: the totals in Italian", () => {
    const result = run("claims", RATE_CARD, CLAIMS, "--as-of", "2015-09-30", "--locale", "it");
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("Lette 200 richieste: 137 accolte, 2 accolte in parte, 61 respinte");
  });

  it("simulate: the tables in Italian", () => {
    const result = run(
      "simulate",
      root("examples/fis-investors/contract.json"),
      root("examples/fis-investors/simulation.json"),
      "--runs",
      "50",
      "--locale",
      "it",
    );
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("50 estrazioni, seme 2026 (EUR)");
    expect(result.out).toContain("pagamenti totali per i risultati");
  });

  it("validate: the summary lines in Italian, and the first line of the problems", () => {
    const result = run("validate", CONTRACT, EVENTS, "--locale", "it");
    expect(result).toEqual({
      code: 0,
      out: `${CONTRACT}: il contratto fis-dispersione-2026 è valido: 3 tranche, 1 metrica, 5 parti\n${EVENTS}: 9 eventi, coerenti con il contratto\n`,
      err: "",
    });
    const bad = run("validate", file("bad-it.json", JSON.stringify({ id: "x" })), "--locale", "it");
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad-it\.json: contratto non valido: \d+ problemi\n {2}\$\.title: /);
  });

  it("outputs without words refuse a --locale, naming the way to an Italian spreadsheet", () => {
    expectUsageError(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "csv", "--locale", "it"),
      "the csv output is language-neutral; for a spreadsheet in Italian use --csv it",
    );
    expectUsageError(
      run("claims", RATE_CARD, CLAIMS, "--as-of", "2015-09-30", "--format", "json", "--locale", "it"),
      "--locale it applies to the text and xlsx outputs; the json output is language-neutral",
    );
    expectUsageError(run("validate", CONTRACT, "--locale", "fr"), "--locale fr: expected en or it");
  });
});

describe("settle --format csv for spreadsheets", () => {
  const contract = parseContract(JSON.parse(readFileSync(CONTRACT, "utf8")));
  const settlement = settle(contract, parseEvents(JSON.parse(readFileSync(EVENTS, "utf8")), { contract }), {
    asOf: "2028-03-31",
  });
  const csv = (...more: string[]) => run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", ...more);

  it("--csv it: the library's Italian preset (;, decimal comma, byte-order mark), with or without --format csv", () => {
    const result = csv("--format", "csv", "--csv", "it");
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(`${settlementToCsv(settlement, { locale: "it" }).trimEnd()}\n`);
    expect(result.out.startsWith("\uFEFFtranche;covers;")).toBe(true);
    expect(result.out).toContain(";104160,00;114240,00;-10080,00");
    expect(csv("--csv", "it").out).toBe(result.out);
  });

  it("explicit --separator, --decimal-mark, --bom and --no-bom", () => {
    expect(csv("--separator", "tab", "--decimal-mark", ",", "--bom").out).toBe(
      `${settlementToCsv(settlement, { separator: "\t", decimalMark: ",", byteOrderMark: true }).trimEnd()}\n`,
    );
    expect(csv("--separator", ";").out).toBe(`${settlementToCsv(settlement, { separator: ";" }).trimEnd()}\n`);
    expect(csv("--csv", "it", "--no-bom").out).toBe(
      `${settlementToCsv(settlement, { locale: "it", byteOrderMark: false }).trimEnd()}\n`,
    );
    expect(csv("--csv", "it", "--separator", "\t").out).toBe(
      `${settlementToCsv(settlement, { locale: "it", separator: "\t" }).trimEnd()}\n`,
    );
  });

  it("wrong spreadsheet options: exit 2 with what to give", () => {
    expectUsageError(
      csv("--decimal-mark", ","),
      "a decimal comma needs another separator between fields: add --separator ';'",
    );
    expectUsageError(csv("--csv", "de"), "--csv de: expected it");
    expectUsageError(csv("--separator", "|"), '--separator "|": expected "," ";" or tab');
    expectUsageError(csv("--decimal-mark", "'"), '--decimal-mark \': expected "." or ","');
    expectUsageError(csv("--bom", "--no-bom"), "--bom and --no-bom: give one of them");
    expectUsageError(csv("--format", "html", "--csv", "it"), "--csv applies to the csv output");
  });
});

describe("claims files separated by ; or tabs", () => {
  const sample = readFileSync(CLAIMS, "utf8");
  const semicolons = file("claims-semicolons.csv", sample.replaceAll(",", ";"));
  const tabs = file("claims-tabs.csv", sample.replaceAll(",", "\t"));
  const totals = () => run("claims", RATE_CARD, CLAIMS, "--as-of", "2015-09-30").out;

  it("detected from the header line, with a note on stderr naming the separator", () => {
    const expected = totals();
    const semi = run("claims", RATE_CARD, semicolons, "--as-of", "2015-09-30");
    expect(semi.code, semi.err).toBe(0);
    expect(semi.out).toBe(expected);
    expect(semi.err).toBe(`${semicolons}: the header line is separated by semicolons: read as with --separator ';'\n`);
    const tab = run("claims", RATE_CARD, tabs, "--as-of", "2015-09-30");
    expect(tab.out).toBe(expected);
    expect(tab.err).toContain("separated by tabs: read as with --separator tab");
    const italian = run("claims", RATE_CARD, semicolons, "--as-of", "2015-09-30", "--locale", "it");
    expect(italian.err).toBe(
      `${semicolons}: la riga di intestazione è separata da punti e virgola: letto come con --separator ';'\n`,
    );
    expect(italian.out).toContain("Lette 200 richieste");
  });

  it("--separator given: no note, the same totals", () => {
    const result = run("claims", RATE_CARD, semicolons, "--as-of", "2015-09-30", "--separator", ";");
    expect(result).toEqual({ code: 0, out: totals(), err: "" });
    expect(run("claims", RATE_CARD, tabs, "--as-of", "2015-09-30", "--separator", "tab").out).toBe(totals());
  });

  it("a --separator the header does not use: the file's problems, then a hint naming the right one", () => {
    const result = run("claims", RATE_CARD, semicolons, "--as-of", "2015-09-30", "--separator", ",");
    expect(result.code).toBe(1);
    expect(result.err).toContain("invalid claims");
    expect(result.err).toContain("The header line holds semicolons: give --separator ';'");
  });

  it("a comma header is read with commas, without a note, even when fields hold ;", () => {
    const mixed = file(
      "claims-mixed.csv",
      "id,participant,outcome,achievedOn,claimedOn,evidence\nC1,P1,EMP-ENTRY,2014-02-01,2014-03-01,letter; payslip\n",
    );
    const result = run("claims", RATE_CARD, mixed, "--as-of", "2015-09-30");
    expect(result.code, result.err).toBe(0);
    expect(result.err).toBe("");
    expect(result.out).toContain("Read 1 claim");
  });
});

describe("claims on a contract without a rate card", () => {
  it("a user error (exit 1) naming the contract's missing rate card, never an internal error", () => {
    for (const format of ["text", "json"]) {
      const result = run("claims", CONTRACT, CLAIMS, "--as-of", "2015-09-30", "--format", format);
      expect(result.code).toBe(1);
      expect(result.err).toContain('$.rateCard: the contract has no "rateCard"');
      expect(result.err).not.toContain("internal error");
      expect(result.out).toBe("");
    }
  });
});

describe("--format xlsx", () => {
  it("writes the workbook to --output, and is a usage error without it or with another format", () => {
    const output = join(scratch, "settlement.xlsx");
    const written = run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "xlsx", "--output", output);
    expect(written.code, written.err).toBe(0);
    expect(written.out).toBe("");
    // an .xlsx file is a zip archive (test/spreadsheets/libreoffice.test.ts opens it and compares every sheet)
    expect(readFileSync(output).subarray(0, 2).toString()).toBe("PK");
    expectUsageError(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "xlsx"),
      "--format xlsx writes a workbook file: give its name with --output <file.xlsx>",
    );
    expectUsageError(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--output", output),
      "--output applies to --format xlsx",
    );
    expectUsageError(
      run("claims", RATE_CARD, CLAIMS, "--as-of", "2015-09-30", "--format", "xlsx", "--output", scratch),
      "is a folder, not a file",
    );
    const claims = join(scratch, "claims.xlsx");
    const claimsRun = run("claims", RATE_CARD, CLAIMS, "--as-of", "2015-09-30", "--format", "xlsx", "--output", claims);
    expect(claimsRun.code, claimsRun.err).toBe(0);
    expect(readFileSync(claims).subarray(0, 2).toString()).toBe("PK");
  });
});
