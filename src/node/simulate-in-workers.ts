import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Contract } from "../contract/types.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { planSimulation, summarize, type SimulationOptions, type SimulationResult } from "../finance/simulate.js";

export interface WorkerSimulationOptions {
  /** How many worker threads (default: the machine's available parallelism, at most the number of runs). */
  readonly workers?: number;
}

/**
 * How to start a worker: the built `simulation-worker.js` beside this module; or, when the library runs
 * from its TypeScript sources (its own tests and benchmarks, under tsx or vitest), the `.ts` source loaded
 * through tsx's loader registered inside the worker.
 */
function workerSource(): { source: URL | string; eval: boolean } {
  const built = new URL("./simulation-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return { source: built, eval: false };
  const source = new URL("./simulation-worker.ts", import.meta.url).href;
  return {
    source: `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
    eval: true,
  };
}

/**
 * The flags a worker starts with. A worker inherits the process's `execArgv` unless given its own, and refuses
 * (ERR_WORKER_INVALID_EXEC_ARGV) the V8 and per-process flags in it, e.g. `node --max-old-space-size=4096`, while
 * `--input-type=module` stops a worker started from a file. The worker needs none of them (its source is the
 * built file, or the TypeScript source with tsx registered inside it): it starts with none, and the old-space
 * size the process was given, if any, becomes the worker's heap limit.
 */
function workerFlags(flags: readonly string[]): {
  execArgv: string[];
  resourceLimits: { maxOldGenerationSizeMb?: number };
} {
  let megabytes: number | undefined;
  for (const flag of flags) {
    // node takes both spellings; the last one given wins
    const value = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(flag)?.[1];
    if (value !== undefined && Number(value) > 0) megabytes = Number(value);
  }
  return { execArgv: [], resourceLimits: megabytes === undefined ? {} : { maxOldGenerationSizeMb: megabytes } };
}

/**
 * `simulate`, with the runs spread over worker threads: the runs are cut into contiguous ranges, one per
 * worker, and the rows put back in run order before the summary. Each run is seeded from the seed and its
 * index, so the result is exactly the one `simulate` gives on one thread, whatever the number of workers.
 * `onProgress` is called in this thread as the workers report.
 *
 * @example
 * import { simulateInWorkers } from "pay-by-results/node";
 * const result = await simulateInWorkers(contract, { runs: 100_000, seed: 7, results }, { workers: 2 });
 * @throws OptionsError (as a rejected promise) when the options are not valid, or `workers` is not a whole number from 1 to 256.
 */
export async function simulateInWorkers(
  contract: Contract,
  options: SimulationOptions,
  workerOptions: WorkerSimulationOptions = {},
): Promise<SimulationResult> {
  const plan = planSimulation(contract, options);
  const requested = workerOptions.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1 || requested > 256) {
    throw new OptionsError([issue(["workers"], "invalid_workers", "workers must be a whole number from 1 to 256")]);
  }
  const count = Math.min(requested, options.runs);
  const { source, eval: evaluate } = workerSource();
  const { execArgv, resourceLimits } = workerFlags(process.execArgv);
  const plain: SimulationOptions = {
    runs: options.runs,
    seed: options.seed,
    results: options.results,
    ...(options.percentiles !== undefined ? { percentiles: options.percentiles } : {}),
  };
  let done = 0;
  const ranges = Array.from({ length: count }, (_, index) => ({
    from: Math.floor((options.runs * index) / count),
    to: Math.floor((options.runs * (index + 1)) / count),
  }));
  const workers: Worker[] = [];
  try {
    const parts = await Promise.all(
      ranges.map(
        ({ from, to }) =>
          new Promise<Float64Array>((resolve, reject) => {
            const worker = new Worker(source, {
              workerData: { contract: plan.contract, options: plain, from, to },
              eval: evaluate,
              execArgv,
              resourceLimits,
            });
            workers.push(worker);
            worker.on(
              "message",
              (message: { type: "progress"; done: number } | { type: "rows"; rows: Float64Array }) => {
                if (message.type === "progress") {
                  done += message.done;
                  options.onProgress?.(done, options.runs);
                } else resolve(message.rows);
              },
            );
            worker.on("error", reject);
            worker.on("exit", (code) => {
              if (code !== 0) reject(new Error(`simulation worker stopped with exit code ${code}`));
            });
          }),
      ),
    );
    const rows = new Float64Array(options.runs * plan.columns);
    let offset = 0;
    for (const part of parts) {
      rows.set(part, offset);
      offset += part.length;
    }
    return summarize(plan, options, rows);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
