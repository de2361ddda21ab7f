/**
 * pay-by-results/node: the entry points that need Node.js (worker threads, files). The core, `pay-by-results`,
 * runs anywhere and never imports `node:` modules.
 * @packageDocumentation
 */

// simulation over worker threads
export { simulateInWorkers, type WorkerSimulationOptions } from "./simulate-in-workers.js";

// rate cards: the streaming CSV claims reader
export { readClaimsCsv, type ReadClaimsCsvOptions } from "./read-claims-csv.js";
