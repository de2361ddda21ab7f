/**
 * Benchmark of the investors' side on the FIS example with its investors (examples/fis-investors):
 * - `settle` alone, the full exact path (parse, history, explanation, freezing), for reference;
 * - the exact investors' path: settle + cashFlows + investorReturns;
 * - the simulation's path: one run = draw the results, re-price the compiled contract (equal to settle to
 *   the cent), run the waterfall and guarantees, compute each investor's XIRR — on one thread;
 * - the same spread over 2 worker threads, and the speed-up.
 * Prints its figures; run with `npm run bench`. Figures are best of several rounds (the machine is shared).
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import {
  cashFlows,
  investorReturns,
  parseContract,
  parseEvents,
  settle,
  simulate,
  type SimulationOptions,
} from "../src/index.js";
import { simulateInWorkers } from "../src/node/index.js";

const contract = parseContract(
  JSON.parse(readFileSync(new URL("../examples/fis-investors/contract.json", import.meta.url), "utf8")),
);
const periods = ["as-2026-27", "as-2027-28", "as-2028-29"];
const events = parseEvents(
  periods.map((period, index) => ({
    type: "result",
    id: `r${index}`,
    metric: "dropout-rate",
    period,
    value: (17.2 + index / 10).toFixed(1),
    status: "verified",
    verifier: "evaluator",
    recordedAt: "2029-10-01",
  })),
  { contract },
);
const asOf = "2029-12-31";

function rate(label: string, count: number, rounds: number, run: () => void): number {
  let best = 0;
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.max(best, count / seconds);
  }
  console.log(`${label}: ${best.toFixed(0)} per second (best of ${rounds} rounds of ${count})`);
  return best;
}

rate("settle, FIS example with investors (3 tranches)", 3_000, 4, () => settle(contract, events, { asOf }));
rate("settle + cashFlows + investorReturns (exact path, with explanation)", 1_000, 4, () => {
  investorReturns(cashFlows(contract, settle(contract, events, { asOf })), { discountRate: "4%" });
});

const options = (runs: number): SimulationOptions => ({
  runs,
  seed: 2026,
  results: [
    { metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 }, decimals: 1 },
  ],
});
simulate(contract, options(20_000)); // warm-up: JIT and the compounding factors
let single = 0;
for (let round = 0; round < 5; round += 1) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  simulate(contract, options(50_000));
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  single = Math.max(single, 50_000 / seconds);
  if (round === 4)
    console.log(`  (last round: ${(50_000 / ((used.user + used.system) / 1e6)).toFixed(0)} runs per CPU-second)`);
}
console.log(
  `simulation, one thread: ${single.toFixed(0)} runs per second (settlement + cash flows + waterfall + IRR per run; best of 5 rounds of 50,000)`,
);

const runs = 400_000;
const timeWorkers = async (workers: number) => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage(); // the whole process: all threads
  await simulateInWorkers(contract, options(runs), { workers });
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 };
};
const best = (a: { seconds: number; cpu: number }, b: { seconds: number; cpu: number }) =>
  a.seconds <= b.seconds ? a : b;
const one = best(await timeWorkers(1), await timeWorkers(1));
const two = best(await timeWorkers(2), await timeWorkers(2));
const show = (label: string, timing: { seconds: number; cpu: number }) =>
  `${label} ${timing.seconds.toFixed(2)} s (${(runs / timing.seconds).toFixed(0)} runs/s; ${timing.cpu.toFixed(1)} CPU-s)`;
console.log(
  `simulation, ${runs.toLocaleString("en-GB")} runs in worker threads (best of 2; includes starting the workers): ` +
    `${show("1 worker", one)}, ${show("2 workers", two)}: speed-up ×${(one.seconds / two.seconds).toFixed(2)}`,
);
console.log(
  `  (machine load average over the last minute: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores; the speed-up needs two idle cores)`,
);
