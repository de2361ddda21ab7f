/**
 * The worker thread of `simulateInWorkers`: runs one contiguous range of a simulation's runs and sends back
 * their rows. Each run is seeded from (seed, run index), so the rows are the ones a single thread computes.
 */
import { parentPort, workerData } from "node:worker_threads";
import { planSimulation, simulateRange, type SimulationOptions } from "../finance/simulate.js";
import type { Contract } from "../contract/types.js";

interface Job {
  readonly contract: Contract;
  readonly options: SimulationOptions;
  readonly from: number;
  readonly to: number;
}

const job = workerData as Job;
const port = parentPort!;
const plan = planSimulation(job.contract, job.options);
const every = Math.max(1, Math.floor((job.to - job.from) / 50));
let reported = 0;
const rows = simulateRange(plan, job.options.seed, job.from, job.to, (done) => {
  if (done % every === 0) {
    port.postMessage({ type: "progress", done: done - reported });
    reported = done;
  }
});
port.postMessage({ type: "progress", done: job.to - job.from - reported });
port.postMessage({ type: "rows", rows }, [rows.buffer as ArrayBuffer]);
