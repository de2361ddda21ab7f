// The decision table of the page (tables.json, a fragment of a contract) in the contract of the bundled example
// examples/health-pbf (copied from the package by the page's first directive), settled on its events as of
// 2027-12-31: prints each lookup the explanation shows.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";

const contract = JSON.parse(readFileSync("examples/health-pbf/contract.json", "utf8"));
contract.tables = JSON.parse(`{${readFileSync("tables.json", "utf8")}}`).tables;
const events = JSON.parse(readFileSync("examples/health-pbf/events.json", "utf8"));
const lines = explain(settle(contract, events, { asOf: "2027-12-31" })).split("\n");
console.log(lines.filter((line) => /^Tranche |^ +table /.test(line)).join("\n"));
