// docs/it/esempio-fis.md: the refund payments the page shows (restituzione.json, a fragment of a list) added to
// the example's events, as events-restituzione.json.
import { readFileSync, writeFileSync } from "node:fs";

const events = JSON.parse(readFileSync("examples/fis-dispersione/events.json", "utf8"));
const added = JSON.parse(`[${readFileSync("restituzione.json", "utf8")}]`);
writeFileSync("events-restituzione.json", `${JSON.stringify([...events, ...added], null, 2)}\n`);
