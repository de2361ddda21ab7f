/**
 * Benchmark of the start: how long a process takes to answer `pay-by-results --help`, and to import the package,
 * beside the floor measured in the same run — `node -e 0`, a process that starts Node and does nothing.
 *
 * Each command runs 15 times, interleaved with the others (so that a busy neighbour slows all of them alike);
 * the median and the fastest wall times are printed, with the ratio of the median to the floor's median. The
 * target of issue 15: `node dist/cli.js --help` within 2x of `node -e 0` (the entry loads the help texts only;
 * the library is imported when a command runs).
 *
 * Usage: npx tsx bench/start.bench.ts [runs]. Needs dist/: `npm run bench` builds it first.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[2] ?? 15);
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
if (!existsSync(root("dist/cli.js"))) throw new Error("dist/ is missing: run `npm run build` first");
const index = JSON.stringify(root("dist/index.js"));
const nodeIndex = JSON.stringify(root("dist/node/index.js"));

const commands: readonly { readonly label: string; readonly args: readonly string[] }[] = [
  { label: "node -e 0 (the floor)", args: ["-e", "0"] },
  { label: "node dist/cli.js --help", args: [root("dist/cli.js"), "--help"] },
  { label: "node dist/cli.js --version", args: [root("dist/cli.js"), "--version"] },
  { label: 'import("pay-by-results") (dist/index.js)', args: ["--input-type=module", "-e", `await import(${index})`] },
  {
    label: 'import("pay-by-results/node") (dist/node/index.js)',
    args: ["--input-type=module", "-e", `await import(${nodeIndex})`],
  },
];

function once(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${child.stderr}`);
  return ms;
}

const times = commands.map(() => [] as number[]);
for (const command of commands) once(command.args); // warm the file cache
for (let run = 0; run < runs; run += 1) commands.forEach((command, index) => times[index]!.push(once(command.args)));

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const floor = median(times[0]!);
console.log(
  `start of a process, ${runs} runs each, interleaved; load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(", ")} on ${availableParallelism()} cores`,
);
commands.forEach((command, index) => {
  const middle = median(times[index]!);
  const fastest = Math.min(...times[index]!);
  console.log(
    `${command.label}: median ${middle.toFixed(0)} ms, fastest ${fastest.toFixed(0)} ms${index === 0 ? "" : `; ${(middle / floor).toFixed(2)}x the floor's median`}`,
  );
});
