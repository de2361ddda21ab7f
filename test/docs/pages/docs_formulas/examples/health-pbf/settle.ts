/**
 * A performance-based-financing contract of one health centre: a price per verified visit from a decision
 * table (by indicator, region and facility type; a new price from 1 July), a quality bonus and a growth
 * payment written as formulas, and an amendment raising the bonus from the third quarter.
 * Run with `npm run example:formulas`.
 */
import { readFileSync } from "node:fs";
import { explain, parseContract, parseEvents, settle, termsInForce } from "pay-by-results";

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));
const contract = parseContract(read("./contract.json"));
const events = parseEvents(read("./events.json"), { contract });

const q3 = termsInForce(contract, "2027-Q3", { asOf: "2027-12-31" });
console.log(
  `Terms for 2027-Q3: bonusRate ${String(q3.terms.parameters?.bonusRate)} (amendments: ${q3.amendments.map((a) => a.id).join(", ")})\n`,
);
console.log(explain(settle(contract, events, { asOf: "2027-12-31" })));
