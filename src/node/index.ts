/**
 * pay-by-results/node: the Node-only part of the library (file access). The core, `pay-by-results`, runs
 * anywhere and never imports `node:` modules.
 * @packageDocumentation
 */
export { readClaimsCsv, type ReadClaimsCsvOptions } from "./read-claims-csv.js";
