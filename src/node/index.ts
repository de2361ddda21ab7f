/**
 * pay-by-results/node: the entry points that need Node.js (worker threads, files). The core, `pay-by-results`,
 * runs anywhere and never imports `node:` modules.
 * @packageDocumentation
 */

// simulation over worker threads
export { simulateInWorkers, type WorkerSimulationOptions } from "./simulate-in-workers.js";

// rate cards: the streaming CSV claims reader. ClaimsError is exported here too: in CommonJS each entry point
// carries its own copy of the library's classes, so test `instanceof` against the copy of the entry point
// that threw (in ES modules both entry points share one copy).
export { readClaimsCsv, type ReadClaimsCsvOptions } from "./read-claims-csv.js";
export { ClaimsError } from "../claims/claims-error.js";

// spreadsheets: .xlsx workbooks of a settlement and of a claims settlement (the optional dependency
// write-excel-file writes them, loaded on the first call)
export { settlementWorkbook, claimsWorkbook, type WorkbookOptions } from "./workbook.js";
export { WorkbookError } from "../errors/workbook-error.js";
