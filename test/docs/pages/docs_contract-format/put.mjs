// node put.mjs FRAGMENT... : puts the page's fragments into a small contract and its events. Writes contract.json,
// the one-tranche contract of small-contract.json with each contract fragment in its place: a `"key": value`
// fragment at the top of the contract, a party, metric, period or cohort in its list (replacing the entry with
// the same id), a tranche in place of the contract's only tranche. The event fragments (an event, or a list of
// events) are written, in the order given, as events.json.
import { readFileSync, writeFileSync } from "node:fs";
import { readJson } from "./json-files.mjs";

const contract = readJson("small-contract.json");
const events = [];

function putById(list, entry) {
  const at = list.findIndex((item) => item.id === entry.id);
  if (at >= 0) list[at] = entry;
  else list.push(entry);
}

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8").trim();
  const part = JSON.parse(text.startsWith('"') ? `{${text}}` : text);
  if (text.startsWith('"')) Object.assign(contract, part);
  else if (Array.isArray(part)) events.push(...part);
  else if (part.type === "result" || part.type === "payment") events.push(part);
  else if ("roles" in part) putById(contract.parties, part);
  else if ("baseline" in part) putById(contract.metrics, part);
  else if ("covers" in part) contract.tranches = [part];
  else if ("start" in part) putById(contract.periods, part);
  else {
    contract.cohorts ??= [];
    putById(contract.cohorts, part);
  }
}
writeFileSync("contract.json", `${JSON.stringify(contract, null, 2)}\n`);
if (events.length > 0) writeFileSync("events.json", `${JSON.stringify(events, null, 2)}\n`);
