import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseContract, parseEvents, settle } from "../../src/index.js";

/**
 * The built command line (dist/cli.js, made by `npm run build`, which `npm test` runs first), run as a user
 * would: output, exit codes, and one test per user error. Exit codes: 0 done; 1 the files are wrong; 2 the
 * command line is wrong, a file cannot be read or the output cannot be written; 70 a defect of the library.
 */

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const CLI = root("dist/cli.js");
const CONTRACT = root("examples/fis-dispersione/contract.json");
const EVENTS = root("examples/fis-dispersione/events.json");
const scratch = mkdtempSync(join(tmpdir(), "pay-by-results-cli-"));
const file = (name: string, text: string) => {
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

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does)");
});

describe("pay-by-results (commands that succeed)", () => {
  it("validate: a contract and its events", () => {
    const result = run("validate", CONTRACT, EVENTS);
    expect(result.code).toBe(0);
    expect(result.out).toContain("contract fis-dispersione-2026 is valid: 3 tranches, 1 metric, 5 parties");
    expect(result.out).toContain("9 events, consistent with the contract");
    expect(result.err).toBe("");
  });

  it("settle --format text: the explanation with the hand-checked figures", () => {
    const result = run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31");
    expect(result.code).toBe(0);
    expect(result.out).toContain("EUR 186,000.00");
    expect(result.out).toContain("CLAWBACK");
  });

  it("settle --format json: exactly the library's settlement", () => {
    const result = run("settle", CONTRACT, EVENTS, "--as-of", "2027-12-31", "--format", "json");
    expect(result.code).toBe(0);
    const contract = parseContract(JSON.parse(readFileSync(CONTRACT, "utf8")));
    const expected = settle(contract, parseEvents(JSON.parse(readFileSync(EVENTS, "utf8")), { contract }), {
      asOf: "2027-12-31",
    });
    expect(JSON.parse(result.out)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("settle --format csv: one row per payer → recipient line", () => {
    const result = run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "csv");
    expect(result.code).toBe(0);
    const rows = result.out.trimEnd().split("\r\n");
    expect(rows[0]).toBe("tranche,covers,due_date,payable_from,status,payer,recipient,currency,earned,paid,balance");
    expect(rows[1]).toBe(
      "t1,period as-2026-27,2027-11-30,2027-11-30,paid,fis,investor,EUR,104160.00,114240.00,-10080.00",
    );
    expect(rows).toHaveLength(13);
  });

  it("settle --format markdown --locale it: the Italian report, as renderMarkdown writes it", () => {
    const result = run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "markdown", "--locale", "it");
    expect(result.code).toBe(0);
    expect(`${result.out.trimEnd()}\n`).toBe(readFileSync(root("test/report/golden/fis-2028-03-31.it.md"), "utf8"));
  });

  it("settle --format html: the self-contained page with the payment curves", () => {
    const result = run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "html");
    expect(result.code).toBe(0);
    expect(`${result.out.trimEnd()}\n`).toBe(readFileSync(root("test/report/golden/fis-2028-03-31.en.html"), "utf8"));
  });

  it("claims: a rate card's claims streamed from a CSV file, with the same totals as the library", () => {
    const result = run(
      "claims",
      root("examples/rate-card/contract.json"),
      root("examples/rate-card/claims-sample.csv"),
      "--as-of",
      "2015-09-30",
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain("Read 200 claims: 137 accepted, 2 accepted in part, 61 rejected, 0 repeats ignored");
    const json = run(
      "claims",
      root("examples/rate-card/contract.json"),
      root("examples/rate-card/claims-sample.csv"),
      "--as-of",
      "2015-09-30",
      "--format",
      "json",
    );
    const settled = JSON.parse(json.out) as { decisions: unknown[] };
    expect(settled.decisions).toHaveLength(200);
  });

  it("simulate: a seeded simulation, the same for the same seed", () => {
    const args = [
      "simulate",
      root("examples/fis-investors/contract.json"),
      root("examples/fis-investors/simulation.json"),
      "--runs",
      "200",
      "--seed",
      "7",
      "--format",
      "json",
    ];
    const first = run(...args);
    expect(first.code).toBe(0);
    expect(run(...args).out).toBe(first.out);
    const result = JSON.parse(first.out) as { runs: number; seed: number };
    expect(result).toMatchObject({ runs: 200, seed: 7 });
    expect(
      run(
        "simulate",
        root("examples/fis-investors/contract.json"),
        root("examples/fis-investors/simulation.json"),
        "--runs",
        "200",
      ).out,
    ).toContain("200 runs, seed 2026 (EUR)");
  });

  it("settle --simulation: the report with a simulation's distributions", () => {
    const result = run(
      "settle",
      root("examples/fis-investors/contract.json"),
      EVENTS,
      "--as-of",
      "2028-03-31",
      "--format",
      "html",
      "--locale",
      "it",
      "--simulation",
      root("examples/fis-investors/simulation.json"),
      "--runs",
      "300",
    );
    expect(result.code, result.err).toBe(2);
    // the example's simulation with 200 runs instead of 10,000: the command's behaviour, not the machine's speed
    const example = JSON.parse(readFileSync(root("examples/fis-investors/simulation.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const simulation = file("simulation-200.json", JSON.stringify({ ...example, runs: 200 }));
    const report = run(
      "settle",
      root("examples/fis-investors/contract.json"),
      EVENTS,
      "--as-of",
      "2028-03-31",
      "--format",
      "markdown",
      "--simulation",
      simulation,
    );
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain("## Simulation: 200 runs, seed 2026");
  });

  it("indigo: an INDIGO project record", () => {
    const result = run("indigo", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--status", "PUBLIC");
    expect(result.code).toBe(0);
    const project = JSON.parse(result.out) as { status: string; name: { value: string } };
    expect(project.status).toBe("PUBLIC");
    expect(project.name.value).toContain("Scuola Aperta");
  });

  it("schema: the shipped JSON Schemas", () => {
    expect(run("schema").out).toBe(readFileSync(root("schema/contract.json"), "utf8"));
    expect(run("schema", "events").out).toBe(readFileSync(root("schema/events.json"), "utf8"));
  });

  it.each(["validate", "settle", "claims", "simulate", "indigo", "schema"])(
    "%s --help prints its usage and exits 0",
    (command) => {
      const result = run(command, "--help");
      expect(result.code).toBe(0);
      expect(result.out).toContain(`Usage: pay-by-results ${command}`);
    },
  );

  it("--help prints the commands and the exit codes", () => {
    const result = run("--help");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Commands:");
    expect(result.out).toContain("2 the command line is wrong, a file cannot be read or the output\ncannot be written");
    expect(result.out).toContain("70 an internal error of pay-by-results (please report it)");
  });

  it.each(["--version", "-v", "version"])("%s prints the package's version and exits 0", (flag) => {
    const { version } = JSON.parse(readFileSync(root("package.json"), "utf8")) as { version: string };
    expect(run(flag)).toEqual({ code: 0, out: `${version}\n`, err: "" });
  });
});

describe("pay-by-results (user errors: a plain message, no stack trace, a non-zero exit)", () => {
  const expectError = (result: ReturnType<typeof run>, code: number, message: string) => {
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(result.out).toBe("");
  };

  it("no command: the help on stderr (a usage error), exit 2", () => {
    const result = run();
    expect(result.code).toBe(2);
    expect(result.err).toContain("Commands:");
    expect(result.out).toBe("");
  });

  it("an unknown command", () => expectError(run("pay", CONTRACT), 2, 'unknown command "pay"'));
  it("an unknown option", () =>
    expectError(
      run("settle", CONTRACT, EVENTS, "--asof", "2028-01-01"),
      2,
      "unknown option --asof; did you mean --as-of?",
    ));
  it("too few files", () => expectError(run("settle", CONTRACT), 2, "settle expects 2 files, got 1"));
  it("no --as-of", () => expectError(run("settle", CONTRACT, EVENTS), 2, "settle needs --as-of <YYYY-MM-DD>"));
  it("an --as-of that is not a date", () =>
    expectError(
      run("settle", CONTRACT, EVENTS, "--as-of", "31/03/2028"),
      2,
      "--as-of 31/03/2028: asOf must be a calendar date",
    ));
  it("an unknown --format", () =>
    expectError(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "pdf"),
      2,
      "--format pdf: expected text, json, csv, markdown, html or xlsx",
    ));
  it("a --locale for an output that has no language", () =>
    expectError(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "json", "--locale", "it"),
      2,
      "--locale it applies to the text, markdown, html and xlsx outputs; the json output is language-neutral",
    ));
  it("an unknown --locale", () =>
    expectError(
      run("settle", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--format", "html", "--locale", "fr"),
      2,
      "--locale fr: expected en or it",
    ));
  it("an unknown --status", () =>
    expectError(
      run("indigo", CONTRACT, EVENTS, "--as-of", "2028-03-31", "--status", "OPEN"),
      2,
      "--status OPEN: expected PUBLIC or PRIVATE",
    ));
  it("an unknown schema", () => expectError(run("schema", "claims"), 2, "schema claims: expected contract or events"));
  it("a claims file with a bad row: the row's line and field", () => {
    const csv = file(
      "claims.csv",
      "id,participant,outcome,achievedOn,claimedOn,evidence\nC1,P1,EMP-ENTRY,2014-02-30,2014-03-01,E1\n",
    );
    const result = run("claims", root("examples/rate-card/contract.json"), csv, "--as-of", "2015-09-30");
    expectError(result, 1, "claims.csv: invalid claims: 1 problem");
    expect(result.err).toContain("$.line[2].achievedOn");
  });
  it("claims without --as-of", () =>
    expectError(
      run("claims", root("examples/rate-card/contract.json"), root("examples/rate-card/claims-sample.csv")),
      2,
      "claims needs --as-of",
    ));
  it("a --runs that is not a whole number", () =>
    expectError(
      run(
        "simulate",
        root("examples/fis-investors/contract.json"),
        root("examples/fis-investors/simulation.json"),
        "--runs",
        "1e3",
      ),
      2,
      "--runs 1e3: expected a whole number",
    ));
  it("simulation results missing a distribution", () => {
    const result = run(
      "simulate",
      root("examples/fis-investors/contract.json"),
      file("results.json", JSON.stringify({ results: [] })),
      "--runs",
      "10",
    );
    expectError(result, 1, "results.json: invalid options");
    expect(result.err).toContain("[missing_distribution]");
  });
  it("a simulation file whose runs is a string: refused at $.runs, not run 10,000 times", () => {
    const example = JSON.parse(readFileSync(root("examples/fis-investors/simulation.json"), "utf8")) as object;
    const result = run(
      "simulate",
      root("examples/fis-investors/contract.json"),
      file("runs-text.json", JSON.stringify({ ...example, runs: "50" })),
    );
    expectError(result, 1, "runs-text.json: invalid options: 1 problem");
    expect(result.err).toContain("$.runs: runs must be a whole number");
    expect(result.err).toContain("[invalid_runs]");
  });
  it("a simulation file with a misspelt key", () => {
    const example = JSON.parse(readFileSync(root("examples/fis-investors/simulation.json"), "utf8")) as {
      runs?: number;
    };
    const { runs, ...rest } = example;
    const result = run(
      "simulate",
      root("examples/fis-investors/contract.json"),
      file("run-key.json", JSON.stringify({ ...rest, run: runs })),
    );
    expectError(result, 1, "run-key.json: invalid options: 1 problem");
    expect(result.err).toContain('$.run: unknown key "run"');
  });
  it("a --runs the library refuses is a command-line error", () =>
    expectError(
      run(
        "simulate",
        root("examples/fis-investors/contract.json"),
        root("examples/fis-investors/simulation.json"),
        "--runs",
        "0",
      ),
      2,
      "--runs 0: runs must be a whole number",
    ));
  it("a decision table with no row for a result's keys: the formula's path and code, exit 1", () => {
    // the health example's price table without its "*" rows, and a region no row names
    const contract = JSON.parse(readFileSync(root("examples/health-pbf/contract.json"), "utf8")) as {
      parameters: Record<string, unknown>;
      tables: { rows: { when: string[] }[] }[];
    };
    contract.parameters.region = { text: "south" };
    contract.tables[0]!.rows = contract.tables[0]!.rows.filter((row) => row.when[1] !== "*");
    const result = run(
      "settle",
      file("no-row.json", JSON.stringify(contract)),
      root("examples/health-pbf/events.json"),
      "--as-of",
      "2027-12-31",
    );
    expectError(result, 1, "no-row.json: formula error: 1 problem");
    expect(result.err).toContain('$.formulas[0].expression: at character 1: no row of table "price"');
    expect(result.err).toContain("[formula_no_matching_row]");
    expect(result.err).not.toContain("internal error");
  });
  it("claims against a contract without a rate card: the contract's problem, exit 1", () => {
    const result = run("claims", CONTRACT, root("examples/rate-card/claims-sample.csv"), "--as-of", "2015-09-30");
    expectError(result, 1, "contract.json: invalid contract: 1 problem");
    expect(result.err).toContain('$.rateCard: the contract has no "rateCard"');
    expect(result.err).not.toContain("internal error");
  });
  it("a folder instead of the claims file", () =>
    expectError(
      run("claims", root("examples/rate-card/contract.json"), scratch, "--as-of", "2015-09-30"),
      2,
      "is a folder, not a file",
    ));
  it("a missing claims file", () =>
    expectError(
      run("claims", root("examples/rate-card/contract.json"), join(scratch, "nope.csv"), "--as-of", "2015-09-30"),
      2,
      "nope.csv: no such file",
    ));
  it.skipIf(!existsSync("/dev/full"))("output that cannot be written (a full disk: /dev/full): exit 2", () => {
    const full = openSync("/dev/full", "w");
    try {
      const result = spawnSync(process.execPath, [CLI, "schema"], {
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("pay-by-results: cannot write the output (ENOSPC)");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      closeSync(full);
    }
  });
  it("a missing file", () => expectError(run("validate", join(scratch, "nope.json")), 2, "nope.json: no such file"));
  it("a folder instead of a file", () => expectError(run("validate", scratch), 2, "is a folder, not a file"));
  it("a file that is not JSON", () =>
    expectError(run("validate", file("broken.json", '{ "id": ')), 1, "broken.json: not valid JSON"));

  it("an invalid contract: every problem with its JSON path and code", () => {
    const contract = JSON.parse(readFileSync(CONTRACT, "utf8")) as { tranches: { cap?: unknown }[]; title?: unknown };
    contract.tranches[0]!.cap = 240000;
    delete contract.title;
    const result = run("validate", file("contract.json", JSON.stringify(contract)));
    expectError(result, 1, "contract.json: invalid contract: 2 problems");
    expect(result.err).toContain('$.title: "title" is required [required]');
    expect(result.err).toContain("$.tranches[0].cap: money must be a decimal string");
  });

  it("invalid events: every problem with its JSON path and code", () => {
    const events = JSON.parse(readFileSync(EVENTS, "utf8")) as { metric?: string }[];
    events[0]!.metric = "dropuot";
    const result = run("settle", CONTRACT, file("events.json", JSON.stringify(events)), "--as-of", "2028-03-31");
    expectError(result, 1, "events.json: invalid events: 1 problem");
    expect(result.err).toContain('$[0].metric: unknown metric "dropuot" [unknown_metric]');
  });
});

describe("simulateInWorkers in a process started with V8 flags", () => {
  it("node --max-old-space-size=…: the workers start (they do not inherit the flag) and equal one thread", () => {
    // from the sources, through tsx: the worker's flags are chosen the same way in the built package
    const script = `
import { readFileSync } from "node:fs";
import { parseContract, simulate } from ${JSON.stringify(root("src/index.ts"))};
import { simulateInWorkers } from ${JSON.stringify(root("src/node/index.ts"))};
const contract = parseContract(JSON.parse(readFileSync(${JSON.stringify(root("examples/fis-investors/contract.json"))}, "utf8")));
const options = { runs: 300, seed: 11, results: [{ metric: "dropout-rate", distribution: { type: "normal", mean: 17.8, sd: 1.2 }, decimals: 1 }] };
const result = await simulateInWorkers(contract, options, { workers: 2 });
process.stdout.write(JSON.stringify(result) === JSON.stringify(simulate(contract, options)) ? "equal" : "different");`;
    const result = spawnSync(
      process.execPath,
      ["--max-old-space-size=512", "--import", "tsx", "--input-type=module", "--eval", script],
      { cwd: root(""), encoding: "utf8" },
    );
    expect(result.stderr).not.toContain("ERR_WORKER_INVALID_EXEC_ARGV");
    expect({ code: result.status, out: result.stdout }).toEqual({ code: 0, out: "equal" });
  }, 120_000);
});
