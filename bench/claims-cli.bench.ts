/**
 * Benchmark of the command line's `claims` at the scale of a national fund: a claims CSV file of N claims (10
 * per participant, over the 10-outcome card of examples/rate-card, from a fixed seed — the claims of
 * `generateClaims`, written a line at a time so that the file can be far larger than memory would hold as
 * objects) settled by the built command line (dist/cli.js) in a child process, as a user runs it:
 *
 * - the totals as text;
 * - with every decision written to a file as it is made (`--decisions out.ndjson`, then `out.csv`);
 * - `--format json` (the settlement with every decision, written a piece at a time), to a file.
 *
 * Each run prints its wall time, its CPU time (user + system, the whole process, GC threads included; and the
 * system's part: writing gigabytes of decisions costs the kernel more while the process holds a gigabyte),
 * claims per CPU-second, its peak RSS (`/usr/bin/time -f %M`) and the RSS beyond the floor's per claim, beside
 * the floor measured in the same run: a plain reader of the same file that only parses and sums
 * (bench/claims-floor.mjs, in plain node), and the ratios to it.
 *
 * Usage: npx tsx bench/claims-cli.bench.ts [claims, default 1000000] [--json] [--no-json]
 * (`CLAIMS_CLI=path/to/cli.js` runs another build of the command line than dist/cli.js.)
 * (`--format json` runs by default up to 2,000,000 claims: its file is about 370 bytes a claim.) Needs dist/:
 * `npm run bench` builds it first. The targets of issue 15: 10M claims with decisions written, peak RSS <= 1.2 GB
 * and >= 1M claims per CPU-second; 1M claims with --format json, peak RSS <= 400 MB.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededUniform } from "../examples/comparison-group/generate-records.js";
import { OUTCOME_CODES } from "../examples/rate-card/generate-claims.js";

const args = process.argv.slice(2);
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1_000_000);
const CLAIMS_PER_PARTICIPANT = 10;
const participants = Math.max(1, Math.round(count / CLAIMS_PER_PARTICIPANT));
const claims = participants * CLAIMS_PER_PARTICIPANT;
const withJson = args.includes("--json") || (!args.includes("--no-json") && claims <= 2_000_000);
const SEED = 20_120_401;
const AS_OF = "2015-09-30";
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const CLI = process.env.CLAIMS_CLI ?? root("dist/cli.js");
const CONTRACT = root("examples/rate-card/contract.json");

const FIRST_DAY = Date.UTC(2012, 3, 1) / 86_400_000; // 2012-04-01

/**
 * The claims `generateClaims(seed, participants, perParticipant)` makes, in the same order, written to `path`
 * as CSV a megabyte at a time (the same random draws, kept in typed arrays rather than claim objects).
 */
