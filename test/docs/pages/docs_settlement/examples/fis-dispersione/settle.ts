/**
 * Settles the bundled FIS example as known on a date and prints the explanation.
 *   npm run example               (as of 2028-03-31)
 *   npm run example -- 2027-12-31 (as of another date)
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { explain, parseContract, parseEvents, settle } from "pay-by-results";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const contract = parseContract(JSON.parse(readFileSync(here("./contract.json"), "utf8")));
const events = parseEvents(JSON.parse(readFileSync(here("./events.json"), "utf8")), { contract });
const asOf = process.argv[2] ?? "2028-03-31";

console.log(explain(settle(contract, events, { asOf })));
