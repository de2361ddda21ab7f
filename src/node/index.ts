/**
 * pay-by-results/node: the entry points that need Node.js (worker threads, files).
 * @packageDocumentation
 */

// simulation over worker threads
export { simulateInWorkers, type WorkerSimulationOptions } from "./simulate-in-workers.js";