function writeClaimsCsv(path: string, seed: number, people: number, perParticipant: number): void {
  const random = seededUniform(seed);
  const dates = Array.from({ length: 1400 }, (_, offset) =>
    new Date((FIRST_DAY + offset) * 86_400_000).toISOString().slice(0, 10),
  );
  const total = people * perParticipant;
  const outcomes = new Uint8Array(total);
  const achievedDays = new Int32Array(total);
  const claimedDays = new Int32Array(total);
  const enrolledDays = new Int32Array(total);
  for (let p = 0; p < people; p += 1) {
    const enrolled = Math.floor(random() * 540);
    let entry = -1;
    for (let k = 0; k < perParticipant; k += 1) {
      const pick = random();
      const outcome = pick < 0.18 ? 8 : pick < 0.3 ? 9 : Math.floor(random() * 8);
      let achieved = enrolled + Math.floor(random() * 700);
      if (outcome === 9 && entry >= 0 && random() < 0.8) achieved = entry + 90 + Math.floor(random() * 400);
      if (outcome === 8 && entry < 0) entry = achieved;
      const claimed = Math.min(achieved + Math.floor(random() * 60), dates.length - 1);
      const index = p * perParticipant + k;
      outcomes[index] = outcome;
      achievedDays[index] = Math.min(achieved, claimed);
      claimedDays[index] = claimed;
      enrolledDays[index] = enrolled;
    }
  }
  const order = new Int32Array(total);
  for (let i = 0; i < total; i += 1) order[i] = i;
  for (let i = total - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  const descriptor = openSync(path, "w");
  let text = "id,participant,outcome,achievedOn,claimedOn,evidence,enrolledOn\n";
  for (let i = 0; i < total; i += 1) {
    const index = order[i]!;
    const p = Math.floor(index / perParticipant);
    text += `C${String(index).padStart(8, "0")},P${String(p).padStart(6, "0")},${OUTCOME_CODES[outcomes[index]!]},${dates[achievedDays[index]!]},${dates[claimedDays[index]!]},EV-${p}-${index % perParticipant},${dates[enrolledDays[index]!]}\n`;
    if (text.length >= 1 << 20) {
      writeSync(descriptor, text);
      text = "";
    }
  }
  writeSync(descriptor, text);
  closeSync(descriptor);
}

/** A plain node program writing `size` bytes to `path`, 64 KiB at a time. */
function writeBytes(path: string, size: number): string {
  return `const fs = require("node:fs"); const fd = fs.openSync(${JSON.stringify(path)}, "w"); const b = new Uint8Array(65536).fill(65); for (let left = ${size}; left > 0; left -= 65536) fs.writeSync(fd, b, 0, Math.min(65536, left)); fs.closeSync(fd);`;
}

interface Run {
  readonly wallS: number;
  readonly cpuS: number;
  /** The system's part of `cpuS` (the kernel: reading the file, writing the output, the memory's pages). */
  readonly systemS: number;
  readonly peakRssMiB: number;
  readonly stdout: string;
}

/** Runs `node …args` under /usr/bin/time: wall and CPU seconds and peak RSS of the child alone. */
function measured(nodeArgs: readonly string[], stdoutFile?: string): Run {
  const timeFile = join(folder, "time.txt");
  const out = stdoutFile === undefined ? "pipe" : openSync(stdoutFile, "w");
  const child = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", "-o", timeFile, process.execPath, ...nodeArgs], {
    encoding: "utf8",
    stdio: ["ignore", out, "pipe"],
    maxBuffer: 1 << 26,
  });
  if (typeof out === "number") closeSync(out);
  if (child.status !== 0) throw new Error(`node ${nodeArgs.join(" ")} failed (${child.status}): ${child.stderr}`);
  const [wall, user, system, rssKiB] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
  return {
    wallS: wall!,
    cpuS: user! + system!,
    systemS: system!,
    peakRssMiB: rssKiB! / 1024,
    stdout: child.stdout ?? "",
  };
}

const number = (value: number, digits = 0) =>
  value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const perCpuSecond = (run: Run) => claims / run.cpuS;
const MiB = 1024 * 1024;

