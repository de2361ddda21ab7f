// docs/it/esempio-fis.md: the refund payments the page shows (restituzione.json, a fragment of a list) added to
// the example's events, as events-restituzione.json.
import { readFileSync, writeFileSync } from "node:fs";
import { readJson } from "./json-files.mjs";

const events = readJson("examples/fis-dispersione/events.json");
const added = JSON.parse(`[${readFileSync("restituzione.json", "utf8")}]`);
writeFileSync("events-restituzione.json", `${JSON.stringify([...events, ...added], null, 2)}\n`);
