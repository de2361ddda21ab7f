// "How caps interact" of docs/pricing/linear.md: the bundled FIS contract (examples/fis-dispersione/contract.json
// of the clone; here read through the package's own folder) with its three school years verified at the rates
// given (`node bundled.mjs 16.0 16.0 16.0`), as known on 2029-12-31.
import { readJson } from "./json-files.mjs";
import { printSettlement, verifiedEachYear } from "./worked-example.mjs";

const contract = readJson("node_modules/pay-by-results/examples/fis-dispersione/contract.json");
const periods = contract.periods.map((period) => period.id);
const events = verifiedEachYear("dropout-rate", process.argv.slice(2), { recordedOn: "10-15", periods });
printSettlement(contract, events, "2029-12-31");