const folder = mkdtempSync(join(tmpdir(), "claims-cli-bench-"));
try {
  const csv = join(folder, "claims.csv");
  const generation = process.hrtime.bigint();
  writeClaimsCsv(csv, SEED, participants, CLAIMS_PER_PARTICIPANT);
  const size = statSync(csv).size;
  console.log(
    `claims: ${number(claims)} for ${number(participants)} participants, 10 outcomes; file ${number(size / MiB, 1)} MiB (generated in ${number(Number(process.hrtime.bigint() - generation) / 1e9, 1)} s)`,
  );
  console.log(
    `load average when starting: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(", ")} on ${availableParallelism()} cores`,
  );

  const floor = measured([root("bench/claims-floor.mjs"), CONTRACT, csv]);
  const floorResult = JSON.parse(floor.stdout) as { lines: number; totalMinor: number };
  if (floorResult.lines !== claims) throw new Error(`the floor read ${floorResult.lines} claims, not ${claims}`);
  console.log(
    `floor (plain reader of the same file: parse and sum, plain node): wall ${number(floor.wallS, 2)} s, CPU ${number(floor.cpuS, 2)} s = ${number(perCpuSecond(floor))} claims per CPU-second; peak RSS ${number(floor.peakRssMiB)} MiB`,
  );

  const report = (label: string, run: Run, extra = "") => {
    const beyond = ((run.peakRssMiB - floor.peakRssMiB) * MiB) / claims;
    console.log(
      `${label}: wall ${number(run.wallS, 2)} s, CPU ${number(run.cpuS, 2)} s (system ${number(run.systemS, 2)} s) = ${number(perCpuSecond(run))} claims per CPU-second (${number(run.cpuS / floor.cpuS, 1)}x the floor's CPU); peak RSS ${number(run.peakRssMiB)} MiB (${number(run.peakRssMiB / floor.peakRssMiB, 1)}x the floor's; ${number(beyond)} bytes a claim beyond it)${extra}`,
    );
  };
  const cli = (...more: string[]) => [CLI, "claims", CONTRACT, csv, "--as-of", AS_OF, ...more];

  // The same runs on a tenth of the claims (the first tenth of the participants), for the memory a claim adds:
  // the slope between the two sizes leaves out what a process holds whatever the number of claims.
  const tenth = join(folder, "tenth.csv");
  writeClaimsCsv(tenth, SEED, Math.max(1, Math.round(participants / 10)), CLAIMS_PER_PARTICIPANT);
  const tenthClaims = Math.max(1, Math.round(participants / 10)) * CLAIMS_PER_PARTICIPANT;
  const slope = (label: string, run: Run, small: Run) =>
    console.log(
      `  ${label}: ${number(((run.peakRssMiB - small.peakRssMiB) * MiB) / (claims - tenthClaims))} bytes a claim (peak RSS ${number(small.peakRssMiB)} MiB at ${number(tenthClaims)} claims, ${number(run.peakRssMiB)} MiB at ${number(claims)})`,
    );
  const small = (...more: string[]) => measured([CLI, "claims", CONTRACT, tenth, "--as-of", AS_OF, ...more]);

  const text = measured(cli());
  const received = /Read ([\d,]+) claims/.exec(text.stdout)?.[1];
  report("claims, totals as text", text, `; read ${received} claims`);

  const slopes: [string, Run, Run][] = [["totals as text", text, small()]];
  for (const extension of ["ndjson", "csv"]) {
    const decisions = join(folder, `decisions.${extension}`);
    const run = measured(cli("--decisions", decisions));
    const written = statSync(decisions).size;
    rmSync(decisions);
    report(`claims --decisions decisions.${extension}`, run, `; file ${number(written / MiB)} MiB`);
    // What writing that many bytes costs by itself (64 KiB writes of one buffer, in plain node): the kernel's
    // part of the run's CPU time, which grows when the page cache is busy writing back.
    const bytesOnly = measured(["-e", writeBytes(decisions, written)]);
    rmSync(decisions);
    console.log(
      `  floor for the file alone (writing ${number(written / MiB)} MiB in 64 KiB writes, plain node): CPU ${number(bytesOnly.cpuS, 2)} s; the run's CPU beyond the text run and this: ${number(run.cpuS - text.cpuS - bytesOnly.cpuS, 2)} s = ${number(((run.cpuS - text.cpuS - bytesOnly.cpuS) * 1e9) / claims)} ns a decision`,
    );
    slopes.push([`--decisions decisions.${extension}`, run, small("--decisions", decisions)]);
    rmSync(decisions);
  }
  console.log("memory a claim adds (the slope of peak RSS between a tenth of the claims and all of them):");
  for (const [label, run, tenthRun] of slopes) slope(label, run, tenthRun);

  if (withJson) {
    const json = join(folder, "settlement.json");
    const run = measured(cli("--format", "json"), json);
    const written = statSync(json).size;
    const tail = readFileSync(json, "utf8").slice(-3);
    rmSync(json);
    report(
      "claims --format json > settlement.json",
      run,
      `; file ${number(written / MiB)} MiB${tail.endsWith("}\n") ? "" : " (NOT COMPLETE)"}`,
    );
  } else {
    console.log("claims --format json: not run (pass --json; it writes about 370 bytes a claim)");
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
